import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINI, dataset, entity } from '../support/mini-dataset';

import { freshTrustedStore } from '../support/trusted-store';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const { fakeBrowser, resetFakeBrowser } = await import('../support/fake-browser');
const { ensureDatasetInstalled, installDataset } = await import('../../src/background/dataset-installer');
const { readRepairLog } = await import('../../src/background/repairs');
const { keepSource, keptSourceVersions, removeSources } = await import('../../src/background/trusted-store');
const { STORED_INDEX_FORMAT: INDEX_FORMAT, INLINE_RECORDS, StoredIndexHead, parseShard } = await import('../../src/dataset/stored-index');
const { LoadedIndex } = await import('../../src/dataset/loaded-index');

const local = (): Map<string, unknown> => fakeBrowser.storage.local.data;

/** An index as an older extension version stored it: the format number and a field differ. */
function ageStoredIndex(): void {
  const older: Record<string, unknown> = { ...(local().get('activeIndex') as Record<string, unknown>), format: 1 };
  delete older.rootGate;
  local().set('activeIndex', older);
}

describe('installing and keeping the dataset', () => {
  beforeEach(() => {
    resetFakeBrowser();
    freshTrustedStore();
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(MINI)));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('installs the bundled dataset: index, active record and one card per entity', async () => {
    const active = await ensureDatasetInstalled();
    expect(active).toMatchObject({ datasetId: 'test-dataset', version: 1, origin: 'bundled', entityCount: MINI.entities.length });
    expect([...local().keys()].filter((k) => k.startsWith('card:1:'))).toHaveLength(MINI.entities.length);
    expect((local().get('activeIndex') as { format: number }).format).toBe(INDEX_FORMAT);
  });

  it('rebuilds an index stored in an older format from the bundled dataset', async () => {
    await ensureDatasetInstalled();
    ageStoredIndex();
    await ensureDatasetInstalled();
    expect((local().get('activeIndex') as { format: number }).format).toBe(INDEX_FORMAT);
  });

  it('keeps an installed update across an index format change, rebuilding it from its kept source', async () => {
    await ensureDatasetInstalled();
    await installDataset({ ...MINI, version: 7, title: 'Update seven' }, 'update');
    ageStoredIndex();
    const active = await ensureDatasetInstalled();
    expect(active).toMatchObject({ version: 7, origin: 'update', title: 'Update seven' });
    expect(local().get('activeIndex') as { format: number; datasetVersion: number }).toMatchObject({
      format: INDEX_FORMAT,
      datasetVersion: 7,
    });
    // only the active version's cards and source remain
    expect([...local().keys()].filter((k) => k.startsWith('card:1:') || k.startsWith('source:'))).toEqual([]);
    expect(await keptSourceVersions()).toEqual([7]);
  });

  it('stores a large dataset as shards of its version, and drops the shards of the version it replaces', async () => {
    const big = (version: number) =>
      dataset(
        Array.from({ length: INLINE_RECORDS + 100 }, (_, i) => entity(`person-${i}`, 'person', `Name${i} Person`)),
        version,
      );
    await installDataset(big(2), 'update');
    const head = local().get('activeIndex') as { shardBits: number; inline?: unknown };
    expect(head.shardBits).toBeGreaterThan(0);
    expect(head.inline).toBeUndefined();
    const shardKeys = [...local().keys()].filter((k) => k.startsWith('shard:2:'));
    expect(shardKeys.length).toBeGreaterThan(1);
    for (const k of shardKeys) expect(parseShard(local().get(k))).toBeDefined();
    await installDataset(big(3), 'update');
    expect([...local().keys()].filter((k) => k.startsWith('shard:2:'))).toEqual([]);
    expect([...local().keys()].filter((k) => k.startsWith('shard:3:')).length).toBe(shardKeys.length);
  });

  /** Damages the stored head in a way its schema cannot see: every field still a string of the right kind. */
  const damages: Record<string, (head: Record<string, unknown>) => void> = {
    'a root gate that is not base64': (head) => void (head.rootGate = 'not base64!'),
    'a root gate of the wrong length': (head) => void (head.rootGate = 'AAAA'),
    'an inline trie array cut short': (head) => {
      const inline = head.inline as Record<string, string>;
      inline.edgeStart = (inline.edgeStart ?? '').slice(0, -8);
    },
    'an inline trie whose aliases point past its entities': (head) => {
      const inline = head.inline as Record<string, string>;
      inline.aliasEntity = btoa(
        String.fromCharCode(...new Uint8Array(Uint32Array.from(atobWords(inline.aliasEntity ?? ''), () => 0xffff).buffer)),
      );
    },
    'the head of another dataset version': (head) => void (head.datasetVersion = 99),
  };

  function atobWords(text: string): Uint32Array {
    const raw = atob(text);
    return new Uint32Array(Uint8Array.from(raw, (c) => c.charCodeAt(0)).buffer);
  }

  function damageHead(damage: (head: Record<string, unknown>) => void): void {
    const head = structuredClone(local().get('activeIndex')) as Record<string, unknown>;
    damage(head);
    expect(StoredIndexHead.safeParse(head).success).toBe(true);
    local().set('activeIndex', head);
  }

  function expectHeadDecodes(version: number): void {
    const parsed = StoredIndexHead.safeParse(local().get('activeIndex'));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.datasetVersion).toBe(version);
    expect(() => new LoadedIndex(parsed.data).index).not.toThrow();
  }

  for (const [what, damage] of Object.entries(damages)) {
    it(`detects ${what} at start-up, though its schema passes, and reinstalls the bundled dataset`, async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      await ensureDatasetInstalled();
      damageHead(damage);
      expect(await ensureDatasetInstalled()).toMatchObject({ version: 1, origin: 'bundled' });
      expectHeadDecodes(1);
      expect(await readRepairLog()).toEqual([{ kind: 'index-rebuilt', at: expect.any(String) as unknown, version: 1, from: 'bundled' }]);
    });
  }

  it('rebuilds a damaged head of an installed update from its kept source, and logs it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await ensureDatasetInstalled();
    await installDataset({ ...MINI, version: 7, title: 'Update seven' }, 'update');
    damageHead(damages['a root gate of the wrong length'] ?? (() => undefined));
    expect(await ensureDatasetInstalled()).toMatchObject({ version: 7, origin: 'update', title: 'Update seven' });
    expectHeadDecodes(7);
    expect(await readRepairLog()).toEqual([{ kind: 'index-rebuilt', at: expect.any(String) as unknown, version: 7, from: 'kept' }]);
  });

  it('falls back to the bundled dataset when a damaged update has no kept source, and logs it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await ensureDatasetInstalled();
    await installDataset({ ...MINI, version: 7 }, 'update');
    await removeSources([7]);
    damageHead(damages['an inline trie array cut short'] ?? (() => undefined));
    expect(await ensureDatasetInstalled()).toMatchObject({ version: 1, origin: 'bundled' });
    expectHeadDecodes(1);
    expect(await readRepairLog()).toEqual([{ kind: 'dataset-replaced', at: expect.any(String) as unknown, version: 7, bundledVersion: 1 }]);
  });

  it('leaves a sound head alone and logs nothing, inline or sharded', async () => {
    await ensureDatasetInstalled();
    const before = local().get('activeIndex');
    await ensureDatasetInstalled();
    expect(local().get('activeIndex')).toBe(before);
    const big = dataset(
      Array.from({ length: INLINE_RECORDS + 100 }, (_, i) => entity(`person-${i}`, 'person', `Name${i} Person`)),
      5,
    );
    await installDataset(big, 'update');
    const sharded = local().get('activeIndex');
    expect(await ensureDatasetInstalled()).toMatchObject({ version: 5, origin: 'update' });
    expect(local().get('activeIndex')).toBe(sharded);
    expect(await readRepairLog()).toEqual([]);
  });

  it('judges the real bundled dataset’s head sound, so a start-up does not reinstall it', async () => {
    const text = readFileSync(resolve(import.meta.dirname, '../../assets/dataset/dataset.json'), 'utf8');
    vi.stubGlobal('fetch', async () => new Response(text));
    await ensureDatasetInstalled();
    const before = local().get('activeIndex');
    await ensureDatasetInstalled();
    expect(local().get('activeIndex')).toBe(before);
    expect(await readRepairLog()).toEqual([]);
  });

  it('removes keys a crash left behind at the next start, also while the bundled dataset is active', async () => {
    await ensureDatasetInstalled();
    // An install of version 9 that died before its flip: cards, a shard and a source, never active.
    local().set('card:9:someone', { id: 'someone' });
    local().set('shard:9:3', '{}');
    await keepSource({ ...MINI, version: 9 });
    await keepSource({ ...MINI });
    local().set('source:9', { ...MINI, version: 9 });
    await ensureDatasetInstalled();
    expect([...local().keys()].filter((k) => /^(card|shard|source):/.test(k) && !k.startsWith('card:1:'))).toEqual([]);
    expect(await keptSourceVersions()).toEqual([]);
  });

  it('an install over the same version number leaves none of the earlier install’s cards or shards', async () => {
    const big = (version: number, prefix: string) =>
      dataset(
        Array.from({ length: INLINE_RECORDS + 100 }, (_, i) => entity(`${prefix}-${i}`, 'person', `${prefix}${i} Person`)),
        version,
      );
    await installDataset(big(4, 'first'), 'update');
    const firstShards = [...local().keys()].filter((k) => k.startsWith('shard:4:'));
    // The same version again, other entities and a smaller index (a rebuild writes the same version too).
    await installDataset({ ...MINI, version: 4 }, 'update');
    expect([...local().keys()].filter((k) => k.startsWith('card:4:'))).toHaveLength(MINI.entities.length);
    expect(firstShards.length).toBeGreaterThan(0);
    expect([...local().keys()].filter((k) => k.startsWith('shard:4:'))).toEqual([]);
  });

  it('never replaces a maintainer’s local dataset with the bundled one', async () => {
    await installDataset({ ...MINI, version: 1, title: 'My local file' }, 'local');
    const active = await ensureDatasetInstalled();
    expect(active).toMatchObject({ origin: 'local', title: 'My local file' });
  });
});
