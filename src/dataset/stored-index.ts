/**
 * The match index as stored: a small head plus shards that a page reads only when it needs
 * them (docs/decisions/0007-sharded-index.md). The head holds a Bloom filter over the hashes
 * aliases are filed under (alias-hash.ts, bloom-filter.ts); each shard holds about eight alias
 * records, as column-wise JSON text. Reading them in a tab is loaded-index.ts.
 *
 * Small datasets (the bundled one) keep the whole index, ready-built, inside the head: one
 * read and a decode, as before.
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema';
import { CATEGORY_IDS, type CategoryId } from './categories';
import { fromBase64, toBase64 } from './base64';
import type { MatchIndex } from './match-index';

/** Raised whenever the stored layout changes; the background rebuilds older indexes. */
export const STORED_INDEX_FORMAT = 10;
/**
 * Up to this many alias records, a dataset is one shard kept inside the head. The bundled
 * dataset stays under it: read in shards, a live page naming new people every second would
 * rebuild its trie on every rescan (docs/decisions/0007-sharded-index.md).
 */
export const INLINE_RECORDS = 8_000;
/** At most 2^22 shards: the head's `shardBits` is checked against it. */
export const MAX_SHARD_BITS = 22;

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
  if (
    shard.patterns.length !== records ||
    shard.flags.length !== records ||
    shard.rules.length !== records ||
    shard.entities.length !== records
  )
    return undefined;
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
  const encode = (array: Uint32Array | Uint16Array | Uint8Array): string =>
    toBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
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
  return decoded.byteOffset === 0 && decoded.buffer.byteLength === decoded.byteLength
    ? (decoded.buffer as ArrayBuffer)
    : decoded.slice().buffer;
}

/** The category whose position in CATEGORY_IDS is the digit at `i` of `digits` (stored categories are one digit each). */
export function categoryAt(digits: string, i: number): CategoryId {
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

/** The start of every shard's storage key; shared/storage.ts declares the key family with it. */
export const SHARD_KEY_PREFIX = 'shard';

/** Storage key of shard `bucket` of dataset `version`. */
export function shardKey(version: number, bucket: number): string {
  return `${SHARD_KEY_PREFIX}:${version}:${bucket}`;
}
