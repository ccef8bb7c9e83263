/**
 * findMentions: every alias occurrence in a text, longest-leftmost, on Unicode word
 * boundaries, with offsets into the original (un-normalised) text.
 *
 * The cost is linear in the text: each word start walks the trie only as far as the text
 * still spells some alias prefix, whatever the number of aliases (no per-alias loop, no
 * alternation RegExp). Characters are folded on the fly (normalize.ts), so no folded copy of
 * the page text is built.
 */
import { foldCasePreserving, foldKey, isWordChar, SKIP, SPACE } from './normalize';
import { FLAG_CASE_SENSITIVE, type MatchIndex } from './match-index';

export interface Mention {
  /** Offsets into the text given to findMentions, end exclusive. */
  start: number;
  end: number;
  /** Candidate entities; more than one only for ambiguous aliases. */
  entityIds: string[];
  /** The alias record that matched (the first one, when several entities share it). */
  aliasIndex: number;
}

const rootTables = new WeakMap<MatchIndex, Int32Array>();

/** Direct lookup for ASCII at the root, the edge taken at every word start. */
function rootTable(index: MatchIndex): Int32Array {
  let table = rootTables.get(index);
  if (!table) {
    table = new Int32Array(128).fill(-1);
    for (let e = index.edgeStart[0] ?? 0; e < (index.edgeStart[1] ?? 0); e++) {
      const c = index.edgeChar[e] ?? 0;
      if (c < 128) table[c] = e + 1;
    }
    rootTables.set(index, table);
  }
  return table;
}

function child(index: MatchIndex, node: number, c: number): number {
  const { edgeStart, edgeChar } = index;
  let lo = edgeStart[node] as number;
  let hi = (edgeStart[node + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = edgeChar[mid] as number;
    if (v === c) return mid + 1; // breadth-first numbering: edge e leads to node e + 1
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Word characters in ASCII, read inline in the hot loop. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = isWordChar(c) ? 1 : 0;

const MAX_CANDIDATES = 64;
const candidateNode = new Int32Array(MAX_CANDIDATES);
const candidateEnd = new Int32Array(MAX_CANDIDATES);

const scanners = new WeakMap<MatchIndex, RegExp>();

/**
 * A RegExp that finds candidate word starts: a character that, as written, can begin some
 * alias (the index's root gate), or any letter beyond ASCII, with no word character before
 * it. V8's regular-expression engine skips the rest of the text far faster than a
 * character-by-character loop in JavaScript; only candidates reach the trie. The pattern is
 * at most ~130 characters, whatever the number of aliases.
 */
function candidateScanner(index: MatchIndex): RegExp {
  let re = scanners.get(index);
  if (!re) {
    let chars = '';
    for (let c = 0; c < 128; c++) {
      if (index.rootGate[c] !== 1 || !ASCII_WORD[c]) continue;
      chars += String.fromCharCode(c);
    }
    re = new RegExp(String.raw`(?:[${chars}]|[\u00c0-\uffff])(?<![\p{L}\p{N}\p{M}][\s\S])`, 'gu');
    scanners.set(index, re);
  }
  return re;
}

/**
 * Mentions starting in text[from, to). Callers that slice a long text cut it at block
 * breaks, where no alias can run across the cut.
 */
export function findMentions(index: MatchIndex, text: string, from = 0, to = text.length): Mention[] {
  const mentions: Mention[] = [];
  const n = Math.min(to, text.length);
  const root = rootTable(index);
  const scanner = candidateScanner(index);
  scanner.lastIndex = from;
  while (scanner.test(text)) {
    const i = scanner.lastIndex - 1; // every candidate is one UTF-16 code unit
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c >= 128 && !isWordChar(c)) continue; // non-ASCII punctuation such as “
    const k = foldKey(c);
    const first = k < 128 ? (root[k] as number) : child(index, 0, k);
    const mention = first < 0 ? null : matchFrom(index, text, i, first);
    if (mention) {
      mentions.push(mention);
      scanner.lastIndex = mention.end;
    }
  }
  return mentions;
}

/** Walks the trie from `start`, whose first character led to `node`. */
function matchFrom(index: MatchIndex, text: string, start: number, firstNode: number): Mention | null {
  const n = text.length;
  const { terminalBits } = index;
  let count = 0;
  let node = firstNode;
  let j = start + 1;
  for (;;) {
    while (j < n && foldKey(text.charCodeAt(j)) === SKIP) j++;
    if (((terminalBits[node >> 3] as number) & (1 << (node & 7))) !== 0 && (j >= n || !isWordChar(text.charCodeAt(j)))) {
      if (count < MAX_CANDIDATES) {
        candidateNode[count] = node;
        candidateEnd[count] = j;
        count++;
      }
    }
    if (j >= n) break;
    const k = foldKey(text.charCodeAt(j));
    if (k === SPACE) {
      let p = j + 1;
      while (p < n) {
        const kk = foldKey(text.charCodeAt(p));
        if (kk !== SPACE && kk !== SKIP) break;
        p++;
      }
      node = child(index, node, SPACE);
      if (node < 0) break;
      j = p;
      // an alias never ends in a space, so there is no terminal to record here
      if (j >= n) break;
      const next = child(index, node, foldKey(text.charCodeAt(j)));
      if (next < 0) break;
      node = next;
      j++;
      continue;
    }
    node = child(index, node, k);
    if (node < 0) break;
    j++;
  }
  for (let c = count - 1; c >= 0; c--) {
    const mention = acceptCandidate(index, text, start, candidateNode[c] as number, candidateEnd[c] as number);
    if (mention) return mention;
  }
  return null;
}

/** Applies per-alias case rules; an ALL-CAPS form of a case-sensitive alias also matches. */
function acceptCandidate(index: MatchIndex, text: string, start: number, node: number, end: number): Mention | null {
  const { terminalNode, terminalStart, terminalAlias, aliasFlags, aliasPattern, aliasEntity, entityIds } = index;
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
  let surface: string | null = null;
  for (let t = terminalStart[slot] as number; t < (terminalStart[slot + 1] as number); t++) {
    const a = terminalAlias[t] as number;
    if (((aliasFlags[a] as number) & FLAG_CASE_SENSITIVE) !== 0) {
      surface ??= foldCasePreserving(text.slice(start, end));
      const pattern = aliasPattern[a] as string;
      if (surface !== pattern && surface !== pattern.toUpperCase()) continue;
    }
    const id = entityIds[aliasEntity[a] as number] as string;
    if (!found) {
      found = [id];
      aliasIndex = a;
    } else if (!found.includes(id)) found.push(id);
  }
  return found ? { start, end, entityIds: found, aliasIndex } : null;
}
