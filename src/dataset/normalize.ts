/**
 * Text folding shared by the compiler and the matcher, so an alias and the page text are
 * folded by exactly the same rules (docs/design.md §9):
 *   - diacritics are dropped ("Zelenskyy" with accents == plain), plus a few letters that
 *     Unicode does not decompose (ø, ł, đ, ı);
 *   - Cyrillic letters keep their marks (й, ї, ў are letters of their own), except ё, which
 *     Russian text mostly writes as е, and ґ, which Ukrainian text often writes as г
 *     (docs/decisions/0017-cyrillic-matching.md);
 *   - curly apostrophes and quotes become straight ones, and like them are no word
 *     character, so "Мар’яна", "Марʼяна" and "Мар'яна" are one spelling;
 *   - every hyphen and dash, and every kind of space, becomes one space, so "28-point plan",
 *     "28 point plan" and "Trump–Putin" need no extra aliases;
 *   - combining marks and soft hyphens are skipped, and a soft hyphen is part of its word.
 * Case is folded separately (`foldKey`), because case-sensitive aliases compare the
 * case-preserving fold (`foldBase`).
 *
 * Only ASCII has a precomputed table; other characters are folded on first sight and cached,
 * which keeps a 64K table out of the content script's start-up.
 */

export const SPACE = 32;
/** Returned for characters that fold to nothing (combining marks). */
export const SKIP = -1;
/**
 * What the content script's text collector puts between blocks (paragraphs, list items,
 * cells). It is neither a word character nor a space, so no alias can match across it.
 */
export const BLOCK_BREAK = '\u001f';

const DASHES = new Set([0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d]);
/** The soft hyphen: invisible, and placed inside words by sites that hyphenate long ones. */
const SOFT_HYPHEN = 0xad;
const APOSTROPHES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x02bc, 0x2032, 0x00b4, 0x0060, 0xff07]);
const QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x00ab, 0x00bb, 0xff02]);
const UNDECOMPOSED: Record<number, number> = {
  0xf8: 0x6f,
  0xd8: 0x4f, // ø Ø
  0x142: 0x6c,
  0x141: 0x4c, // ł Ł
  0x111: 0x64,
  0x110: 0x44, // đ Đ
  0x131: 0x69, // ı
};
/** Cyrillic letters folded on purpose (0017); every other Cyrillic letter is kept as it is. */
const CYRILLIC_FOLDS: Record<number, number> = {
  0x451: 0x435,
  0x401: 0x415, // ё Ё
  0x491: 0x433,
  0x490: 0x413, // ґ Ґ
  0x450: 0x435,
  0x400: 0x415, // ѐ Ѐ (a stress mark)
  0x45d: 0x438,
  0x40d: 0x418, // ѝ Ѝ (a stress mark)
};

const MARK = /\p{M}/u;
const SPACE_LIKE = /\s/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;

// The ASCII tables follow the classes above by rule, without running them: compiling the
// Unicode classes took about a millisecond of the content script's start-up task in every
// tab; now they are compiled on first use, for the first character past ASCII, in a scan
// slice. In ASCII, `\s` is tab, line feed, vertical tab, form feed, carriage return and space,
// and a word character is a digit or a Latin letter (a unit test checks both against the classes);
// the grave accent is one of the apostrophes.
const asciiBase = new Int32Array(128);
const asciiKey = new Int32Array(128);
const asciiWord = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const base = c === 0x2d || c === 0x20 || (c >= 0x09 && c <= 0x0d) ? SPACE : APOSTROPHES.has(c) ? 0x27 : c;
  asciiBase[c] = base;
  asciiKey[c] = base >= 65 && base <= 90 ? base + 32 : base;
  asciiWord[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
}

const baseCache = new Map<number, number>();
const keyCache = new Map<number, number>();
const wordCache = new Map<number, boolean>();

function computeBase(c: number): number {
  if (c === SOFT_HYPHEN) return SKIP;
  if (DASHES.has(c)) return SPACE;
  if (APOSTROPHES.has(c)) return 0x27;
  if (QUOTES.has(c)) return 0x22;
  const ch = String.fromCharCode(c);
  if (SPACE_LIKE.test(ch)) return SPACE;
  if (MARK.test(ch)) return SKIP;
  const special = UNDECOMPOSED[c];
  if (special !== undefined) return special;
  if (c >= 0x400 && c <= 0x4ff) return CYRILLIC_FOLDS[c] ?? c;
  const decomposed = ch.normalize('NFD');
  return decomposed.charCodeAt(0);
}

/** Folds one UTF-16 code unit, keeping its case. */
export function foldBase(c: number): number {
  if (c < 128) return asciiBase[c] ?? c;
  let v = baseCache.get(c);
  if (v === undefined) {
    v = computeBase(c);
    baseCache.set(c, v);
  }
  return v;
}

/** Folds one UTF-16 code unit, case included: the trie's key alphabet. */
export function foldKey(c: number): number {
  if (c < 128) return asciiKey[c] ?? c;
  let v = keyCache.get(c);
  if (v === undefined) {
    const base = foldBase(c);
    if (base < 0) v = base;
    else {
      const lower = String.fromCharCode(base).toLowerCase();
      v = lower.length === 1 ? lower.charCodeAt(0) : base;
    }
    keyCache.set(c, v);
  }
  return v;
}

/**
 * Letters, digits and marks, in any script: what a word boundary separates. The modifier
 * letter apostrophe (ʼ), which Ukrainian writes inside words, counts as the apostrophe it
 * folds to, so a boundary falls where it would with ' or ’; a soft hyphen is inside a word.
 */
export function isWordChar(c: number): boolean {
  if (c < 128) return asciiWord[c] === 1;
  let v = wordCache.get(c);
  if (v === undefined) {
    v = c === SOFT_HYPHEN || (!APOSTROPHES.has(c) && WORD.test(String.fromCharCode(c)));
    wordCache.set(c, v);
  }
  return v;
}

function foldString(text: string, fold: (c: number) => number): string {
  let out = '';
  let lastSpace = true; // trims leading space
  for (let i = 0; i < text.length; i++) {
    const k = fold(text.charCodeAt(i));
    if (k === SKIP) continue;
    if (k === SPACE) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
      continue;
    }
    out += String.fromCharCode(k);
    lastSpace = false;
  }
  return lastSpace && out.endsWith(' ') ? out.slice(0, -1) : out;
}

/** Case-preserving fold of a whole string, with whitespace collapsed and trimmed. */
export function foldCasePreserving(text: string): string {
  return foldString(text, foldBase);
}

/** Full fold of a whole string: the form under which two aliases count as the same. */
export function foldForComparison(text: string): string {
  return foldString(text, foldKey);
}

const MAX_VARIANTS = 256;

/**
 * Expands `{a|b|}` variant groups: "28-point {peace |}plan" gives "28-point peace plan" and
 * "28-point plan". Text without braces is returned as it is. Expansion stops at 256 variants,
 * a cap that keeps one careless alias from bloating the index.
 */
export function expandAliasTemplate(text: string): string[] {
  let variants = [''];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) {
      variants = variants.map((v) => v + text.slice(i));
      break;
    }
    const close = text.indexOf('}', open);
    if (close < 0) {
      variants = variants.map((v) => v + text.slice(i));
      break;
    }
    const literal = text.slice(i, open);
    const options = text.slice(open + 1, close).split('|');
    const next: string[] = [];
    for (const v of variants) {
      for (const option of options) {
        if (next.length < MAX_VARIANTS) next.push(v + literal + option);
      }
    }
    variants = next;
    i = close + 1;
  }
  return [...new Set(variants.map((v) => v.replace(/\s+/g, ' ').trim()).filter((v) => v.length > 0))];
}
