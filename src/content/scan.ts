/**
 * One scan of the page, or of the parts that changed: collect the text, read the index shards
 * its words need, match, resolve, and turn mentions into DOM ranges, all in slices
 * (slices.ts). Mentions outside the changed parts are kept as they are.
 */
import { entityPosition } from '../dataset/match-index';
import { parseShard } from '../dataset/stored-index';
import type { LoadedIndex } from '../dataset/loaded-index';
import { collectRejections, findMentions, type Mention, type Rejection } from '../dataset/match';
import { resolveMentions } from '../dataset/resolve';
import type { CategoryId } from '../dataset/categories';
import { CardShelf, readShards } from '../shared/dataset-storage';
import type { ActiveDataset } from '../shared/storage';
import { TextCollector, type CollectedText } from './text-collector';
import { pageLanguage } from './page-language';
import { toPageMentions, type PageMention } from './mention-ranges';
import type { MentionLookup } from './hover';
import type { ChangedParts } from './page-changes';
import type { TurnedDown } from './debug-report';
import { insertInOrder, insideAny, outermost } from './dom-order';
import { chunkEnd, RANGE_CHUNK, SLICE_MS, Slices, WORDS_CHUNK } from './slices';

/** What the content script knows about the page after a scan. */
export interface PageState {
  dataset: ActiveDataset | null;
  mentions: PageMention[];
  /** Names found but turned down by a context rule, for the debug report. */
  turnedDown: TurnedDown[];
  cards: CardShelf;
  lookup: MentionLookup;
  date: string;
  /** The page's language (page-language.ts), '' when unknown: whose inflected name forms match. */
  language?: string;
}

export interface ScanInput {
  loaded: LoadedIndex;
  previous: PageState | null;
  parts: ChangedParts;
  /** Elements never read (our card host). */
  exclude: ReadonlySet<Element>;
  signal: AbortSignal;
}

export interface ScanResult {
  whole: boolean;
  mentions: PageMention[];
  turnedDown: TurnedDown[];
  cards: CardShelf;
  language: string;
  /** The slices the scan ran in: what follows goes on in them. */
  slices: Slices;
}

/** Scans the page or its changed parts; null when the page went away meanwhile. */
export async function scanPage({ loaded, previous, parts, exclude, signal }: ScanInput): Promise<ScanResult | null> {
  const slices = new Slices(signal);
  const whole = parts === 'all' || !previous;
  const roots = whole ? [document.body ?? document.documentElement] : outermost([...parts]).filter((r) => r.isConnected);
  // Mentions outside the changed parts stay, unless their text has left the page.
  const rootSet = new Set<Node>(roots);
  const stays = (m: PageMention): boolean => m.nodes.every((n) => n.isConnected) && !insideAny(m.nodes[0] ?? null, rootSet);
  const kept = whole ? [] : (previous?.mentions ?? []).filter(stays);
  const turnedDown = whole ? [] : (previous?.turnedDown ?? []).filter((t) => stays(t.mention));

  const texts: CollectedText[] = [];
  for (const root of roots) {
    const collector = new TextCollector(root, exclude);
    while (!collector.run(slices.over)) if (!(await slices.next())) return null;
    texts.push(collector.result());
  }
  // Read again on a full scan only: a page keeps its language while parts of it change.
  const language =
    whole || previous?.language === undefined ? pageLanguage(document.documentElement, texts[0]?.text ?? '') : previous.language;
  // Read the index shards for the words these texts begin with, in one storage read.
  const wanted = new Set<number>();
  for (const { text } of texts) {
    for (let pos = 0; pos < text.length;) {
      if (!(await slices.checkpoint())) return null;
      const end = chunkEnd(text, pos, WORDS_CHUNK);
      for (const b of loaded.missing(text, pos, end)) wanted.add(b);
      pos = end;
    }
  }
  const need = [...wanted];
  if (need.length > 0) {
    const raw = await readShards(loaded.datasetVersion, need);
    if (signal.aborted) return null;
    // Damaged or missing shards come back undefined: their names go unmarked, nothing breaks.
    for (let i = 0; i < need.length; i++) {
      if (!(await slices.checkpoint())) return null;
      loaded.add([need[i] as number], [parseShard(raw[i])]);
    }
  }
  // Preparing the trie builder reads every record loaded so far, unchecked: it starts with
  // at least half a slice.
  if (!(await slices.checkpoint(SLICE_MS / 2))) return null;
  const index = await loaded.build(slices.over, slices.next);
  if (!index) return null;
  const read: { collected: CollectedText; found: Mention[]; rejected: Rejection[] }[] = [];
  for (const collected of texts) {
    const { text } = collected;
    const found: Mention[] = [];
    const rejected: Rejection[] = [];
    for (let pos = 0; pos < text.length;) {
      if (!(await slices.checkpoint())) return null;
      const end = chunkEnd(text, pos);
      collectRejections(rejected);
      for (const m of findMentions(index, text, pos, end, language)) found.push(m);
      collectRejections(null);
      pos = end;
    }
    read.push({ collected, found, rejected });
  }
  if (!(await slices.checkpoint())) return null;
  // Ambiguous names are resolved against everything on the page, kept mentions included.
  const keptAsFound: Mention[] = kept.map((m) => ({ start: 0, end: 0, entityIds: m.entityIds, aliasIndex: m.aliasIndex }));
  const resolved = resolveMentions([...keptAsFound, ...read.flatMap((r) => r.found)], index).slice(kept.length);
  const positions = entityPosition(index);
  const categoryOf = (id: string): CategoryId => index.entityCategories[positions.get(id) ?? 0] ?? 'person';
  let mentions = kept;
  let offset = 0;
  for (const { collected, found, rejected } of read) {
    const mine = resolved.slice(offset, offset + found.length);
    offset += found.length;
    // Names a rule turned down, placed in the page for the debug report.
    const place = (m: Mention, reason: TurnedDown['reason']): void => {
      for (const mention of toPageMentions(collected, [m], categoryOf)) turnedDown.push({ mention, reason });
    };
    for (const r of rejected)
      place(
        { start: r.start, end: r.end, entityIds: [r.entityId], aliasIndex: 0 },
        r.reason === 'given-name' ? 'given-name rule' : 'context rule',
      );
    mine.forEach((m, i) => {
      const before = found[i];
      if (m.entityIds.length === 0 && before) place(before, 'needs context');
    });
    // Ranges in slices as well. Hidden mentions are kept: whether one is seen is decided by
    // layout when it is drawn (near-viewport.ts) or listed, so text a page shows later
    // without changing its DOM (a tab, a carousel, a media query) is drawn when it appears.
    const ranged: PageMention[] = [];
    for (let i = 0; i < mine.length; i += RANGE_CHUNK) {
      if (!(await slices.checkpoint())) return null;
      for (const m of toPageMentions(collected, mine.slice(i, i + RANGE_CHUNK), categoryOf)) ranged.push(m);
    }
    mentions = insertInOrder(mentions, ranged);
  }
  // Cards are read when one is shown or the popup lists the page's people, not here: a page
  // naming a thousand people would read and copy a thousand cards into the tab at once.
  const cards = previous?.cards ?? new CardShelf(index.datasetVersion);
  return { whole, mentions, turnedDown, cards, language, slices };
}
