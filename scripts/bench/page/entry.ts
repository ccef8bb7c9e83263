/**
 * The bench bundle: Backstory's own content-script modules (text collector, matcher,
 * resolver, ranges, visibility, highlights, hover look-up), plus the floor and the peers,
 * built as one IIFE that the harness injects into a page and drives with page.evaluate.
 * Every timing is taken inside the page with performance.now(), so no driver round trip is
 * ever measured.
 *
 * `annotate` mirrors Annotator.scan + paint in src/content/index.ts, minus the storage reads
 * (the index head and shards are handed over as the stored JSON, and checked here) and the
 * card read. When the content script's pipeline changes, change this to follow it.
 */
import type { MatchIndex } from '../../../src/dataset/match-index';
import { aliasRecords, compileMatchIndex, compileShardedIndex } from '../../../src/dataset/compile';
import { LoadedIndex } from '../../../src/dataset/loaded-index';
import { parseShard, shardKey, StoredIndexHead, type StoredShard } from '../../../src/dataset/stored-index';
import { LOAD_TEXT_CHARS, storedJson, type StoredJson } from '../stored';
import { findMentions } from '../../../src/dataset/match';
import { resolveMentions } from '../../../src/dataset/resolve';
import type { CategoryId } from '../../../src/dataset/schema';
import { collectText } from '../../../src/content/text-collector';
import { toPageMentions, type PageMention } from '../../../src/content/mention-ranges';
import { dropHidden } from '../../../src/content/visibility';
import { paintHighlights } from '../../../src/content/highlights';
import { MentionLookup } from '../../../src/content/hover';
import { DEFAULT_SETTINGS, enabledCategories } from '../../../src/shared/settings';
import { newsText, syntheticDataset, personNames } from '../synthetic';
import { aliasesWithName, aliasText } from '../../../src/dataset/schema';
import { expandAliasTemplate } from '../../../src/dataset/normalize';

export interface Timed {
  /** Synchronous script time, ms. */
  sync: number;
  /** From the start to the second animation frame after the work, ms (includes style and paint). */
  frame2: number;
  /** Phase breakdown, ms. */
  phases?: Record<string, number>;
  /** Matches found, mentions painted, or text nodes read. */
  count: number;
  /** A failure inside our pipeline (the figure is then incomplete). */
  error?: string;
}

const now = (): number => performance.now();

function twoFrames(): Promise<number> {
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(now()))));
}

let pageMentions: PageMention[] = [];

/** What the content script does with the stored index before matching `text`: head, then the shards it needs. */
function loadIndex(stored: StoredJson, text: string): { index: MatchIndex; shards: number; records: number } {
  const loaded = new LoadedIndex(StoredIndexHead.parse(JSON.parse(stored.head)));
  const need = loaded.missing(text);
  loaded.add(
    need,
    need.map((b) => parseShard(stored.shards[b])),
  );
  const index = loaded.index;
  return { index, shards: need.length, records: index.aliasEntity.length };
}

/** Our pipeline on the current page, from the stored index (JSON) to registered highlights. */
async function annotate(stored: StoredJson): Promise<Timed> {
  await twoFrames();
  const t0 = now();
  const collected = collectText(document.body ?? document.documentElement, new Set());
  const t1 = now();
  const { index } = loadIndex(stored, collected.text);
  const t2 = now();
  const found = findMentions(index, collected.text);
  const t3 = now();
  const mentions = resolveMentions(found, index);
  const t4 = now();
  const positions = new Map(index.entityIds.map((id, i) => [id, i]));
  const categoryOf = (id: string): CategoryId => index.entityCategories[positions.get(id) ?? 0] ?? 'person';
  const ranges = toPageMentions(collected, mentions, categoryOf);
  const t5 = now();
  const visible = dropHidden(ranges);
  const t6 = now();
  let paintError = '';
  try {
    paintHighlights(
      visible,
      new Set(enabledCategories(DEFAULT_SETTINGS)),
      DEFAULT_SETTINGS.firstMentionOnly,
      DEFAULT_SETTINGS.highlightStyle,
    );
  } catch (error) {
    // reported, not hidden: the harness prints it beside the figure
    paintError = String(error);
  }
  const t7 = now();
  const end = await twoFrames();
  pageMentions = visible;
  return {
    sync: t7 - t0,
    frame2: end - t0,
    count: visible.length,
    ...(paintError ? { error: paintError } : {}),
    phases: {
      collect: t1 - t0,
      index: t2 - t1,
      match: t3 - t2,
      resolve: t4 - t3,
      ranges: t5 - t4,
      visibility: t6 - t5,
      paint: t7 - t6,
      chars: collected.text.length,
    },
  };
}

const FLOOR_SKIPPED = new Set(['script', 'style', 'noscript', 'template']);

/** The floor: a bare TreeWalker pass that reads every visible text node's data, and nothing else. */
async function floor(): Promise<Timed> {
  await twoFrames();
  const t0 = now();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let chars = 0;
  let nodes = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentNode as Element | null;
    if (parent && FLOOR_SKIPPED.has(parent.localName)) continue;
    chars += (node as Text).data.length;
    nodes++;
  }
  const t1 = now();
  const end = await twoFrames();
  return { sync: t1 - t0, frame2: end - t0, count: nodes, phases: { chars } };
}

interface MarkInstance {
  mark(keywords: string[], options: object): void;
  markRegExp(regexp: RegExp, options: object): void;
}
type MarkConstructor = new (context: Element) => MarkInstance;
type FindAndReplace = (node: Element, options: { find: RegExp; wrap: string }) => unknown;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation, longest alias first, on word boundaries; case-sensitive like our person aliases. */
export function alternation(aliases: readonly string[]): RegExp {
  const sorted = [...aliases].sort((a, b) => b.length - a.length);
  return new RegExp(`\\b(?:${sorted.map(escapeRegExp).join('|')})\\b`, 'g');
}

/** A peer on the current page. `mark` takes the first `limit` aliases (the harness extrapolates). */
async function peer(kind: 'mark' | 'markRegExp' | 'findAndReplaceDOMText', aliases: string[], limit = aliases.length): Promise<Timed> {
  const w = window as unknown as { Mark: MarkConstructor; findAndReplaceDOMText: FindAndReplace };
  let count = 0;
  await twoFrames();
  const t0 = now();
  if (kind === 'mark') {
    // mark.js recurses once per keyword and overflows the stack at about a thousand, so the
    // list goes in chunks of 100 (the same passes, one call per chunk).
    const instance = new w.Mark(document.body);
    const list = aliases.slice(0, limit);
    for (let i = 0; i < list.length; i += 100) {
      instance.mark(list.slice(i, i + 100), {
        separateWordSearch: false,
        diacritics: false,
        caseSensitive: true,
        each: () => {
          count++;
        },
      });
    }
  } else if (kind === 'markRegExp') {
    new w.Mark(document.body).markRegExp(alternation(aliases), {
      each: () => {
        count++;
      },
    });
  } else {
    w.findAndReplaceDOMText(document.body, { find: alternation(aliases), wrap: 'mark' });
    count = document.getElementsByTagName('mark').length;
  }
  const t1 = now();
  const end = await twoFrames();
  return { sync: t1 - t0, frame2: end - t0, count };
}

export interface LoadTimes {
  /** Head read/parse + zod check + LoadedIndex, ms. */
  head: number[];
  /** Hashing the page's word starts to find the shards it needs, ms. */
  words: number[];
  /** Shard read/parse + zod check, ms. */
  shards: number[];
  /** Building the trie from what was read, ms. */
  build: number[];
  total: number[];
  shardCount: number;
  records: number;
}

function emptyLoadTimes(): LoadTimes {
  return { head: [], words: [], shards: [], build: [], total: [], shardCount: 0, records: 0 };
}

/** Builds the trie from the read shards and records the load's times (t0 start, t1 head, t2 words, t3 shards read). */
function finishLoad(
  out: LoadTimes,
  loaded: LoadedIndex,
  need: number[],
  shards: (StoredShard | undefined)[],
  [t0, t1, t2, t3]: number[],
): void {
  loaded.add(need, shards);
  out.records = loaded.index.aliasEntity.length;
  const t4 = now();
  out.shardCount = need.length;
  out.head.push((t1 as number) - (t0 as number));
  out.words.push((t2 as number) - (t1 as number));
  out.shards.push((t3 as number) - (t2 as number));
  out.build.push(t4 - (t3 as number));
  out.total.push(t4 - (t0 as number));
}

/** Index load in the page, with no storage: the stored JSON of the head and needed shards is parsed, checked and built. */
function indexLoad(stored: StoredJson, reps: number, text: string): LoadTimes {
  const out = emptyLoadTimes();
  for (let r = 0; r < reps; r++) {
    const t0 = now();
    const loaded = new LoadedIndex(StoredIndexHead.parse(JSON.parse(stored.head)));
    const t1 = now();
    const need = loaded.missing(text);
    const t2 = now();
    const shards = need.map((b) => parseShard(stored.shards[b]));
    finishLoad(out, loaded, need, shards, [t0, t1, t2, now()]);
  }
  return out;
}

/**
 * Hover hit-test: MentionLookup over the painted mentions, then `at(x, y)` at points on
 * mentions and between them, at several scroll positions, after the page is laid out (as on
 * a pointer frame). Returns ms per call for each batch.
 */
async function hover(batches: number, perBatch: number): Promise<{ mentions: number; build: number; perCall: number[]; hits: number }> {
  const t0 = now();
  const lookup = new MentionLookup(pageMentions, () => true);
  const build = now() - t0;
  const perCall: number[] = [];
  let hits = 0;
  const height = document.documentElement.scrollHeight;
  for (let b = 0; b < batches; b++) {
    window.scrollTo(0, Math.floor((height - innerHeight) * (b / Math.max(1, batches - 1))));
    await twoFrames();
    // points: centres of mention rects in view, and points beside them
    const points: [number, number][] = [];
    for (const m of pageMentions) {
      const rect = m.range.getBoundingClientRect();
      if (rect.bottom < 0 || rect.top > innerHeight) continue;
      points.push([rect.left + rect.width / 2, rect.top + rect.height / 2]);
      points.push([Math.min(innerWidth - 1, rect.right + 6), rect.top + rect.height / 2]);
      if (points.length >= perBatch) break;
    }
    await twoFrames();
    const t = now();
    for (const [x, y] of points) if (lookup.at(x, y)) hits++;
    perCall.push((now() - t) / Math.max(1, points.length));
  }
  return { mentions: pageMentions.length, build, perCall, hits };
}

type AhoCorasickConstructor = new (keywords: string[]) => { search(text: string): [number, string[]][] };

/** Aliases of a dataset, one per expanded variant, as the peers take them. */
function aliasStrings(aliasCount: number): string[] {
  const out = new Set<string>();
  for (const e of syntheticDataset(aliasCount).entities) {
    for (const { alias } of aliasesWithName(e)) for (const v of expandAliasTemplate(aliasText(alias))) out.add(v);
  }
  return [...out];
}

const texts = new Map<number, string>();
function text(chars: number): string {
  let t = texts.get(chars);
  if (!t) {
    t = newsText(chars);
    texts.set(chars, t);
  }
  return t;
}

interface MatcherResult {
  aliases: number;
  /** Alias records compiled: aliases, their inflected forms, given names. */
  records: number;
  buildMs: number;
  indexBytes: number;
  load: LoadTimes;
  sizes: Record<
    string,
    { ours: number[]; floor: number[]; aho: number[]; regexp: number[]; mentions: number; ahoHits: number; regexpHits: number }
  >;
  ahoBuildMs: number;
  regexpBuildMs: number;
}

/**
 * Matcher throughput in this engine: ms per pass for each method; the harness turns them into
 * Mchar/s. With `language`, the aliases are spelt in that language: their inflected forms are
 * compiled in, and the text is matched as a page in that language, so every form is live.
 */
function matcher(aliasCount: number, sizes: number[], reps: number, peersToo: boolean, language?: string): MatcherResult {
  const dataset = syntheticDataset(aliasCount, language);
  const tb = now();
  const index: MatchIndex = compileMatchIndex(dataset);
  const buildMs = now() - tb;
  const stored = storedJson(compileShardedIndex(dataset));
  const aliases = aliasStrings(aliasCount);
  let aho: InstanceType<AhoCorasickConstructor> | null = null;
  let ahoBuildMs = NaN;
  let regexp: RegExp | null = null;
  let regexpBuildMs = NaN;
  if (peersToo) {
    const ta = now();
    aho = new (window as unknown as { AhoCorasick: AhoCorasickConstructor }).AhoCorasick(aliases);
    ahoBuildMs = now() - ta;
    const tr = now();
    regexp = alternation(aliases);
    regexp.test('warm up the compiled expression with ' + (personNames(0).aliases[0] as string));
    regexp.lastIndex = 0;
    regexpBuildMs = now() - tr;
  }
  const indexBytes = [
    stored.head,
    ...Object.keys(stored.shards).map((b) => `${shardKey(1, Number(b))}${stored.shards[b] as string}`),
  ].reduce((sum, part) => sum + new TextEncoder().encode(part).length, 0);
  const result: MatcherResult = {
    aliases: aliases.length,
    records: aliasRecords(dataset).length,
    buildMs,
    indexBytes,
    load: indexLoad(stored, reps, text(LOAD_TEXT_CHARS)),
    sizes: {},
    ahoBuildMs,
    regexpBuildMs,
  };
  for (const size of sizes) {
    const input = text(size);
    const row = {
      ours: [] as number[],
      floor: [] as number[],
      aho: [] as number[],
      regexp: [] as number[],
      mentions: 0,
      ahoHits: 0,
      regexpHits: 0,
    };
    findMentions(index, input.slice(0, 100_000), 0, 100_000, language); // warm-up: the first call compiles
    for (let r = 0; r < reps; r++) {
      let t = now();
      let sum = 0;
      for (let i = 0; i < input.length; i++) sum = (sum + input.charCodeAt(i)) | 0;
      row.floor.push(now() - t);
      if (sum === 42) console.log(sum);
      t = now();
      row.mentions = findMentions(index, input, 0, input.length, language).length;
      row.ours.push(now() - t);
      if (aho && regexp) {
        t = now();
        row.ahoHits = aho.search(input).length;
        row.aho.push(now() - t);
        t = now();
        regexp.lastIndex = 0;
        let hits = 0;
        while (regexp.exec(input) !== null) hits++;
        row.regexpHits = hits;
        row.regexp.push(now() - t);
      }
    }
    result.sizes[String(size)] = row;
  }
  return result;
}

/**
 * Index load as the content script does it (readActiveIndexRaw and parseActiveIndex, then readShards for the page's
 * words, then the trie), run in an extension page where `chrome.storage` exists, for a
 * generated news text of LOAD_TEXT_CHARS that names people of the synthetic datasets, or
 * for `pageText` (a real page's text, as the content script collects it).
 */
async function storageLoad(reps: number, pageText?: string): Promise<LoadTimes> {
  type Local = { get(keys: string | string[]): Promise<Record<string, unknown>> };
  const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
  const page = pageText ?? text(LOAD_TEXT_CHARS);
  const out = emptyLoadTimes();
  for (let r = 0; r < reps; r++) {
    const t0 = now();
    const head = StoredIndexHead.parse((await local.get('activeIndex')).activeIndex);
    const loaded = new LoadedIndex(head);
    const t1 = now();
    const need = loaded.missing(page);
    const t2 = now();
    const stored = need.length > 0 ? await local.get(need.map((b) => shardKey(head.datasetVersion, b))) : {};
    const shards = need.map((b) => parseShard(stored[shardKey(head.datasetVersion, b)]));
    finishLoad(out, loaded, need, shards, [t0, t1, t2, now()]);
  }
  return out;
}

/** The current page's text as the content script collects it. */
function pageText(): string {
  return collectText(document.body ?? document.documentElement, new Set()).text;
}

const api = { pageText, annotate, floor, peer, indexLoad, hover, matcher, storageLoad, highlightCount: () => CSS.highlights.size };
export type BenchApi = typeof api;
(window as unknown as { __bench: BenchApi }).__bench = api;
