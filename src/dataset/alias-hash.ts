/**
 * Where an alias is filed in the stored index (stored-index.ts,
 * docs/decisions/0007-sharded-index.md).
 *
 * Every alias is filed under the hash of its first two *runs* of folded word characters
 * ("steve witkoff"; "u s" for "U.S. envoy"; "28 point" for "28-point plan"), or of its only
 * run ("witkoff"). A page can only mention an alias where its own text has the same runs at a
 * word start, so the content script hashes the first run, and the first two, of each
 * candidate word start in the page (loaded-index.ts) and reads the shards of those hashes
 * that the head's Bloom filter knows. A page reads the records its words can begin, whether
 * the dataset has 200 aliases or 200,000.
 */
import { foldKey, isWordChar, SKIP } from './normalize';
import { INLINE_RECORDS, MAX_SHARD_BITS } from './stored-index';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** murmur3's final mix, so that the top bits used as the shard number are well spread. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Set by runHashes: the hash of the first run, and of the first two runs. Left in module
 * variables rather than returned, so that hashing every word start of a page allocates
 * nothing; importers read them right after the call.
 */
export let oneRun = 0;
export let twoRuns = 0;

/**
 * Hashes the runs at `start`: folded word characters up to the first character that folds to
 * a non-word one (space, hyphen, apostrophe, full stop...), then, after any non-word
 * characters, the next run. Combining marks are skipped, as the matcher skips them. Returns
 * how many runs there were (1 or 2); the hashes are left in `oneRun` and `twoRuns`.
 */
export function runHashes(text: string, start: number, end: number): 1 | 2 {
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
