/**
 * findMentions: every alias occurrence in a text, longest-leftmost, on Unicode word
 * boundaries, with offsets into the original (un-normalised) text.
 *
 * The cost is linear in the text: each word start walks the trie only as far as the text
 * still spells some alias prefix, whatever the number of aliases (no per-alias loop, no
 * alternation RegExp). Characters are folded on the fly (normalize.ts): no folded copy.
 */
import { foldBase, foldKey, isWordChar, SKIP, SPACE } from './normalize';
import { ASCII_BASE, ASCII_KEY, ASCII_WORD, candidateAt, candidateScanner, insideAddress, wordBefore } from './candidate-scanner';
import { FLAG_CASE_SENSITIVE, FLAG_GIVEN, FLAG_LANGUAGE_SHIFT, languageNumber, type MatchIndex } from './match-index';
import { followedByAny, foldedWords, onlyInitialsBetween, parseAliasRules, precededByAny, type AliasRules } from './alias-rules';

export interface Mention {
  /** Offsets into the text given to findMentions, end exclusive. */
  start: number;
  end: number;
  /** Candidate entities; more than one only for ambiguous aliases. */
  entityIds: string[];
  /** The alias record that matched (the first one, when several entities share it). */
  aliasIndex: number;
}

/** An alias found in the text but not taken, and the rule that decided it (for the debug report). */
export interface Rejection {
  start: number;
  end: number;
  entityId: string;
  reason: 'given-name' | 'context';
}

let rejections: Rejection[] | null = null;

/** From now on, findMentions adds every alias its context rules turn down to `into` (null: stop). */
export function collectRejections(into: Rejection[] | null): void {
  rejections = into;
}

/**
 * The last given name found in the text being matched (FLAG_GIVEN records), -1 for none, and
 * the one the current candidate found, if that is all it found.
 */
let givenStart = -1;
let givenEnd = -1;
let givenHitEnd = -1;
/** The page language's number (languageNumber): inflected forms of other languages are passed over. */
let pageLanguage = 0;

/** How far back a given name still counts: a name and its initials, never a sentence. */
const GIVEN_REACH = 24;

/**
 * The child of `node` along key `c`, or -1. Below the first few levels nearly every node has
 * a single edge; the rest have a handful, except near the root.
 */
function child(edgeStart: Uint32Array, edgeChar: Uint16Array, node: number, c: number): number {
  let lo = edgeStart[node] as number;
  const end = edgeStart[node + 1] as number;
  if (end - lo <= 8) {
    for (; lo < end; lo++) {
      const v = edgeChar[lo] as number;
      if (v >= c) return v === c ? lo + 1 : -1; // breadth-first numbering: edge e leads to node e + 1
    }
    return -1;
  }
  let hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = edgeChar[mid] as number;
    if (v === c) return mid + 1;
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const MAX_CANDIDATES = 64;
const candidateNode = new Int32Array(MAX_CANDIDATES);
const candidateEnd = new Int32Array(MAX_CANDIDATES);
export { forEachCandidate } from './candidate-scanner';

/**
 * What findMentions derives from an index on first use, kept as long as the index is: direct
 * tables for a word's first two characters and the candidate scanner, built in well under a
 * millisecond (a few thousand array writes and one small RegExp) whatever the alias count.
 */
interface Lookup {
  /** The root's child along an ASCII key, or -1. */
  root: Int32Array;
  /**
   * The grandchild along a second ASCII key: `second[(child - 1) * 128 + key]`, 0 for none,
   * for a first ASCII key. The root's children are nodes 1 to its edge count (breadth-first
   * numbering), those along ASCII keys first, so this is one row of 128 per ASCII first
   * character: at most 64 KB, about 9 KB for 10,000 person names.
   */
  second: Int32Array;
  /**
   * Finds candidate word starts (candidate-scanner.ts): a character that, as written, can
   * begin some alias (the root gate), or one beyond ASCII that may be a letter, after a
   * character that is not a word character; findMentions checks one beyond ASCII
   * (wordBefore). Only candidates reach the trie; its size is fixed whatever the aliases.
   */
  scanner: RegExp;
  /** Each record's parsed context rules, filled in as records are first matched. */
  rules: (AliasRules | undefined)[];
}

const lookups = new WeakMap<MatchIndex, Lookup>();

function lookup(index: MatchIndex): Lookup {
  let found = lookups.get(index);
  if (!found) {
    const { edgeStart, edgeChar } = index;
    const root = new Int32Array(128).fill(-1);
    // the root's edges are sorted: those along ASCII keys come first
    let asciiEdges = 0;
    while (asciiEdges < (edgeStart[1] as number) && (edgeChar[asciiEdges] as number) < 128) asciiEdges++;
    const second = new Int32Array(asciiEdges * 128);
    for (let e = 0; e < asciiEdges; e++) {
      root[edgeChar[e] as number] = e + 1;
      for (let f = edgeStart[e + 1] as number; f < (edgeStart[e + 2] as number); f++) {
        const d = edgeChar[f] as number;
        if (d < 128) second[e * 128 + d] = f + 1;
      }
    }
    found = { root, second, scanner: candidateScanner(index.rootGate), rules: [] };
    lookups.set(index, found);
  }
  return found;
}

/**
 * Mentions starting in text[from, to). Callers that slice a long text cut it at block
 * breaks, where no alias can run across the cut. `language` is the page's ("uk", "cs-CZ"):
 * only its inflected forms are tried; without one, none are.
 */
export function findMentions(index: MatchIndex, text: string, from = 0, to = text.length, language?: string): Mention[] {
  const mentions: Mention[] = [];
  pageLanguage = languageNumber(language);
  const n = Math.min(to, text.length);
  const tables = lookup(index);
  const scanner = tables.scanner;
  const first = from > 0 ? from : 0;
  let next = first;
  givenStart = -1;
  givenEnd = -1;
  // the scanner finds candidates after some character: one at `first` itself is checked here
  if (candidateAt(index.rootGate, text, first, n)) {
    const mention = matchAt(index, tables, text, first);
    if (mention) {
      mentions.push(mention);
      next = mention.end;
    } else if (givenHitEnd >= 0) next = noteGiven(first);
  }
  scanner.lastIndex = next;
  while (scanner.test(text)) {
    const i = scanner.lastIndex - 1; // the candidate, the second character matched
    if (i >= n) break;
    // the candidate may be the character before the next one: scan on from it
    scanner.lastIndex = i;
    if (text.charCodeAt(i - 1) >= 128 && wordBefore(text, i)) continue;
    const mention = matchAt(index, tables, text, i);
    if (mention) {
      mentions.push(mention);
      scanner.lastIndex = mention.end;
    } else if (givenHitEnd >= 0) scanner.lastIndex = noteGiven(i);
  }
  return mentions;
}

/** Remembers the given name that the candidate at `start` turned out to be; returns its end. */
function noteGiven(start: number): number {
  givenStart = start;
  givenEnd = givenHitEnd;
  givenHitEnd = -1;
  return givenEnd;
}

/** The mention that begins at the candidate `i`, if any. */
function matchAt(index: MatchIndex, tables: Lookup, text: string, i: number): Mention | null {
  givenHitEnd = -1;
  if (insideAddress(text, i)) return null;
  const c = text.charCodeAt(i);
  if (c < 128) {
    const node = tables.root[ASCII_KEY[c] as number] as number;
    if (node < 0) return null;
    if (i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      // a second letter or digit: no alias can end after the first, so go straight to the third
      if (d < 128 && ASCII_WORD[d] === 1) {
        const next = tables.second[((node - 1) << 7) | (ASCII_KEY[d] as number)] as number;
        return next === 0 ? null : matchFrom(index, tables, text, i, i + 2, next);
      }
    }
    return matchFrom(index, tables, text, i, i + 1, node);
  }
  if (!isWordChar(c)) return null; // non-ASCII punctuation such as «
  const k = foldKey(c);
  const node = k < 128 ? (tables.root[k] as number) : child(index.edgeStart, index.edgeChar, 0, k);
  return node < 0 ? null : matchFrom(index, tables, text, i, i + 1, node);
}

/** Walks the trie on from text[at], the mention beginning at `start` having led to `node`. */
function matchFrom(index: MatchIndex, tables: Lookup, text: string, start: number, at: number, node: number): Mention | null {
  const n = text.length;
  const { terminalBits, edgeStart, edgeChar } = index;
  let count = 0;
  let j = at;
  for (;;) {
    // the next character and its key, past any combining marks; c < 0 at the end of the text
    let c = -1;
    let k = SKIP;
    while (j < n) {
      c = text.charCodeAt(j);
      if (c < 128) {
        k = ASCII_KEY[c] as number; // ASCII never folds to SKIP
        break;
      }
      k = foldKey(c);
      if (k !== SKIP) break;
      c = -1;
      j++;
    }
    // a word boundary: an alias that ends here is a candidate
    if (c < 0 || (c < 128 ? ASCII_WORD[c] === 0 : !isWordChar(c))) {
      if (((terminalBits[node >> 3] as number) & (1 << (node & 7))) !== 0 && count < MAX_CANDIDATES) {
        candidateNode[count] = node;
        candidateEnd[count] = j;
        count++;
      }
      if (c < 0) break;
    }
    if (k === SPACE) {
      let p = j + 1;
      while (p < n) {
        const cc = text.charCodeAt(p);
        const kk = cc < 128 ? (ASCII_KEY[cc] as number) : foldKey(cc);
        if (kk !== SPACE && kk !== SKIP) break;
        p++;
      }
      node = child(edgeStart, edgeChar, node, SPACE);
      if (node < 0) break;
      j = p;
      // an alias never ends in a space, so there is no terminal to record here
      if (j >= n) break;
      const after = child(edgeStart, edgeChar, node, foldKey(text.charCodeAt(j)));
      if (after < 0) break;
      node = after;
      j++;
      continue;
    }
    node = child(edgeStart, edgeChar, node, k);
    if (node < 0) break;
    j++;
  }
  for (let c = count - 1; c >= 0; c--) {
    const mention = acceptCandidate(index, tables, text, start, candidateNode[c] as number, candidateEnd[c] as number);
    if (mention) return mention;
  }
  return null;
}

/**
 * Applies per-alias case rules (an ALL-CAPS form of a case-sensitive alias also matches) and
 * context rules (alias-rules.ts). A candidate that is only a given name sets givenHitEnd.
 */
function acceptCandidate(index: MatchIndex, tables: Lookup, text: string, start: number, node: number, end: number): Mention | null {
  const { terminalNode, terminalStart, terminalAlias, aliasFlags, aliasPattern, aliasRules, aliasEntity, entityIds } = index;
  // The node is known to end aliases (its terminal bit is set); find its slot.
  let lo = 0;
  let hi = terminalNode.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terminalNode[mid] as number) < node) lo = mid + 1;
    else hi = mid;
  }
  const slot = lo;
  let found: string[] | null = null;
  let aliasIndex = -1;
  let given = false;
  for (let t = terminalStart[slot] as number; t < (terminalStart[slot + 1] as number); t++) {
    const a = terminalAlias[t] as number;
    const flags = aliasFlags[a] as number;
    const language = flags >> FLAG_LANGUAGE_SHIFT;
    if (language !== 0 && language !== pageLanguage) continue;
    if ((flags & FLAG_CASE_SENSITIVE) !== 0) {
      const pattern = aliasPattern[a] as string;
      if (!foldsTo(text, start, end, pattern) && !foldsTo(text, start, end, pattern.toUpperCase())) continue;
    }
    if ((flags & FLAG_GIVEN) !== 0) {
      given = true;
      continue;
    }
    const id = entityIds[aliasEntity[a] as number] as string;
    if (aliasRules[a] !== '') {
      const reason = ruledOut(tables, aliasRules[a] as string, a, text, start, end);
      if (reason) {
        rejections?.push({ start, end, entityId: id, reason });
        continue;
      }
    }
    if (!found) {
      found = [id];
      aliasIndex = a;
    } else if (!found.includes(id)) found.push(id);
  }
  if (!found && given && givenHitEnd < 0) givenHitEnd = end;
  return found ? { start, end, entityIds: found, aliasIndex } : null;
}

/** Which context rule, if any, turns down alias record `a` found at text[start, end). */
function ruledOut(tables: Lookup, encoded: string, a: number, text: string, start: number, end: number): Rejection['reason'] | null {
  let rules = tables.rules[a];
  if (!rules) tables.rules[a] = rules = parseAliasRules(encoded);
  const own = rules.ownGiven;
  if (own && givenEnd >= 0 && givenEnd < start && start - givenEnd <= GIVEN_REACH && onlyInitialsBetween(text, givenEnd, start)) {
    if (!own.has(foldedWords(text.slice(givenStart, givenEnd)).join(' '))) return 'given-name';
  }
  if (followedByAny(text, end, rules.notFollowedBy) || precededByAny(text, start, rules.notPrecededBy)) return 'context';
  return null;
}

/**
 * Whether text[start, end) folds to `target` under foldCasePreserving (case kept, marks
 * dropped, spaces collapsed and trimmed), compared as it is folded: no string is built.
 */
function foldsTo(text: string, start: number, end: number, target: string): boolean {
  let pos = 0;
  let begun = false;
  let gap = false; // spaces after some character: one space, if another character follows
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? (ASCII_BASE[c] as number) : foldBase(c);
    if (k === SKIP) continue;
    if (k === SPACE) {
      gap = begun;
      continue;
    }
    if (gap) {
      if (target.charCodeAt(pos) !== SPACE) return false;
      pos++;
      gap = false;
    }
    if (target.charCodeAt(pos) !== k) return false;
    pos++;
    begun = true;
  }
  return pos === target.length;
}
