/**
 * The compact match index (DESIGN.md §4): a character trie over folded alias text, flattened
 * into typed arrays so it can be stored as a handful of base64 strings and loaded by the
 * content script with one storage read and no compilation.
 *
 * Layout, for node n:
 *   edges       edgeStart[n] .. edgeStart[n+1]   (edgeChar sorted ascending)
 *   terminals   bit n of terminalBits says whether aliases end at n; if so, n is
 *               terminalNode[t] for some t, and terminalStart[t] .. terminalStart[t+1]
 *               are its alias records in terminalAlias. Most nodes end no alias, so one
 *               bit a node replaces four bytes a node.
 * For alias record a: aliasEntity[a], aliasFlags[a] (bit 0 case-sensitive, bit 1 ambiguous),
 * aliasPattern[a] (the case-preserving fold, checked only for case-sensitive aliases).
 */
import * as z from 'zod/mini';
import { CATEGORY_IDS, type CategoryId } from './categories';
import { fromBase64, toBase64 } from './base64';

/** Raised whenever the stored layout changes; the background rebuilds older indexes. */
export const INDEX_FORMAT = 4;
export const FLAG_CASE_SENSITIVE = 1;
export const FLAG_AMBIGUOUS = 2;

/** The index as stored: plain JSON, checked with zod when it is read back. */
export const StoredMatchIndex = z.strictObject({
  format: z.literal(INDEX_FORMAT),
  datasetId: z.string(),
  datasetVersion: z.int().check(z.positive()),
  entityIds: z.array(z.string()),
  /** One digit per entity: the position of its category in CATEGORY_IDS. */
  entityCategories: z.string(),
  /** Related entity indices, `relatedStart` (n+1) delimiting each entity's slice. */
  relatedStart: z.string(),
  related: z.string(),
  edgeStart: z.string(),
  edgeChar: z.string(),
  terminalBits: z.string(),
  terminalNode: z.string(),
  terminalStart: z.string(),
  terminalAlias: z.string(),
  aliasEntity: z.string(),
  aliasFlags: z.string(),
  aliasPattern: z.array(z.string()),
  rootGate: z.string(),
});
export type StoredMatchIndex = z.infer<typeof StoredMatchIndex>;

/** The index decoded for matching. */
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
  /**
   * rootGate[c] is 1 when the ASCII character c, exactly as written in the page, can begin
   * some alias. Case-sensitive names begin with their own first letter (or its capital, for
   * ALL-CAPS headlines), so most lower-case words are passed over with one look-up.
   */
  rootGate: Uint8Array;
}

export function encodeMatchIndex(index: MatchIndex): StoredMatchIndex {
  return {
    format: INDEX_FORMAT,
    datasetId: index.datasetId,
    datasetVersion: index.datasetVersion,
    entityIds: index.entityIds,
    entityCategories: index.entityCategories.map((c) => CATEGORY_IDS.indexOf(c)).join(''),
    relatedStart: encode(index.relatedStart),
    related: encode(index.related),
    edgeStart: encode(index.edgeStart),
    edgeChar: encode(index.edgeChar),
    terminalBits: encode(index.terminalBits),
    terminalNode: encode(index.terminalNode),
    terminalStart: encode(index.terminalStart),
    terminalAlias: encode(index.terminalAlias),
    aliasEntity: encode(index.aliasEntity),
    aliasFlags: encode(index.aliasFlags),
    aliasPattern: index.aliasPattern,
    rootGate: encode(index.rootGate),
  };
}

export function decodeMatchIndex(stored: StoredMatchIndex): MatchIndex {
  const categories: CategoryId[] = [];
  for (let i = 0; i < stored.entityCategories.length; i++) {
    categories.push(CATEGORY_IDS[Number(stored.entityCategories[i])] ?? 'person');
  }
  return {
    datasetId: stored.datasetId,
    datasetVersion: stored.datasetVersion,
    entityIds: stored.entityIds,
    entityCategories: categories,
    relatedStart: new Uint32Array(decode(stored.relatedStart)),
    related: new Uint32Array(decode(stored.related)),
    edgeStart: new Uint32Array(decode(stored.edgeStart)),
    edgeChar: new Uint16Array(decode(stored.edgeChar)),
    terminalBits: new Uint8Array(decode(stored.terminalBits)),
    terminalNode: new Uint32Array(decode(stored.terminalNode)),
    terminalStart: new Uint32Array(decode(stored.terminalStart)),
    terminalAlias: new Uint32Array(decode(stored.terminalAlias)),
    aliasEntity: new Uint32Array(decode(stored.aliasEntity)),
    aliasFlags: new Uint8Array(decode(stored.aliasFlags)),
    aliasPattern: stored.aliasPattern,
    rootGate: new Uint8Array(decode(stored.rootGate)),
  };
}

/** The typed array's bytes, as stored. */
function encode(array: Uint32Array | Uint16Array | Uint8Array): string {
  return toBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

/**
 * Bytes as an ArrayBuffer of exactly their length, to view at any element width. A stored
 * string that is not base64 means the stored index is damaged: the background rebuilds it.
 */
function decode(text: string): ArrayBuffer {
  const bytes = fromBase64(text);
  if (!bytes) throw new Error('the stored match index is damaged (bad base64)');
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
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
