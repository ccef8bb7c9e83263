/**
 * Installs a validated dataset: cards and index shards under version-specific keys first,
 * then the index head and the `active` record together in one `set`, which both browsers commit atomically
 * (docs/design.md §6, docs/decisions/0008-index-flips-with-active-record.md). A crash before the flip leaves the previous version active and whole;
 * keys of other versions are removed afterwards and at every start.
 *
 * What stays besides the active version's keys: the source of the last verified release (the
 * version floor) while an older or a local dataset is active, so "Reset to bundled dataset"
 * can restore it without a download. Nothing else: storage does not grow with each switch.
 * Sources and the record of what is installed are in the trusted store (trusted-store.ts);
 * storage.local holds what tabs read.
 */
import browser from 'webextension-polyfill';
import { compileShardedIndex } from '../dataset/compile';
import { STORED_INDEX_FORMAT, StoredIndexHead } from '../dataset/stored-index';
import { LoadedIndex } from '../dataset/loaded-index';
import { FLAG_GIVEN, NO_ENTITY, type MatchIndex } from '../dataset/match-index';
import { buildCards } from '../dataset/cards';
import { parseDataset, formatDatasetError, type Dataset } from '../dataset/schema';
import {
  activeDatasetItem,
  activeIndexItem,
  cardItems,
  LEGACY_SOURCE_PREFIX,
  readWholeArea,
  removeListedKeys,
  shardItems,
  versionOfKey,
  writeEntries,
  type ActiveDataset,
  type StoredEntry,
} from '../shared/storage';
import { readActiveIndexRaw } from '../shared/dataset-storage';
import { readStoredFloor } from './floor';
import { logRepair } from './repairs';
import { keepSource, keptSourceVersions, readSource, readTrusted, removeSources, writeTrusted } from './trusted-store';

export const BUNDLED_DATASET_PATH = 'dataset/dataset.json';

/**
 * The dataset the background installed last, from the trusted store; null when none. The
 * `activeDataset` copy in storage.local is for content scripts, which can also write it.
 */
export async function readInstalledDataset(): Promise<ActiveDataset | null> {
  return (await readTrusted('installed')) ?? null;
}

export async function installDataset(dataset: Dataset, origin: ActiveDataset['origin']): Promise<ActiveDataset> {
  const { head: index, shards } = compileShardedIndex(dataset);
  const rows: StoredEntry[] = [];
  for (const card of buildCards(dataset)) rows.push(cardItems.entry(dataset.version, card.id, card));
  for (const [bucket, shard] of shards) rows.push(shardItems.entry(dataset.version, bucket, shard));
  await writeEntries(rows);
  // The bundled dataset ships in the package; any other is kept (in the trusted store, where
  // no content script can replace it), because a later extension version with a new index
  // format must rebuild its index without downloading it again.
  if (origin !== 'bundled') await keepSource(dataset);
  const written = new Set(rows.map((row) => row.key));
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
  await writeEntries([activeIndexItem.entry(index), activeDatasetItem.entry(active)]);
  // The flip above is what tabs see; until the trusted record follows, the background still
  // counts the previous dataset as installed, and reinstalls it at start-up after a crash here.
  await writeTrusted('installed', active);
  await removeOrphanedKeys(active, written);
  return active;
}

/**
 * The version whose source is kept although it is not active: the last verified release (the
 * stored floor) while a local dataset or an older one is active. Null when there is none.
 */
export function keptReleaseVersion(active: Pick<ActiveDataset, 'version' | 'origin'>, floor: number): number | null {
  if (floor <= 0 || floor === active.version) return null;
  return active.origin === 'local' || floor > active.version ? floor : null;
}

/**
 * Removes every card and index shard in storage.local that does not belong to the active
 * version, and every kept source in the trusted store that belongs to neither the active
 * version nor the kept release (keptReleaseVersion). `written`: the keys the install of the
 * active version just wrote; keys of that version not among them (left by an earlier install
 * of the same version number: entities since removed, another shard layout) go too. A
 * `source:` key in storage.local is an earlier extension version's (moved at start-up,
 * legacy-state.ts) or a content script's, and goes as well.
 */
export async function removeOrphanedKeys(active: Pick<ActiveDataset, 'version' | 'origin'>, written?: ReadonlySet<string>): Promise<void> {
  const everything = await readWholeArea('local');
  const stale = Object.keys(everything).filter((key) => {
    const versioned = versionOfKey(key);
    if (!versioned) return false;
    if (versioned.prefix === LEGACY_SOURCE_PREFIX) return true;
    if (versioned.version !== active.version) return true;
    return written !== undefined && !written.has(key);
  });
  await removeListedKeys('local', stale);
  const kept = keptReleaseVersion(active, await readStoredFloor());
  const sources = await keptSourceVersions();
  await removeSources(sources.filter((version) => (version === active.version ? active.origin === 'bundled' : version !== kept)));
}

/** The kept source of release `version`, checked; null when it is missing or damaged. */
export async function readKeptSource(version: number): Promise<Dataset | null> {
  const parsed = parseDataset(await readSource(version));
  return parsed.ok && parsed.value.version === version ? parsed.value : null;
}

export async function loadBundledDataset(): Promise<Dataset> {
  const response = await fetch(browser.runtime.getURL(BUNDLED_DATASET_PATH));
  const parsed = parseDataset(await response.json());
  if (!parsed.ok) {
    throw new Error(`bundled dataset is invalid:\n${parsed.error.errors.map(formatDatasetError).join('\n')}`);
  }
  return parsed.value;
}

/**
 * The stored index head, judged as the content script will use it: 'ok' when it parses,
 * belongs to the active dataset and decodes (base64, typed-array widths, and the trie's own
 * cross-references for an inline index); 'older-format' when an earlier extension version
 * wrote it (rebuilt as a matter of course); 'damaged' otherwise, including a missing head
 * beside an active dataset.
 */
export function checkStoredHead(raw: unknown, active: ActiveDataset): 'ok' | 'older-format' | 'damaged' {
  if (typeof raw === 'object' && raw !== null && 'format' in raw && typeof raw.format === 'number' && raw.format < STORED_INDEX_FORMAT)
    return 'older-format';
  const parsed = StoredIndexHead.safeParse(raw);
  if (!parsed.success) return 'damaged';
  const head = parsed.data;
  if (head.datasetId !== active.datasetId || head.datasetVersion !== active.version) return 'damaged';
  try {
    const loaded = new LoadedIndex(head);
    if (head.shardBits === 0 && !isConsistent(loaded.index)) return 'damaged';
  } catch {
    return 'damaged';
  }
  return 'ok';
}

/** The decoded trie's arrays agree with each other: every offset and reference is in range. */
function isConsistent(index: MatchIndex): boolean {
  const entities = index.entityIds.length;
  const nodes = index.edgeStart.length - 1;
  const aliases = index.aliasEntity.length;
  const last = (array: Uint32Array): number => array[array.length - 1] ?? -1;
  const below = (array: Uint32Array, limit: number): boolean => array.every((v) => v < limit);
  const rising = (array: Uint32Array): boolean => array.every((v, i) => i === 0 || v >= (array[i - 1] as number));
  return (
    nodes >= 1 &&
    index.entityCategories.length === entities &&
    index.relatedStart.length === entities + 1 &&
    last(index.relatedStart) === index.related.length &&
    rising(index.relatedStart) &&
    below(index.related, entities) &&
    index.edgeChar.length === nodes - 1 &&
    last(index.edgeStart) === index.edgeChar.length &&
    rising(index.edgeStart) &&
    index.terminalBits.length === Math.ceil(nodes / 8) &&
    index.terminalStart.length === index.terminalNode.length + 1 &&
    last(index.terminalStart) === index.terminalAlias.length &&
    rising(index.terminalStart) &&
    below(index.terminalNode, nodes) &&
    below(index.terminalAlias, aliases) &&
    index.aliasFlags.length === aliases &&
    index.aliasPattern.length === aliases &&
    index.aliasRules.length === aliases &&
    // A given name's record (FLAG_GIVEN) names no entity: NO_ENTITY is its only valid value.
    index.aliasEntity.every((e, a) => e < entities || (e === NO_ENTITY && ((index.aliasFlags[a] ?? 0) & FLAG_GIVEN) !== 0)) &&
    index.rootGate.length === 128
  );
}

/**
 * Makes sure a dataset is active: the bundled one, unless what is installed is newer (an
 * update, or a maintainer's local file, which is never replaced behind their back). Runs
 * when the background starts; a damaged index head is rebuilt from the kept source (or the
 * bundle), and the repair is logged.
 */
export async function ensureDatasetInstalled(): Promise<ActiveDataset> {
  const active = await readInstalledDataset();
  const bundled = await loadBundledDataset();
  // An index written by an older extension version (another format) is rebuilt; so is a damaged one.
  const head = active ? await checkStoredDataset(active) : 'damaged';
  if (active && (active.origin === 'local' || active.version > bundled.version)) {
    if (head !== 'ok') {
      const rebuilt = await reinstallKeptSource(active);
      if (rebuilt) {
        if (head === 'damaged') await logRepair({ kind: 'index-rebuilt', version: active.version, from: 'kept' });
        return rebuilt;
      }
      console.warn(
        `Backstory: dataset v${active.version} (${active.origin}) could not be rebuilt; using the bundled dataset until the next update`,
      );
      const installed = await installDataset(bundled, 'bundled');
      await logRepair({ kind: 'dataset-replaced', version: active.version, bundledVersion: bundled.version });
      return installed;
    }
    await removeOrphanedKeys(active);
    return active;
  }
  if (active && active.version === bundled.version && active.datasetId === bundled.id && head === 'ok') {
    // Keys a crash left behind (DESIGN.md §6) go at the next start, whatever is active.
    await removeOrphanedKeys(active);
    return active;
  }
  const installed = await installDataset(bundled, 'bundled');
  if (active && head === 'damaged' && active.version === bundled.version && active.datasetId === bundled.id) {
    await logRepair({ kind: 'index-rebuilt', version: bundled.version, from: 'bundled' });
  }
  return installed;
}

/**
 * What tabs read, judged against the trusted record: the index head as checkStoredHead judges
 * it, and 'damaged' when the `activeDataset` copy is not the installed record (a crash between
 * the flip and the trusted record, or a content script's write).
 */
async function checkStoredDataset(active: ActiveDataset): Promise<'ok' | 'older-format' | 'damaged'> {
  const stored = await readActiveIndexRaw();
  const copy = activeDatasetItem.parse(stored.get(activeDatasetItem));
  // Both went through the same schema, so their keys come in the same order.
  if (!copy || JSON.stringify(copy) !== JSON.stringify(active)) return 'damaged';
  return checkStoredHead(stored.get(activeIndexItem), active);
}

/** Re-installs the kept source of an update or local dataset; null when there is none. */
async function reinstallKeptSource(active: ActiveDataset): Promise<ActiveDataset | null> {
  const kept = await readKeptSource(active.version);
  return kept ? installDataset(kept, active.origin) : null;
}
