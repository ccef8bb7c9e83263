/**
 * The content script builds tries from shards with buildMatchIndex (typed arrays, no Map).
 * It must give exactly the layout a plain node-object trie numbered breadth-first gives.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasRecords } from '../../src/dataset/compile';
import { buildMatchIndex, TrieBuilder, type AliasRecord } from '../../src/dataset/trie-build';
import { parseDataset, type Dataset } from '../../src/dataset/schema';
import { MINI } from '../support/mini-dataset';

interface Node {
  children: Map<number, Node>;
  aliases: number[];
}

/** The reference: node objects, children sorted, breadth-first numbering. */
function referenceTrie(records: readonly AliasRecord[]): {
  edgeStart: number[];
  edgeChar: number[];
  terminalNode: number[];
  terminalAlias: number[];
} {
  const root: Node = { children: new Map(), aliases: [] };
  records.forEach((r, a) => {
    let node = root;
    for (const ch of r.key) {
      for (let i = 0; i < ch.length; i++) {
        const c = ch.charCodeAt(i);
        let next = node.children.get(c);
        if (!next) node.children.set(c, (next = { children: new Map(), aliases: [] }));
        node = next;
      }
    }
    node.aliases.push(a);
  });
  const order: Node[] = [root];
  const out = { edgeStart: [] as number[], edgeChar: [] as number[], terminalNode: [] as number[], terminalAlias: [] as number[] };
  for (let n = 0; n < order.length; n++) {
    const node = order[n] as Node;
    out.edgeStart.push(out.edgeChar.length);
    for (const c of [...node.children.keys()].sort((x, y) => x - y)) {
      out.edgeChar.push(c);
      order.push(node.children.get(c) as Node);
    }
    if (node.aliases.length > 0) {
      out.terminalNode.push(n);
      out.terminalAlias.push(...node.aliases);
    }
  }
  out.edgeStart.push(out.edgeChar.length);
  return out;
}

const ROOT = resolve(import.meta.dirname, '../..');
const bundled = parseDataset(JSON.parse(readFileSync(join(ROOT, 'assets/dataset/dataset.json'), 'utf8')));

describe('buildMatchIndex', () => {
  const cases: [string, Dataset][] = [['the mini dataset', MINI]];
  if (bundled.ok) cases.push(['the bundled dataset', bundled.value]);
  it.each(cases)('lays out %s exactly as a node-object trie numbered breadth-first', (_, dataset) => {
    const records = aliasRecords(dataset);
    const built = buildMatchIndex({
      datasetId: dataset.id,
      datasetVersion: dataset.version,
      entityIds: dataset.entities.map((e) => e.id),
      entityCategories: dataset.entities.map((e) => e.category),
      related: [],
      records,
    });
    const reference = referenceTrie(records);
    expect([...built.edgeStart]).toEqual(reference.edgeStart);
    expect([...built.edgeChar]).toEqual(reference.edgeChar);
    expect([...built.terminalNode]).toEqual(reference.terminalNode);
    expect([...built.terminalAlias]).toEqual(reference.terminalAlias);
    for (let n = 0; n < reference.edgeStart.length - 1; n++) {
      expect(((built.terminalBits[n >> 3] as number) >> (n & 7)) & 1).toBe(reference.terminalNode.includes(n) ? 1 : 0);
    }
  });

  it('handles no records, one record, shared prefixes and keys that are prefixes of others', () => {
    const record = (key: string, entity = 0): AliasRecord => ({ key, pattern: '', flags: 0, entity });
    for (const keys of [[], ['a'], ['ab', 'a', 'abc', 'b', 'ab'], ['zz', 'é', 'a b', 'a']]) {
      const records = keys.map((k, i) => record(k, i));
      const built = buildMatchIndex({
        datasetId: 'x',
        datasetVersion: 1,
        entityIds: keys.map((_, i) => `e${i}`),
        entityCategories: keys.map(() => 'person'),
        related: [],
        records,
      });
      const reference = referenceTrie(records);
      expect([...built.edgeStart]).toEqual(reference.edgeStart);
      expect([...built.edgeChar]).toEqual(reference.edgeChar);
      expect([...built.terminalAlias]).toEqual(reference.terminalAlias);
    }
  });

  it('builds the same trie when stopped after every 64 records and resumed', () => {
    if (!bundled.ok) throw new Error('the bundled dataset is invalid');
    const dataset = bundled.value;
    const input = {
      datasetId: dataset.id,
      datasetVersion: dataset.version,
      entityIds: dataset.entities.map((e) => e.id),
      entityCategories: dataset.entities.map((e) => e.category),
      related: [],
      records: aliasRecords(dataset),
    };
    const builder = new TrieBuilder(input);
    let pauses = 0;
    while (!builder.insert(() => true)) pauses++;
    expect(pauses).toBe(Math.ceil(input.records.length / 64) - 1);
    expect(builder.finish()).toEqual(buildMatchIndex(input));
  });

  it('builds the same trie when the renumbering is stopped every 4,096 nodes and resumed', () => {
    if (!bundled.ok) throw new Error('the bundled dataset is invalid');
    const dataset = bundled.value;
    const input = {
      datasetId: dataset.id,
      datasetVersion: dataset.version,
      entityIds: dataset.entities.map((e) => e.id),
      entityCategories: dataset.entities.map((e) => e.category),
      related: [],
      records: aliasRecords(dataset),
    };
    const reference = buildMatchIndex(input);
    const nodes = reference.edgeStart.length - 1;
    expect(nodes).toBeGreaterThan(2 * 4096);
    const builder = new TrieBuilder(input);
    let pauses = 0;
    let built = builder.finish(() => true);
    for (; built === null; built = builder.finish(() => true)) pauses++;
    expect(pauses).toBe(Math.ceil(input.records.length / 64) - 1 + Math.ceil(nodes / 4096) - 1);
    expect(built).toEqual(reference);
  });
});
