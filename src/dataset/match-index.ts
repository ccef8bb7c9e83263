/**
 * The compact match index (docs/design.md §4): a character trie over folded alias text, flattened
 * into typed arrays. Built by trie-build.ts: in the background for a whole dataset, and in the
 * content script from the shards a page needs (loaded-index.ts; the stored form is stored-index.ts).
 *
 * Layout, for node n:
 *   edges       edgeStart[n] .. edgeStart[n+1]   (edgeChar sorted ascending)
 *   terminals   bit n of terminalBits says whether aliases end at n; if so, n is
 *               terminalNode[t] for some t, and terminalStart[t] .. terminalStart[t+1]
 *               are its alias records in terminalAlias. Most nodes end no alias, so one
 *               bit a node replaces four bytes a node.
 * For alias record a: aliasEntity[a], aliasFlags[a] (the FLAG_ bits below), aliasPattern[a]
 * (the case-preserving fold, checked only for case-sensitive aliases) and aliasRules[a] (its
 * context rules, alias-rules.ts; '' for none).
 */
import type { CategoryId } from './categories';

export const FLAG_CASE_SENSITIVE = 1;
export const FLAG_AMBIGUOUS = 2;
/** A given name, not an alias: it names no entity, and tells whose name may follow it. */
export const FLAG_GIVEN = 4;
/** Counts only where the page names the entity another way, or a related one (resolve.ts). */
export const FLAG_CONTEXT = 8;
/**
 * An inflected form ("Зеленського") carries its language in the flags' top four bits: the
 * position in INFLECTED_LANGUAGES plus one. It matches only on a page in that language;
 * every other record (0 there) matches on any page.
 */
export const FLAG_LANGUAGE_SHIFT = 4;
/** The languages whose names are inflected when the index is compiled (src/dataset/inflect). */
export const INFLECTED_LANGUAGES = ['uk', 'ru', 'pl', 'cs', 'de'] as const;
export type InflectedLanguage = (typeof INFLECTED_LANGUAGES)[number];

/** The flags' language number for a page language ("uk", "uk-UA"); 0 for none with inflected forms. */
export function languageNumber(language: string | null | undefined): number {
  if (!language) return 0;
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? '';
  return (INFLECTED_LANGUAGES as readonly string[]).indexOf(primary) + 1;
}

/** The entity of a given-name record, which has none. */
export const NO_ENTITY = 0xffffffff;

/** The index, ready for matching. */
export interface MatchIndex {
  datasetId: string;
  datasetVersion: number;
  entityIds: string[];
  entityCategories: CategoryId[];
  relatedStart: Uint32Array;
  related: Uint32Array;
  edgeStart: Uint32Array;
  edgeChar: Uint16Array;
  /*
   * No edge-target array: nodes are numbered breadth-first and each node's children in
   * key order, so edge e always leads to node e + 1. That saves 4 bytes an edge, about a
   * third of the index.
   */
  terminalBits: Uint8Array;
  terminalNode: Uint32Array;
  terminalStart: Uint32Array;
  terminalAlias: Uint32Array;
  aliasEntity: Uint32Array;
  aliasFlags: Uint8Array;
  aliasPattern: string[];
  aliasRules: string[];
  /**
   * rootGate[c] is 1 when the ASCII character c, exactly as written in the page, can begin
   * some alias. Case-sensitive names begin with their own first letter (or its capital, for
   * ALL-CAPS headlines), so most lower-case words are passed over with one look-up.
   */
  rootGate: Uint8Array;
}

const entityPositions = new WeakMap<MatchIndex, Map<string, number>>();

/** Entity id -> its position in the index, built once per index (not once per scan). */
export function entityPosition(index: MatchIndex): Map<string, number> {
  let positions = entityPositions.get(index);
  if (!positions) {
    positions = new Map(index.entityIds.map((id, i) => [id, i]));
    entityPositions.set(index, positions);
  }
  return positions;
}
