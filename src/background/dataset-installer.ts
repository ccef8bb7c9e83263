/**
 * Installs a validated dataset: cards and index shards under version-specific keys first,
 * then the index head and the `active` record together in one `set`, which both browsers commit atomically
 * (docs/design.md §6, docs/decisions/0008-index-flips-with-active-record.md). A crash before the flip leaves the previous version active and whole;
 * keys of other versions are removed afterwards and at every start.
 */
import browser from 'webextension-polyfill';
import { compileShardedIndex } from '../dataset/compile';
import { shardKey, StoredIndexHead } from '../dataset/shards';
import { buildCards } from '../dataset/cards';
import { parseDataset, formatDatasetError, type Dataset } from '../dataset/schema';
import {
  ACTIVE_DATASET_KEY,
  ACTIVE_INDEX_KEY,
  cardKey,
  readActiveDataset,
  type ActiveDataset,
} from '../shared/storage';

export const BUNDLED_DATASET_PATH = 'dataset/dataset.json';

/** Where an update's or a local file's dataset is kept, so a new index format can be rebuilt. */
export function sourceKey(version: number): string {
  return `source:${version}`;
}

export async function installDataset(dataset: Dataset, origin: ActiveDataset['origin']): Promise<ActiveDataset> {
  const { head: index, shards } = compileShardedIndex(dataset);
  const rows: Record<string, unknown> = {};
  for (const card of buildCards(dataset)) rows[cardKey(dataset.version, card.id)] = card;
  for (const [bucket, shard] of shards) rows[shardKey(dataset.version, bucket)] = shard;
  // The bundled dataset ships in the package; any other is kept, because a later extension
  // version with a new index format must rebuild its index without downloading it again.
  if (origin !== 'bundled') rows[sourceKey(dataset.version)] = dataset;
  await browser.storage.local.set(rows);
  const active: ActiveDataset = {
    datasetId: dataset.id,
    version: dataset.version,
    title: dataset.title,
    publishedAt: dataset.publishedAt,
    ...(dataset.issueTracker ? { issueTracker: dataset.issueTracker } : {}),
    installedAt: new Date().toISOString(),
    origin,
    entityCount: dataset.entities.length,
  };
  await browser.storage.local.set({ [ACTIVE_INDEX_KEY]: index, [ACTIVE_DATASET_KEY]: active });
  await removeOrphanedCards(dataset.version);
  return active;
}

/** Removes cards, index shards and kept sources that belong to any version other than the active one. */
export async function removeOrphanedCards(activeVersion: number): Promise<void> {
  const everything = await browser.storage.local.get(null);
  const stale = Object.keys(everything).filter(
    (k) =>
      (k.startsWith('card:') && !k.startsWith(`card:${activeVersion}:`)) ||
      (k.startsWith('shard:') && !k.startsWith(`shard:${activeVersion}:`)) ||
      (k.startsWith('source:') && k !== sourceKey(activeVersion)),
  );
  if (stale.length > 0) await browser.storage.local.remove(stale);
}

export async function loadBundledDataset(): Promise<Dataset> {
  const response = await fetch(browser.runtime.getURL(BUNDLED_DATASET_PATH));
  const parsed = parseDataset(await response.json());
  if (!parsed.ok) {
    throw new Error(`bundled dataset is invalid:\n${parsed.errors.map(formatDatasetError).join('\n')}`);
  }
  return parsed.dataset;
}

/**
 * Makes sure a dataset is active: the bundled one, unless what is installed is newer (an
 * update, or a maintainer's local file, which is never replaced behind their back).
 */
export async function ensureDatasetInstalled(): Promise<ActiveDataset> {
  const active = await readActiveDataset();
  const bundled = await loadBundledDataset();
  // An index written by an older extension version (another format) is rebuilt.
  const indexUsable = StoredIndexHead.safeParse((await browser.storage.local.get(ACTIVE_INDEX_KEY))[ACTIVE_INDEX_KEY]).success;
  if (active && (active.origin === 'local' || active.version > bundled.version)) {
    if (!indexUsable) {
      const rebuilt = await reinstallKeptSource(active);
      if (rebuilt) return rebuilt;
      console.warn(`Backstory: dataset v${active.version} (${active.origin}) could not be rebuilt; using the bundled dataset until the next update`);
      return installDataset(bundled, 'bundled');
    }
    await removeOrphanedCards(active.version);
    return active;
  }
  if (active && active.version === bundled.version && active.datasetId === bundled.id && indexUsable) return active;
  return installDataset(bundled, 'bundled');
}

/** Re-installs the kept source of an update or local dataset; null when there is none. */
async function reinstallKeptSource(active: ActiveDataset): Promise<ActiveDataset | null> {
  const key = sourceKey(active.version);
  const parsed = parseDataset((await browser.storage.local.get(key))[key]);
  if (!parsed.ok) return null;
  return installDataset(parsed.dataset, active.origin);
}
