import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINI, dataset, entity } from './helpers/mini-dataset';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./helpers/fake-browser')).fakeBrowser }));

const { fakeBrowser, resetFakeBrowser } = await import('./helpers/fake-browser');
const { ensureDatasetInstalled, installDataset } = await import('../../src/background/dataset-installer');
const { STORED_INDEX_FORMAT: INDEX_FORMAT, INLINE_RECORDS, parseShard } = await import('../../src/dataset/shards');

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
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(MINI)));
  });
  afterEach(() => vi.unstubAllGlobals());

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
    expect((local().get('activeIndex') as { format: number; datasetVersion: number })).toMatchObject({ format: INDEX_FORMAT, datasetVersion: 7 });
    // only the active version's cards and source remain
    expect([...local().keys()].filter((k) => k.startsWith('card:1:') || (k.startsWith('source:') && k !== 'source:7'))).toEqual([]);
  });

  it('stores a large dataset as shards of its version, and drops the shards of the version it replaces', async () => {
    const big = (version: number) => dataset(Array.from({ length: INLINE_RECORDS + 100 }, (_, i) => entity(`person-${i}`, 'person', `Name${i} Person`)), version);
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

  it('never replaces a maintainer’s local dataset with the bundled one', async () => {
    await installDataset({ ...MINI, version: 1, title: 'My local file' }, 'local');
    const active = await ensureDatasetInstalled();
    expect(active).toMatchObject({ origin: 'local', title: 'My local file' });
  });
});
