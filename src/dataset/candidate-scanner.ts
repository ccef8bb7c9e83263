/**
 * Finding candidate word starts fast: the ASCII tables the matcher reads inline, the Unicode
 * word-boundary check, and the scanner RegExp built from an index's root gate, which skips
 * the rest of the text far faster than a character-by-character loop in JavaScript. Only
 * candidates reach the trie (match.ts); the shard look-up uses the same candidates.
 */
import { foldBase, foldKey, isWordChar } from './normalize';

/** Word characters and folded keys in ASCII, read inline in the hot loop (ASCII never folds to SKIP). */
export const ASCII_WORD = new Uint8Array(128);
export const ASCII_KEY = new Int32Array(128);
export const ASCII_BASE = new Int32Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_WORD[c] = isWordChar(c) ? 1 : 0;
  ASCII_KEY[c] = foldKey(c);
  ASCII_BASE[c] = foldBase(c);
}

/** A letter, digit or mark given as a whole code point (for letters beyond the BMP). */
const WORD_CODE_POINT = /^[\p{L}\p{N}\p{M}]$/u;

/**
 * Whether the code point that ends just before `i` (i > 0) is a word character: what the
 * `(?<![\p{L}\p{N}\p{M}])` of a Unicode RegExp would see, surrogate pairs read as one.
 */
export function wordBefore(text: string, i: number): boolean {
  const p = text.charCodeAt(i - 1);
  if (p < 128) return ASCII_WORD[p] === 1;
  if (p >= 0xdc00 && p <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return WORD_CODE_POINT.test(text.slice(i - 2, i));
  }
  return isWordChar(p);
}

/**
 * Characters beyond ASCII that may begin a word: all but the surrogates and the General
 * Punctuation block (U+2000–U+206F: spaces, dashes, quotes), which holds no letter, digit or
 * mark, so a candidate there could never begin a mention.
 */
const WIDE_STARTS = String.raw`\u00c0-\u1fff\u2070-\ud7ff\ue000-\uffff`;

/**
 * Letters and marks of the common scripts (each range assigned, all of it, since Unicode 5.1
 * at the latest): a candidate after one of them is inside a word. The scanner passes over
 * them itself, so text in Cyrillic, Greek, Chinese and the like does not stop at every
 * character for findMentions to check it (wordBefore).
 */
const WORD_RANGES = [
  String.raw`\u00ad\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02bb\u02bd-\u02c1\u0300-\u036f`,
  String.raw`\u0391-\u03a1\u03a3-\u03f5\u03f7-\u0481\u0483-\u0523\u05d0-\u05ea\u0621-\u063a`,
  String.raw`\u0641-\u0669\u066e-\u06d3\u0901-\u0939\u0e01-\u0e3a\u1e00-\u1f15\u3041-\u3096`,
  String.raw`\u30a1-\u30fa\u3400-\u4db5\u4e00-\u9fa5\ua000-\ua48c\uac00-\ud7a3\uff66-\uffbe`,
].join('');

/** The candidate scanner for a root gate (Lookup.scanner). */
export function candidateScanner(gate: Uint8Array): RegExp {
  let chars = '';
  for (let c = 0; c < 128; c++) {
    if (gate[c] === 1 && ASCII_WORD[c] === 1) chars += String.fromCharCode(c);
  }
  return new RegExp(String.raw`[^A-Za-z0-9${WORD_RANGES}][${chars}${WIDE_STARTS}]`, 'g');
}

/** Whether the character `c` is one the scanner finds as a candidate. */
function isCandidate(gate: Uint8Array, c: number): boolean {
  if (c < 128) return gate[c] === 1 && ASCII_WORD[c] === 1;
  return c >= 0xc0 && (c < 0x2000 || c >= 0x2070) && (c < 0xd800 || c > 0xdfff);
}

/** Whether text[first] begins a word that may begin an alias (the scanner only finds candidates after a character). */
export function candidateAt(gate: Uint8Array, text: string, first: number, n: number): boolean {
  return first < n && isCandidate(gate, text.charCodeAt(first)) && (first === 0 || !wordBefore(text, first));
}

const gateScanners = new WeakMap<Uint8Array, RegExp>();

/**
 * Calls `each` with every candidate word start in text[from, to) for the root gate `gate`:
 * the word starts findMentions would try, none skipped. Used to find which index shards a
 * text needs (loaded-index.ts).
 */
export function forEachCandidate(gate: Uint8Array, text: string, from: number, to: number, each: (i: number) => void): void {
  const n = Math.min(to, text.length);
  let scanner = gateScanners.get(gate);
  if (!scanner) gateScanners.set(gate, (scanner = candidateScanner(gate)));
  const first = from > 0 ? from : 0;
  if (candidateAt(gate, text, first, n)) each(first);
  scanner.lastIndex = first;
  while (scanner.test(text)) {
    const i = scanner.lastIndex - 1;
    if (i >= n) break;
    scanner.lastIndex = i;
    if (text.charCodeAt(i - 1) >= 128 && wordBefore(text, i)) continue;
    const c = text.charCodeAt(i);
    if (c >= 128 && !isWordChar(c)) continue;
    each(i);
  }
}

/**
 * Whether the word at `i` is glued by a dot to the word before and written in lower case, as
 * in "www.london" or "london.gov.uk": part of an address, not a name. A capitalised word after
 * a glued dot ("Pres.Zelensky", a sentence missing its space) is still read as a name.
 */
export function insideAddress(text: string, i: number): boolean {
  if (i < 2 || text.charCodeAt(i - 1) !== 46 || !isWordChar(text.charCodeAt(i - 2))) return false;
  const c = text.charAt(i);
  return c !== c.toUpperCase();
}
