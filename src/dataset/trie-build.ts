/**
 * Builds a MatchIndex (the trie in typed arrays, match-index.ts) from alias records. Used by
 * the background's compiler for a whole dataset, and by the content script for the few
 * shards a page needs (shards.ts), so it stays small and free of the dataset schema.
 */
import type { CategoryId } from './categories';
import { FLAG_CASE_SENSITIVE, type MatchIndex } from './match-index';

/** One alias variant as the matcher sees it. */
export interface AliasRecord {
  /** Position of its entity in `entityIds`. */
  entity: number;
  /** The full fold (foldForComparison): the trie's key. */
  key: string;
  /** The case-preserving fold, for case-sensitive aliases; '' otherwise. */
  pattern: string;
  /** FLAG_CASE_SENSITIVE | FLAG_AMBIGUOUS. */
  flags: number;
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

interface BuildNode {
  children: Map<number, BuildNode>;
  aliases: number[];
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

export function buildMatchIndex(input: IndexInput): MatchIndex {
  const root: BuildNode = { children: new Map(), aliases: [] };
  const rootGate = new Uint8Array(128);
  input.records.forEach((record, a) => {
    openRootGate(rootGate, record);
    let node = root;
    for (let i = 0; i < record.key.length; i++) {
      const c = record.key.charCodeAt(i);
      let next = node.children.get(c);
      if (!next) {
        next = { children: new Map(), aliases: [] };
        node.children.set(c, next);
      }
      node = next;
    }
    node.aliases.push(a);
  });

  // Breadth-first numbering keeps the nodes near the root, the hottest, close together, and
  // lets edge e lead to node e + 1 (match-index.ts).
  const order: BuildNode[] = [root];
  const sortedKeys: number[][] = [];
  for (let i = 0; i < order.length; i++) {
    const node = order[i] as BuildNode;
    const keys = [...node.children.keys()].sort((a, b) => a - b);
    sortedKeys.push(keys);
    for (const k of keys) order.push(node.children.get(k) as BuildNode);
  }
  const nodeCount = order.length;
  const edgeStart = new Uint32Array(nodeCount + 1);
  const edgeChar = new Uint16Array(Math.max(0, nodeCount - 1));
  const terminalBits = new Uint8Array(Math.ceil(nodeCount / 8));
  const terminalNode: number[] = [];
  const terminalStart: number[] = [];
  const terminalAlias: number[] = [];
  let edges = 0;
  for (let n = 0; n < nodeCount; n++) {
    const node = order[n] as BuildNode;
    edgeStart[n] = edges;
    for (const k of sortedKeys[n] as number[]) edgeChar[edges++] = k;
    if (node.aliases.length > 0) {
      terminalBits[n >> 3] = (terminalBits[n >> 3] as number) | (1 << (n & 7));
      terminalNode.push(n);
      terminalStart.push(terminalAlias.length);
      for (const a of node.aliases) terminalAlias.push(a);
    }
  }
  edgeStart[nodeCount] = edges;
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
    aliasEntity: Uint32Array.from(input.records, (r) => r.entity),
    aliasFlags: Uint8Array.from(input.records, (r) => r.flags),
    aliasPattern: input.records.map((r) => r.pattern),
    rootGate,
  };
}
