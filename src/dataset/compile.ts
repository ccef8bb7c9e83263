/**
 * compileMatchIndex: dataset -> match index. Runs in the background (and the maintainers'
 * command line), never in a content script.
 */
import { foldBase, foldCasePreserving, foldForComparison, expandAliasTemplate } from './normalize';
import {
  aliasesWithName,
  aliasIsAmbiguous,
  aliasIsCaseSensitive,
  aliasText,
  type Dataset,
} from './schema';
import { FLAG_AMBIGUOUS, FLAG_CASE_SENSITIVE, type MatchIndex } from './match-index';

interface BuildNode {
  children: Map<number, BuildNode>;
  aliases: number[];
  id: number;
}

export function compileMatchIndex(dataset: Dataset): MatchIndex {
  const entityIndex = new Map(dataset.entities.map((e, i) => [e.id, i]));
  const root: BuildNode = { children: new Map(), aliases: [], id: 0 };
  const aliasEntity: number[] = [];
  const aliasFlags: number[] = [];
  const aliasPattern: string[] = [];
  // one record per (entity, folded key, case rule), so variants that fold alike share a record
  const seen = new Set<string>();
  const rootGate = new Uint8Array(128);
  const openGate = (ch: string): void => {
    const c = ch.charCodeAt(0);
    if (c < 128) rootGate[c] = 1;
  };

  dataset.entities.forEach((entity, e) => {
    for (const { alias } of aliasesWithName(entity)) {
      const caseSensitive = aliasIsCaseSensitive(alias, entity.category);
      const ambiguous = aliasIsAmbiguous(alias);
      for (const variant of expandAliasTemplate(aliasText(alias))) {
        const key = foldForComparison(variant);
        if (key.length === 0) continue;
        const pattern = caseSensitive ? foldCasePreserving(variant) : '';
        const dedupe = `${e}\u0000${key}\u0000${pattern}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        const first = String.fromCharCode(foldBase(variant.charCodeAt(0)));
        if (caseSensitive) {
          openGate(first);
          openGate(first.toUpperCase());
        } else {
          openGate(first.toLowerCase());
          openGate(first.toUpperCase());
        }
        const record = aliasEntity.length;
        aliasEntity.push(e);
        aliasFlags.push((caseSensitive ? FLAG_CASE_SENSITIVE : 0) | (ambiguous ? FLAG_AMBIGUOUS : 0));
        aliasPattern.push(pattern);
        let node = root;
        for (let i = 0; i < key.length; i++) {
          const c = key.charCodeAt(i);
          let next = node.children.get(c);
          if (!next) {
            next = { children: new Map(), aliases: [], id: -1 };
            node.children.set(c, next);
          }
          node = next;
        }
        node.aliases.push(record);
      }
    }
  });

  // Breadth-first numbering keeps the nodes near the root, the hottest, close together.
  const order: BuildNode[] = [root];
  for (let i = 0; i < order.length; i++) {
    const node = order[i];
    if (!node) break;
    node.id = i;
    const keys = [...node.children.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      const child = node.children.get(k);
      if (child) order.push(child);
    }
  }
  const nodeCount = order.length;
  const edgeStart = new Uint32Array(nodeCount + 1);
  const edgeChar = new Uint16Array(nodeCount - 1);
  const terminalBits = new Uint8Array(Math.ceil(nodeCount / 8));
  const terminalNode: number[] = [];
  const terminalStart: number[] = [];
  const terminalAlias: number[] = [];
  let edges = 0;
  for (let n = 0; n < nodeCount; n++) {
    const node = order[n] as BuildNode;
    edgeStart[n] = edges;
    const keys = [...node.children.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      // breadth-first numbering: this edge leads to node edges + 1 (see match-index.ts)
      edgeChar[edges] = k;
      edges++;
    }
    if (node.aliases.length > 0) {
      terminalBits[n >> 3] = (terminalBits[n >> 3] as number) | (1 << (n & 7));
      terminalNode.push(n);
      terminalStart.push(terminalAlias.length);
      for (const a of node.aliases) terminalAlias.push(a);
    }
  }
  edgeStart[nodeCount] = edges;
  terminalStart.push(terminalAlias.length);

  const relatedStart = new Uint32Array(dataset.entities.length + 1);
  const related: number[] = [];
  dataset.entities.forEach((entity, e) => {
    relatedStart[e] = related.length;
    for (const id of entity.related) {
      const r = entityIndex.get(id);
      if (r !== undefined) related.push(r);
    }
  });
  relatedStart[dataset.entities.length] = related.length;

  return {
    datasetId: dataset.id,
    datasetVersion: dataset.version,
    entityIds: dataset.entities.map((e) => e.id),
    entityCategories: dataset.entities.map((e) => e.category),
    relatedStart,
    related: Uint32Array.from(related),
    edgeStart,
    edgeChar,
    terminalBits,
    terminalNode: Uint32Array.from(terminalNode),
    terminalStart: Uint32Array.from(terminalStart),
    terminalAlias: Uint32Array.from(terminalAlias),
    aliasEntity: Uint32Array.from(aliasEntity),
    aliasFlags: Uint8Array.from(aliasFlags),
    aliasPattern,
    rootGate,
  };
}
