/**
 * The match index as stored: a small head plus shards that a page reads only when it needs
 * them (docs/decisions/0007-sharded-index.md).
 *
 * Every alias is filed under the hash of its first two *runs* of folded word characters
 * ("steve witkoff"; "u s" for "U.S. envoy"; "28 point" for "28-point plan"), or of its only
 * run ("witkoff"). A page can only mention an alias where its own text has the same runs at a
 * word start, so the content script hashes the first run, and the first two, of each
 * candidate word start in the page and reads the shards of those hashes that the head's Bloom
 * filter knows (a shard holds about eight records). It then builds a small trie from what it
 * read. A page reads the records its words can begin, whether the dataset has 200 aliases or
 * 200,000.
 *
 * Small datasets (the bundled one) keep the whole index, ready-built, inside the head: one
 * read and a decode, as before.
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema';
import { CATEGORY_IDS, type CategoryId } from './categories';
import { fromBase64, toBase64 } from './base64';
import { foldKey, isWordChar, SKIP } from './normalize';
import { FLAG_GIVEN, type MatchIndex } from './match-index';
import { forEachCandidate } from './match';
import { TrieBuilder, type AliasRecord, type IndexInput } from './trie-build';

/** Raised whenever the stored layout changes; the background rebuilds older indexes. */
export const STORED_INDEX_FORMAT = 8;
/** Up to this many alias records, a dataset is one shard kept inside the head. */
export const INLINE_RECORDS = 2_500;
const MAX_SHARD_BITS = 22;

/**
 * A shard, column by column: its entities (id, category as one digit, its position in
 * CATEGORY_IDS, and related ids), then its alias records, one position in each array per
 * record. Columns of strings and numbers are checked far faster than arrays of small tuples,
 * above all in a content script, where zod's code has not warmed up yet.
 */
export const StoredShard = lazySchema(() =>
  z.strictObject({
    ids: z.array(z.string()),
    categories: z.string(),
    related: z.array(z.array(z.string())),
    /** The folded key of each record (the trie's key). */
    keys: z.array(z.string()),
    /** Its case-preserving pattern, '' unless the alias is case-sensitive. */
    patterns: z.array(z.string()),
    flags: z.array(z.int()),
    /** Its context rules (alias-rules.ts), '' for none. */
    rules: z.array(z.string()),
    /** The position in `ids` of the record's entity; -1 for a given name, which has none. */
    entities: z.array(z.int()),
  }),
);
export type StoredShard = z.infer<typeof StoredShard>;

/**
 * A shard is stored as its JSON text: one string crosses from the browser's storage to the
 * tab far faster than thousands of small arrays, which both browsers would convert one by one.
 */
export function serializeShard(shard: StoredShard): string {
  return JSON.stringify(shard);
}

/** A stored shard, checked; undefined when it is missing or damaged. */
export function parseShard(value: unknown): StoredShard | undefined {
  if (typeof value !== 'string') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = StoredShard.safeParse(json);
  if (!parsed.success) return undefined;
  const shard = parsed.data;
  const entities = shard.ids.length;
  const records = shard.keys.length;
  // columns of unequal length: damaged
  if (shard.categories.length !== entities || shard.related.length !== entities) return undefined;
  if (shard.patterns.length !== records || shard.flags.length !== records || shard.rules.length !== records || shard.entities.length !== records) return undefined;
  return shard;
}

/**
 * A built trie as stored: its typed arrays as base64 of their bytes. A small dataset is
 * stored this way inside the head, so a tab decodes it (well under a millisecond) instead
 * of building it from records.
 */
export const StoredTrie = lazySchema(() =>
  z.strictObject({
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
    aliasRules: z.array(z.string()),
    rootGate: z.string(),
  }),
);
export type StoredTrie = z.infer<typeof StoredTrie>;

export function encodeTrie(index: MatchIndex): StoredTrie {
  const encode = (array: Uint32Array | Uint16Array | Uint8Array): string => toBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return {
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
    aliasRules: index.aliasRules,
    rootGate: encode(index.rootGate),
  };
}

/** Bytes as an ArrayBuffer of exactly their length, to view at any element width. */
function bytes(text: string): ArrayBuffer {
  const decoded = fromBase64(text);
  if (!decoded) throw new Error('the stored match index is damaged (bad base64)');
  return decoded.byteOffset === 0 && decoded.buffer.byteLength === decoded.byteLength ? (decoded.buffer as ArrayBuffer) : decoded.slice().buffer;
}

/** The category whose position in CATEGORY_IDS is the digit at `i` of `digits` (stored categories are one digit each). */
function categoryAt(digits: string, i: number): CategoryId {
  return CATEGORY_IDS[Number(digits[i])] ?? 'person';
}

export function decodeTrie(head: { datasetId: string; datasetVersion: number }, stored: StoredTrie): MatchIndex {
  const categories: CategoryId[] = [];
  for (let i = 0; i < stored.entityCategories.length; i++) categories.push(categoryAt(stored.entityCategories, i));
  return {
    datasetId: head.datasetId,
    datasetVersion: head.datasetVersion,
    entityIds: stored.entityIds,
    entityCategories: categories,
    relatedStart: new Uint32Array(bytes(stored.relatedStart)),
    related: new Uint32Array(bytes(stored.related)),
    edgeStart: new Uint32Array(bytes(stored.edgeStart)),
    edgeChar: new Uint16Array(bytes(stored.edgeChar)),
    terminalBits: new Uint8Array(bytes(stored.terminalBits)),
    terminalNode: new Uint32Array(bytes(stored.terminalNode)),
    terminalStart: new Uint32Array(bytes(stored.terminalStart)),
    terminalAlias: new Uint32Array(bytes(stored.terminalAlias)),
    aliasEntity: new Uint32Array(bytes(stored.aliasEntity)),
    aliasFlags: new Uint8Array(bytes(stored.aliasFlags)),
    aliasPattern: stored.aliasPattern,
    aliasRules: stored.aliasRules,
    rootGate: new Uint8Array(bytes(stored.rootGate)),
  };
}

export const StoredIndexHead = lazySchema(() =>
  z.strictObject({
    format: z.literal(STORED_INDEX_FORMAT),
    datasetId: z.string(),
    datasetVersion: z.int().check(z.positive()),
    /** log2 of the number of shards; 0 means one shard, stored as `inline`. */
    shardBits: z.int().check(z.nonnegative(), z.lte(MAX_SHARD_BITS)),
    /**
     * base64 of a Bloom filter over the hashes aliases are filed under (aliasHash): a page's
     * word whose hash is not in it begins no alias, and costs no read. Empty when inline.
     */
    filter: z.string(),
    /** base64 of 128 bytes: which ASCII characters, as written, can begin an alias. */
    rootGate: z.string(),
    /** The whole index, ready-built, when shardBits is 0: decoded, never rebuilt, in the tab. */
    inline: z.optional(StoredTrie),
  }),
);
export type StoredIndexHead = z.infer<typeof StoredIndexHead>;

/** Storage key of shard `bucket` of dataset `version`. */
export function shardKey(version: number, bucket: number): string {
  return `shard:${version}:${bucket}`;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** murmur3's final mix, so that the top bits used as the shard number are well spread. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Set by runHashes: the hash of the first run, and of the first two runs. */
let oneRun = 0;
let twoRuns = 0;

/**
 * Hashes the runs at `start`: folded word characters up to the first character that folds to
 * a non-word one (space, hyphen, apostrophe, full stop...), then, after any non-word
 * characters, the next run. Combining marks are skipped, as the matcher skips them. Returns
 * how many runs there were (1 or 2); the hashes are left in `oneRun` and `twoRuns`.
 */
function runHashes(text: string, start: number, end: number): 1 | 2 {
  runHash = FNV_OFFSET;
  let j = hashRun(text, start, end);
  oneRun = mix(runHash);
  for (; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c < 128 ? (RUN_KEY[c] as number) >= 0 : isRunKey(foldKey(c))) break;
  }
  if (j >= end) return 1;
  runHash = Math.imul(runHash ^ 0x20, FNV_PRIME); // a boundary mark: "ab c" and "a bc" differ
  hashRun(text, j, end);
  twoRuns = mix(runHash);
  return 2;
}

let runHash = 0;

/** ASCII folded to its key when that is a word character, else -1: the hot case, read inline. */
const RUN_KEY = new Int32Array(128);
for (let c = 0; c < 128; c++) RUN_KEY[c] = isWordChar(foldKey(c)) ? foldKey(c) : -1;

function isRunKey(k: number): boolean {
  return k !== SKIP && isWordChar(k);
}

/** Folds the run at `j` into `runHash`; returns where the run ends. */
function hashRun(text: string, j: number, end: number): number {
  for (; j < end; j++) {
    const c = text.charCodeAt(j);
    let k: number;
    if (c < 128) {
      k = RUN_KEY[c] as number;
      if (k < 0) break;
    } else {
      k = foldKey(c);
      if (k === SKIP) continue;
      if (!isWordChar(k)) break;
    }
    runHash = Math.imul(runHash ^ k, FNV_PRIME);
  }
  return j;
}

/**
 * The hash an alias is filed under: of its first two runs ("steve witkoff", "u s" for
 * "U.S. envoy", "28 point"), or of its only run ("witkoff"). Aliases are filed by two runs
 * where they have them because first names and titles begin thousands of aliases each.
 */
export function aliasHash(key: string): number {
  return runHashes(key, 0, key.length) === 2 ? twoRuns : oneRun;
}

export function bucketOf(hash: number, bits: number): number {
  return bits === 0 ? 0 : hash >>> (32 - bits);
}

/**
 * Shard count for a dataset: about eight alias records a shard. Storage reads cost per key
 * (Firefox's noticeably) as well as per byte, so a shard holds a few records beside the ones a
 * page needs rather than one key per name.
 */
export function shardBitsFor(records: number): number {
  if (records <= INLINE_RECORDS) return 0;
  return Math.min(MAX_SHARD_BITS, Math.ceil(Math.log2(records / 8)));
}

/** Bloom filter probes per hash, and bits per distinct hash: about 0.15 % false positives. */
const FILTER_PROBES = 5;
const FILTER_BITS_PER_HASH = 16;

/** A Bloom filter's size in bytes for `hashes` distinct hashes. */
export function filterBytes(hashes: number): number {
  return Math.max(8, Math.ceil((hashes * FILTER_BITS_PER_HASH) / 8));
}

/**
 * Probe `p` of `hash` in a filter of `bits` bits (double hashing), mapped onto the filter by
 * multiplying rather than by `%`: `>>> 0` gives an unsigned value that V8 may hold as a
 * double, where `%` is a slow floating-point remainder on the hot path of hashing a page's
 * words. The product stays below 2^53: exact.
 */
function probe(hash: number, step: number, p: number, bits: number): number {
  return Math.floor((((hash + Math.imul(p, step)) >>> 0) * bits) / 4294967296);
}

function stepOf(hash: number): number {
  return mix(hash ^ 0x9e3779b9) | 1;
}

export function addToFilter(filter: Uint8Array, hash: number): void {
  const bits = filter.length * 8;
  const step = stepOf(hash);
  for (let p = 0; p < FILTER_PROBES; p++) {
    const bit = probe(hash, step, p, bits);
    filter[bit >> 3] = (filter[bit >> 3] as number) | (1 << (bit & 7));
  }
}

function inFilter(filter: Uint8Array, hash: number): boolean {
  const bits = filter.length * 8;
  const step = stepOf(hash);
  for (let p = 0; p < FILTER_PROBES; p++) {
    const bit = probe(hash, step, p, bits);
    if (((filter[bit >> 3] as number) & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}

/**
 * The part of the index a page has read so far, grown as the page shows new words. Records
 * and entities are only ever appended, so alias indices and entity positions in mentions
 * found earlier stay valid after more shards arrive.
 */
export class LoadedIndex {
  readonly datasetId: string;
  readonly datasetVersion: number;
  private readonly bits: number;
  private readonly filter: Uint8Array;
  private readonly gate: Uint8Array;
  private readonly loaded = new Set<number>();
  private readonly entityIds: string[] = [];
  private readonly entityCategories: CategoryId[] = [];
  private readonly relatedIds: string[][] = [];
  private readonly positions = new Map<string, number>();
  private readonly records: AliasRecord[] = [];
  private built: MatchIndex | null = null;
  private seen: Uint8Array | null = null;

  constructor(head: StoredIndexHead) {
    this.datasetId = head.datasetId;
    this.datasetVersion = head.datasetVersion;
    this.bits = head.shardBits;
    const filter = fromBase64(head.filter);
    const gate = fromBase64(head.rootGate);
    if (!filter || !gate || gate.length !== 128 || (head.shardBits > 0 && filter.length < 8)) {
      throw new Error('the stored match index is damaged (bad head)');
    }
    this.filter = filter;
    this.gate = gate;
    if (head.shardBits === 0) {
      if (!head.inline) throw new Error('the stored match index is damaged (no inline index)');
      this.built = decodeTrie(head, head.inline);
      this.loaded.add(0);
    }
  }

  /** Shards that `text[from, to)` may need and that have not been read yet, each once. */
  missing(text: string, from = 0, to = text.length): number[] {
    const out: number[] = [];
    if (this.bits === 0) return out;
    // Marks shards seen in this call; allocated once per index and cleared after each call
    // (only the marked entries), since a page's text is hashed in many small chunks.
    this.seen ??= new Uint8Array(1 << this.bits);
    const seen = this.seen;
    const marked: number[] = [];
    const want = (hash: number): void => {
      if (!inFilter(this.filter, hash)) return;
      const b = bucketOf(hash, this.bits);
      if (seen[b] === 1) return;
      seen[b] = 1;
      marked.push(b);
      if (!this.loaded.has(b)) out.push(b);
    };
    forEachCandidate(this.gate, text, from, to, (i) => {
      // An alias here is filed under this word's run, or under it and the next one.
      const runs = runHashes(text, i, to);
      want(oneRun);
      if (runs === 2) want(twoRuns);
    });
    for (const b of marked) seen[b] = 0;
    return out;
  }

  /** Adds read shards; `shards[i]` is shard `buckets[i]`, undefined when storage had none. */
  add(buckets: readonly number[], shards: readonly (StoredShard | undefined)[]): void {
    buckets.forEach((bucket, i) => {
      if (this.loaded.has(bucket)) return;
      this.loaded.add(bucket);
      const shard = shards[i];
      if (!shard) return;
      const local: number[] = [];
      for (let e = 0; e < shard.ids.length; e++) {
        const id = shard.ids[e] as string;
        let position = this.positions.get(id);
        if (position === undefined) {
          position = this.entityIds.length;
          this.positions.set(id, position);
          this.entityIds.push(id);
          this.entityCategories.push(categoryAt(shard.categories, e));
          this.relatedIds.push(shard.related[e] ?? []);
        }
        local.push(position);
      }
      for (let r = 0; r < shard.keys.length; r++) {
        const flags = shard.flags[r] as number;
        const given = (flags & FLAG_GIVEN) !== 0;
        const position = given ? -1 : local[shard.entities[r] as number];
        // a record pointing past its shard's entities is damaged: left out, never misfiled
        if (position === undefined) continue;
        this.records.push({ key: shard.keys[r] as string, pattern: shard.patterns[r] as string, flags, rules: shard.rules[r] as string, entity: position });
      }
      this.built = null;
    });
  }

  /** The trie over everything read so far, rebuilt only after new shards arrived. */
  get index(): MatchIndex {
    this.built ??= new TrieBuilder(this.input()).finish() as MatchIndex; // never paused: no stop given
    return this.built;
  }

  /**
   * Builds the trie over everything read so far in slices: `stop` says when a slice is
   * over, `next` waits for the next one (false: give up, the page went away).
   */
  async build(stop: () => boolean, next: () => Promise<boolean>): Promise<MatchIndex | null> {
    if (this.built) return this.built;
    const builder = new TrieBuilder(this.input());
    // preparing the builder reads every record once: a slice of its own on a large page
    if (stop() && !(await next())) return null;
    let built: MatchIndex | null;
    // records read meanwhile (none: scans run one at a time) would wait for the next build
    while ((built = builder.finish(stop)) === null) if (!(await next())) return null;
    this.built = built;
    return built;
  }

  private input(): IndexInput {
    const related = this.relatedIds.map((ids) => {
      const out: number[] = [];
      for (const id of ids) {
        const r = this.positions.get(id);
        if (r !== undefined) out.push(r);
      }
      return out;
    });
    return {
      datasetId: this.datasetId,
      datasetVersion: this.datasetVersion,
      entityIds: this.entityIds.slice(),
      entityCategories: this.entityCategories.slice(),
      related,
      records: this.records.slice(),
    };
  }
}
