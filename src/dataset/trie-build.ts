/**
 * Builds a MatchIndex (the trie in typed arrays, match-index.ts) from alias records. Used by
 * the background's compiler for a whole dataset, and by the content script for the few
 * shards a page needs (loaded-index.ts), so it stays small and free of the dataset schema.
 */
import type { CategoryId } from './categories';
import { FLAG_CASE_SENSITIVE, type MatchIndex } from './match-index';

/** One alias variant as the matcher sees it. */
export interface AliasRecord {
  /** Position of its entity in `entityIds`; -1 for a given name (FLAG_GIVEN), which has none. */
  entity: number;
  /** The full fold (foldForComparison): the trie's key. */
  key: string;
  /** The case-preserving fold, for case-sensitive aliases; '' otherwise. */
  pattern: string;
  /** FLAG_ bits (match-index.ts). */
  flags: number;
  /** Context rules (alias-rules.ts); '' or missing for none. */
  rules?: string;
}

export interface IndexInput {
  datasetId: string;
  datasetVersion: number;
  entityIds: string[];
  entityCategories: CategoryId[];
  /** Related entities of each entity, as positions in `entityIds`. */
  related: readonly (readonly number[])[];
  /** Alias records; a record's position is its alias index in the built MatchIndex. */
  records: readonly AliasRecord[];
}

/**
 * Which ASCII characters, as written in a page, can begin a record: a case-sensitive alias
 * begins with its own first letter or its capital (ALL-CAPS headlines); any other with either case.
 */
export function openRootGate(gate: Uint8Array, record: Pick<AliasRecord, 'key' | 'pattern' | 'flags'>): void {
  const caseSensitive = (record.flags & FLAG_CASE_SENSITIVE) !== 0;
  const first = caseSensitive ? record.pattern.charAt(0) : record.key.charAt(0);
  for (const ch of caseSensitive ? [first, first.toUpperCase()] : [first.toLowerCase(), first.toUpperCase()]) {
    const c = ch.charCodeAt(0);
    if (c < 128) gate[c] = 1;
  }
}

/**
 * Builds the trie without a node object per node: children are chained in key order in
 * typed arrays (a sibling scan per character: nodes below the root have only a few
 * children, and the root's are found through a direct table), and the nodes are then
 * renumbered breadth-first. Linear in the total key length, with no sort and no Map, which
 * matters because content scripts build tries from shards. Resumable: `insert` stops when
 * told to, so a content script can build a large trie in slices.
 */
export class TrieBuilder {
  private readonly rootGate = new Uint8Array(128);
  private readonly count: number;
  private readonly char: Uint16Array;
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly firstAlias: Int32Array;
  private readonly lastAlias: Int32Array;
  private readonly nextAlias: Int32Array;
  private readonly rootAscii = new Int32Array(128).fill(-1);
  private nodes = 1;
  private next = 0;

  constructor(private readonly input: IndexInput) {
    // the records present now are the ones built; records appended later wait for the next build
    this.count = input.records.length;
    let capacity = 1;
    for (let a = 0; a < this.count; a++) {
      const record = input.records[a] as AliasRecord;
      openRootGate(this.rootGate, record);
      capacity += record.key.length;
    }
    this.char = new Uint16Array(capacity);
    this.firstChild = new Int32Array(capacity).fill(-1);
    this.nextSibling = new Int32Array(capacity).fill(-1);
    this.firstAlias = new Int32Array(capacity).fill(-1);
    this.lastAlias = new Int32Array(capacity).fill(-1);
    this.nextAlias = new Int32Array(this.count).fill(-1);
  }

  /** Inserts records until all are in (true) or `stop()` says to pause (false), checked every 64 records. */
  insert(stop: () => boolean = () => false): boolean {
    const { char, firstChild, nextSibling, firstAlias, lastAlias, nextAlias, rootAscii } = this;
    while (this.next < this.count) {
      const a = this.next++;
      const key = (this.input.records[a] as AliasRecord).key;
      let node = 0;
      for (let d = 0; d < key.length; d++) {
        const c = key.charCodeAt(d);
        let found = node === 0 && c < 128 ? (rootAscii[c] as number) : -1;
        if (found === -1) {
          // find c among the children, kept in ascending order; insert it where it belongs
          let before = -1;
          let child = firstChild[node] as number;
          while (child !== -1 && (char[child] as number) < c) {
            before = child;
            child = nextSibling[child] as number;
          }
          if (child !== -1 && char[child] === c) found = child;
          else {
            found = this.nodes++;
            char[found] = c;
            nextSibling[found] = child;
            if (before === -1) firstChild[node] = found;
            else nextSibling[before] = found;
            if (node === 0 && c < 128) rootAscii[c] = found;
          }
        }
        node = found;
      }
      if (lastAlias[node] === -1) firstAlias[node] = a;
      else nextAlias[lastAlias[node] as number] = a;
      lastAlias[node] = a;
      if ((a & 63) === 63 && this.next < this.count && stop()) return false;
    }
    return true;
  }

  /** Breadth-first renumbering, in progress: a queue of insertion-order nodes is the new numbering. */
  private order: {
    queue: Int32Array;
    edgeStart: Uint32Array;
    edgeChar: Uint16Array;
    terminalBits: Uint8Array;
    terminalNode: number[];
    terminalStart: number[];
    terminalAlias: number[];
    tail: number;
    edges: number;
    n: number;
  } | null = null;

  /**
   * The index, once every record is in; null when `stop()` said to pause first (checked
   * every 4,096 nodes while renumbering), in which case calling again goes on from there.
   */
  finish(stop: () => boolean = () => false): MatchIndex | null {
    if (!this.insert(stop)) return null;
    const { input, rootGate, nodes, char, firstChild, nextSibling, firstAlias, nextAlias } = this;
    this.order ??= {
      queue: new Int32Array(nodes),
      edgeStart: new Uint32Array(nodes + 1),
      edgeChar: new Uint16Array(Math.max(0, nodes - 1)),
      terminalBits: new Uint8Array(Math.ceil(nodes / 8)),
      terminalNode: [],
      terminalStart: [],
      terminalAlias: [],
      tail: 1,
      edges: 0,
      n: 0,
    };
    const order = this.order;
    const { queue, edgeStart, edgeChar, terminalBits, terminalNode, terminalStart, terminalAlias } = order;
    let { tail, edges, n } = order;
    while (n < nodes) {
      const old = queue[n] as number;
      edgeStart[n] = edges;
      for (let c = firstChild[old] as number; c !== -1; c = nextSibling[c] as number) {
        edgeChar[edges++] = char[c] as number; // breadth-first: this edge leads to node edges + 1
        queue[tail++] = c;
      }
      if (firstAlias[old] !== -1) {
        terminalBits[n >> 3] = (terminalBits[n >> 3] as number) | (1 << (n & 7));
        terminalNode.push(n);
        terminalStart.push(terminalAlias.length);
        for (let a = firstAlias[old] as number; a !== -1; a = nextAlias[a] as number) terminalAlias.push(a);
      }
      n++;
      if ((n & 4095) === 0 && n < nodes && stop()) {
        Object.assign(order, { tail, edges, n });
        return null;
      }
    }
    const records = input.records.slice(0, this.count);
    edgeStart[nodes] = edges;
    terminalStart.push(terminalAlias.length);

    const relatedStart = new Uint32Array(input.entityIds.length + 1);
    const related: number[] = [];
    for (let e = 0; e < input.entityIds.length; e++) {
      relatedStart[e] = related.length;
      for (const r of input.related[e] ?? []) related.push(r);
    }
    relatedStart[input.entityIds.length] = related.length;

    return {
      datasetId: input.datasetId,
      datasetVersion: input.datasetVersion,
      entityIds: input.entityIds,
      entityCategories: input.entityCategories,
      relatedStart,
      related: Uint32Array.from(related),
      edgeStart,
      edgeChar,
      terminalBits,
      terminalNode: Uint32Array.from(terminalNode),
      terminalStart: Uint32Array.from(terminalStart),
      terminalAlias: Uint32Array.from(terminalAlias),
      aliasEntity: Uint32Array.from(records, (r) => r.entity),
      aliasFlags: Uint8Array.from(records, (r) => r.flags),
      aliasPattern: records.map((r) => r.pattern),
      aliasRules: records.map((r) => r.rules ?? ''),
      rootGate,
    };
  }
}

export function buildMatchIndex(input: IndexInput): MatchIndex {
  return new TrieBuilder(input).finish() as MatchIndex; // never paused: no stop given
}
