// @vitest-environment happy-dom
// @vitest-environment-options {"happyDOM": {"settings": {"disableJavaScriptEvaluation": true, "disableJavaScriptFileLoading": true, "disableCSSFileLoading": true, "disableIframePageLoading": true, "handleDisabledFileLoadingAsSuccess": true}}}
/**
 * The stored, sharded index (dataset/stored-index.ts, alias-hash.ts, bloom-filter.ts,
 * loaded-index.ts): a page that reads only the shards its words need must find exactly what
 * the whole index finds, on every golden page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasRecords, compileMatchIndex, compileShardedIndex } from '../../src/dataset/compile';
import { findMentions } from '../../src/dataset/match';
import { resolveMentions } from '../../src/dataset/resolve';
import { parseDataset, type Dataset } from '../../src/dataset/schema';
import { foldForComparison } from '../../src/dataset/normalize';
import { INLINE_RECORDS, StoredIndexHead, parseShard, type StoredShard } from '../../src/dataset/stored-index';
import { aliasHash } from '../../src/dataset/alias-hash';
import { LoadedIndex } from '../../src/dataset/loaded-index';
import { collectText } from '../../src/content/text-collector';
import { MINI } from '../support/mini-dataset';

const ROOT = resolve(import.meta.dirname, '../..');
const parsed = parseDataset(JSON.parse(readFileSync(join(ROOT, 'assets/dataset/dataset.json'), 'utf8')));
if (!parsed.ok) throw new Error('the bundled dataset is invalid');
const dataset = parsed.value;
const whole = compileMatchIndex(dataset);

/**
 * The bundled dataset cut to its first entities, as many as still fit in the head: the bundled
 * file itself has outgrown that size, so the "small dataset" case is built from it.
 */
function smallDataset(): Dataset {
  let count = dataset.entities.length;
  while (aliasRecords({ ...dataset, entities: dataset.entities.slice(0, count) }).length > INLINE_RECORDS) count -= 10;
  return { ...dataset, entities: dataset.entities.slice(0, count) };
}

/** What storage gives back: the head and shards through JSON and their schemas. */
function stored(bits?: number): {
  head: StoredIndexHead;
  read: (buckets: readonly number[]) => (StoredShard | undefined)[];
  reads: number[][];
} {
  const { head, shards } = compileShardedIndex(dataset, bits);
  const json = JSON.parse(JSON.stringify({ head, shards: Object.fromEntries(shards) })) as {
    head: unknown;
    shards: Record<string, unknown>;
  };
  const reads: number[][] = [];
  return {
    head: StoredIndexHead.parse(json.head),
    read: (buckets) => {
      reads.push([...buckets]);
      return buckets.map((b) => parseShard(json.shards[b]));
    },
    reads,
  };
}

function pageText(file: string): string {
  const html = readFileSync(join(ROOT, file), 'utf8')
    .replace(/<link\b[^>]*>/gi, '')
    .replace(/<iframe\b[\s\S]*?<\/iframe>/gi, '');
  return collectText(new DOMParser().parseFromString(html, 'text/html').body).text;
}

const pages = readdirSync(join(ROOT, 'test/fixtures/golden'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => (JSON.parse(readFileSync(join(ROOT, 'test/fixtures/golden', f), 'utf8')) as { file: string }).file);

type Found = [number, number, string][];
const describeMentions = (index: Parameters<typeof findMentions>[0], text: string): Found =>
  resolveMentions(findMentions(index, text), index).map((m) => [m.start, m.end, m.entityIds.join('|')]);

describe('sharded index', () => {
  it('files every alias under the hash its first word has in page text', () => {
    // The alias's own key hashes like the same words written in a page, in any case or accent.
    const file = (alias: string): number => aliasHash(foldForComparison(alias));
    expect(file('Witkoff')).toBe(file('WITKOFF'));
    expect(file('Steve Witkoff')).toBe(file('STEVE  WITKOFF'));
    expect(file('Zelenskyy')).toBe(file('Zelenskyý'));
    expect(file('28-point plan')).toBe(file('28 point peace plan'));
    expect(file('U.S. envoy')).toBe(file('U S'));
    expect(file('Witkoff')).not.toBe(file('Witkoffs'));
    expect(file('Steve Witkoff')).not.toBe(file('Steve'));
    expect(file('ab c')).not.toBe(file('a bc'));
    // Keys are already folded: folding again changes nothing, so compiler and page agree.
    for (const r of aliasRecords(dataset)) expect(foldForComparison(r.key)).toBe(r.key);
  });

  it('keeps a small dataset in the head (one read) and splits a large one', () => {
    const smallSet = smallDataset();
    const small = compileShardedIndex(smallSet);
    expect(small.head.shardBits).toBe(0);
    expect(small.head.inline?.aliasPattern.length).toBe(aliasRecords(smallSet).length);
    expect(small.shards.size).toBe(0);
    const loaded = new LoadedIndex(StoredIndexHead.parse(JSON.parse(JSON.stringify(small.head))));
    expect(loaded.missing(pageText('test/fixtures/pages/seed.html'))).toEqual([]);
  });

  it.each(pages)('finds on %s exactly what the whole index finds, reading only the shards its words need', (file) => {
    const text = pageText(file);
    const { head, read, reads } = stored(12);
    const loaded = new LoadedIndex(head);
    loaded.add(loaded.missing(text), read(loaded.missing(text)));
    expect(describeMentions(loaded.index, text)).toEqual(describeMentions(whole, text));
    // Everything needed was read at once: nothing is left to read for this text.
    expect(loaded.missing(text)).toEqual([]);
    expect(reads).toHaveLength(1);
  });

  it('grows as the page shows new words, keeping earlier mentions valid', () => {
    const first = pageText('test/fixtures/pages/seed.html');
    const second = 'Later, Sergei Lavrov and Kirill Dmitriev met Yulia Svyrydenko; Lavrov spoke first.';
    const { head, read } = stored(12);
    const loaded = new LoadedIndex(head);
    loaded.add(loaded.missing(first), read(loaded.missing(first)));
    const before = findMentions(loaded.index, first);
    expect(findMentions(loaded.index, second)).toEqual([]);
    const need = loaded.missing(second);
    expect(need.length).toBeGreaterThan(0);
    loaded.add(need, read(need));
    const after = loaded.index;
    // alias indices of the first page's mentions still name the same alias records
    expect(findMentions(after, first)).toEqual(before);
    expect(findMentions(after, second).map((m) => m.entityIds.join('|'))).toEqual([
      'sergei-lavrov',
      'kirill-dmitriev',
      'yulia-svyrydenko',
      'sergei-lavrov',
    ]);
    expect(describeMentions(after, `${first}\u001f${second}`)).toEqual(describeMentions(whole, `${first}\u001f${second}`));
  });

  it('reads the part of the dataset a page’s words can begin, not the dataset', () => {
    const records = aliasRecords(dataset).length;
    const readFor = (text: string): number => {
      const { head, read } = stored(14);
      const loaded = new LoadedIndex(head);
      const need = loaded.missing(text);
      loaded.add(need, read(need));
      return loaded.index.aliasEntity.length;
    };
    // The seed article is about the people this dataset covers, and still reads under half.
    expect(readFor(pageText('test/fixtures/pages/seed.html'))).toBeLessThan(records / 2);
    expect(readFor('The weather in spring was mild, and the harvest came early.')).toBeLessThan(20);
  });

  it('reads nothing for words that begin no alias, bar the filter’s rare false positive', () => {
    const { head } = stored(12);
    const loaded = new LoadedIndex(head);
    let seed = 7;
    const letters = 'bcdfghklmnprstvz';
    const word = (): string =>
      Array.from({ length: 7 }, (_, i) => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        const ch = i % 2 ? ('aeiou'[seed % 5] as string) : (letters[seed % letters.length] as string);
        return i === 0 ? ch.toUpperCase() : ch;
      }).join('');
    const text = Array.from({ length: 3000 }, word).join(' ');
    // about 6,000 distinct hashes (each word, and each word with the next)
    expect(loaded.missing(text).length).toBeLessThan(60);
  });

  it('treats a missing shard as empty and a damaged head as an error', () => {
    const { head } = stored(12);
    const loaded = new LoadedIndex(head);
    const text = 'Steve Witkoff met Vladimir Putin.';
    const need = loaded.missing(text);
    loaded.add(
      need,
      need.map(() => undefined),
    );
    expect(findMentions(loaded.index, text)).toEqual([]);
    expect(loaded.missing(text)).toEqual([]);
    expect(() => new LoadedIndex({ ...head, rootGate: 'not base64!' })).toThrow(/damaged/);
    expect(() => new LoadedIndex({ ...head, filter: '' })).toThrow(/damaged/);
    const small = compileShardedIndex(smallDataset()).head;
    expect(() => new LoadedIndex({ ...small, inline: undefined })).toThrow(/damaged/);
    expect(() => new LoadedIndex({ ...small, inline: { ...(small.inline as NonNullable<typeof small.inline>), edgeChar: '%%' } })).toThrow(
      /damaged/,
    );
    expect(parseShard('{"entities": []}')).toBeUndefined();
    // columns of unequal length are damaged, as is text that is not JSON
    const whole = { ids: ['a'], categories: '0', related: [[]], keys: ['a'], patterns: [''], flags: [0], rules: [''], entities: [0] };
    expect(parseShard(JSON.stringify(whole))).toEqual(whole);
    expect(parseShard(JSON.stringify({ ...whole, categories: '' }))).toBeUndefined();
    expect(parseShard(JSON.stringify({ ...whole, flags: [] }))).toBeUndefined();
    expect(parseShard(JSON.stringify({ ...whole, related: [] }))).toBeUndefined();
    expect(parseShard(JSON.stringify({ ...whole, rules: [] }))).toBeUndefined();
    expect(parseShard('{"ids": [')).toBeUndefined();
    // a record that names an entity its shard does not hold is left out
    const misfiled = new LoadedIndex(head);
    const [bucket] = misfiled.missing(text);
    misfiled.add(
      [bucket as number],
      [
        {
          ids: ['steve-witkoff'],
          categories: '0',
          related: [[]],
          keys: ['steve witkoff'],
          patterns: ['Steve Witkoff'],
          flags: [1],
          rules: [''],
          entities: [3],
        },
      ],
    );
    expect(findMentions(misfiled.index, text)).toEqual([]);
    expect(parseShard(42)).toBeUndefined();
  });

  it('matches the mini dataset alike through a one-shard and a many-shard store', () => {
    const text = 'Rubio met Zelenskyy and Nato’s Rutte about the 28-point plan.';
    const one = new LoadedIndex(StoredIndexHead.parse(JSON.parse(JSON.stringify(compileShardedIndex(MINI).head))));
    expect(describeMentions(one.index, text)).toEqual(describeMentions(compileMatchIndex(MINI), text));
    expect(findMentions(one.index, text)).toHaveLength(5);
  });
});
