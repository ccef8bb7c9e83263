/**
 * The head's Bloom filter over the hashes aliases are filed under (alias-hash.ts): a page's
 * word whose hash is not in it begins no alias, and costs no storage read.
 */
import { mix } from './alias-hash';

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

export function inFilter(filter: Uint8Array, hash: number): boolean {
  const bits = filter.length * 8;
  const step = stepOf(hash);
  for (let p = 0; p < FILTER_PROBES; p++) {
    const bit = probe(hash, step, p, bits);
    if (((filter[bit >> 3] as number) & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}
