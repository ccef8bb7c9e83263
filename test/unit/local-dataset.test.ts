/**
 * The background's side of a maintainer's local dataset file (options page → background):
 * it validates again and replies with a bounded report, installs, and resets.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINI, entity, dataset } from '../support/mini-dataset';

import { freshTrustedStore } from '../support/trusted-store';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const { fakeBrowser, resetFakeBrowser } = await import('../support/fake-browser');
const { installLocalDataset, resetToBundledDataset } = await import('../../src/background/local-dataset');
const { installDataset, ensureDatasetInstalled, readInstalledDataset } = await import('../../src/background/dataset-installer');
const { LocalDatasetOutcome } = await import('../../src/shared/messages');
const { raiseFloor } = await import('../../src/background/floor');
const { keptSourceVersions } = await import('../../src/background/trusted-store');

beforeEach(() => {
  resetFakeBrowser();
  freshTrustedStore();
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(MINI)));
});
afterEach(() => vi.unstubAllGlobals());

describe('a local dataset file, in the background', () => {
  it('replies with the first 200 errors of a file broken everywhere, where checking stopped', async () => {
    const broken = dataset(
      Array.from({ length: 300 }, (_, i) => entity(`person-${i}`, 'person', `Person ${i}`, [], { sources: ['http://insecure.example'] })),
      5,
    );
    const outcome = await installLocalDataset(JSON.stringify(broken));
    expect(LocalDatasetOutcome.safeParse(outcome).success).toBe(true);
    expect(outcome).toMatchObject({ kind: 'invalid', total: 200 });
    if (outcome.kind !== 'invalid') throw new Error('expected invalid');
    expect(outcome.errors).toHaveLength(200);
    expect(outcome.errors[0]).toBe('person-0  entities[0].sources[0]  must be an https:// URL');
  });
});

describe('importing and resetting leave one coherent dataset', () => {
  const keys = (): string[] => [...fakeBrowser.storage.local.data.keys()].sort();

  /** What the updater leaves after installing a verified release: the dataset, its source, and the floor. */
  async function verifiedRelease(version: number): Promise<void> {
    await installDataset({ ...MINI, version, title: `Release ${version}` }, 'update');
    await raiseFloor(version);
  }

  it('refuses a file whose version is the active dataset’s, and changes nothing', async () => {
    await ensureDatasetInstalled();
    const before = structuredClone([...fakeBrowser.storage.local.data]);
    const outcome = await installLocalDataset(JSON.stringify({ ...MINI, title: 'Edited copy' }));
    expect(outcome).toEqual({ kind: 'refused', reason: 'same-as-active', version: 1 });
    expect([...fakeBrowser.storage.local.data]).toEqual(before);
  });

  it('refuses the bundled dataset’s version, and the kept release’s, while another dataset is active', async () => {
    await ensureDatasetInstalled();
    await verifiedRelease(5);
    expect(await installLocalDataset(JSON.stringify({ ...MINI, version: 1 }))).toEqual({
      kind: 'refused',
      reason: 'same-as-bundled',
      version: 1,
    });
    expect(await installLocalDataset(JSON.stringify({ ...MINI, version: 9 }))).toMatchObject({
      kind: 'installed',
      dataset: { version: 9, origin: 'local' },
    });
    expect(await installLocalDataset(JSON.stringify({ ...MINI, version: 5 }))).toEqual({
      kind: 'refused',
      reason: 'same-as-kept-release',
      version: 5,
    });
    expect((await readInstalledDataset())?.version).toBe(9);
  });

  it('reset brings back the newer verified release from its kept source, not the older bundled dataset', async () => {
    await ensureDatasetInstalled();
    await verifiedRelease(5);
    expect(await installLocalDataset(JSON.stringify({ ...MINI, version: 9, title: 'My draft' }))).toMatchObject({ kind: 'installed' });
    expect(await keptSourceVersions()).toContain(5);
    const active = await resetToBundledDataset();
    expect(active).toMatchObject({ version: 5, origin: 'update', title: 'Release 5' });
    expect(await readInstalledDataset()).toEqual(active);
  });

  it('reset installs the bundled dataset when no release newer than it was verified', async () => {
    await ensureDatasetInstalled();
    await installLocalDataset(JSON.stringify({ ...MINI, version: 9 }));
    expect(await resetToBundledDataset()).toMatchObject({ version: 1, origin: 'bundled' });
  });

  it('keeps only the active version’s keys and the kept release’s source, however often datasets are switched', async () => {
    await ensureDatasetInstalled();
    const cardsOf = (version: number): number => keys().filter((k) => k.startsWith(`card:${version}:`)).length;
    for (let round = 0; round < 3; round++) {
      await verifiedRelease(5 + round * 10);
      const draft = dataset(
        Array.from({ length: 5 + round }, (_, i) => entity(`draft-${round}-${i}`, 'person', `Draft${round} Person${i}`)),
        7 + round * 10,
      );
      expect(await installLocalDataset(JSON.stringify(draft))).toMatchObject({ kind: 'installed' });
      expect(keys().filter((k) => /^(card|shard|source):/.test(k) && !k.startsWith(`card:${7 + round * 10}:`))).toEqual([]);
      expect((await keptSourceVersions()).sort((a, b) => a - b)).toEqual([5 + round * 10, 7 + round * 10]);
      expect(cardsOf(7 + round * 10)).toBe(5 + round);
      await resetToBundledDataset();
      expect(keys().filter((k) => /^(card|shard|source):/.test(k) && !k.startsWith(`card:${5 + round * 10}:`))).toEqual([]);
      expect(await keptSourceVersions()).toEqual([5 + round * 10]);
    }
  });
});
