/**
 * Typed access to extension storage. Preferences live in `storage.sync` (they follow the
 * user); the active dataset lives in `storage.local`, where content scripts read it. Every
 * read is parsed with zod. Content scripts can write both areas too, so nothing here decides
 * what Backstory trusts: that state is in the background's trusted store
 * (background/trusted-store.ts).
 */
import browser from 'webextension-polyfill';
import * as z from 'zod/mini';
import { lazySchema } from '../dataset/lazy-schema';
import { shardKey, StoredIndexHead, StoredShard } from '../dataset/stored-index';
import { EntityCard } from '../dataset/cards';
import { DEFAULT_SETTINGS, migrateStoredSettings, repairSettings, type Settings } from './settings';

export const SETTINGS_KEY = 'settings';
/**
 * The active dataset's index head (dataset/stored-index.ts): written in the same `set` call as
 * ACTIVE_DATASET_KEY, after its shards and cards.
 */
export const ACTIVE_INDEX_KEY = 'activeIndex';
export const ACTIVE_DATASET_KEY = 'activeDataset';

export const ActiveDataset = lazySchema(() =>
  z.strictObject({
    datasetId: z.string(),
    version: z.int().check(z.positive()),
    title: z.string(),
    publishedAt: z.string(),
    issueTracker: z.optional(z.string()),
    installedAt: z.string(),
    origin: z.enum(['bundled', 'update', 'local']),
    entityCount: z.int().check(z.nonnegative()),
  }),
);
export type ActiveDataset = z.infer<typeof ActiveDataset>;

export function cardKey(version: number, id: string): string {
  return `card:${version}:${id}`;
}

/**
 * Reads preferences. A copy in `storage.local` exists only while `storage.sync` is unavailable
 * or over quota (see writeSettings), so it is the newer one whenever it is there.
 */
export async function readSettings(): Promise<Settings> {
  const raw = await readStoredSettings();
  if (raw === undefined) return DEFAULT_SETTINGS;
  const { settings, repaired } = repairSettings(raw);
  if (repaired.length > 0) console.warn('Backstory: repaired settings fields to defaults:', repaired.join(', '));
  return settings;
}

/** A stored settings value that is not an object, or has a field that is present but invalid. */
export function isDamagedSettings(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return true;
  return repairSettings(migrateStoredSettings(raw)).repaired.length > 0;
}

export interface StoredSettingsCopies {
  /** The copy to use (undefined: none, the defaults apply). */
  raw: unknown;
  /** A damaged copy in storage.local that was passed over for the one in storage.sync. */
  discardedLocal: boolean;
}

/**
 * Which stored copy of the settings counts. The local copy normally wins (see above), but a
 * damaged one never does while storage.sync holds a copy: repairing it would put defaults in
 * place of what the user chose, and the next write would carry them over the synced copy.
 * Only when it is the sole copy is a damaged local copy repaired field by field. Reads only;
 * the background removes the discarded copy (settings-migrations.ts).
 */
export async function readSettingsCopies(): Promise<StoredSettingsCopies> {
  const local = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (local !== undefined && !isDamagedSettings(local)) return { raw: local, discardedLocal: false };
  let synced: unknown;
  try {
    synced = (await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  } catch (error) {
    console.warn('Backstory: storage.sync is unavailable; using this device’s settings only.', error);
    return { raw: local, discardedLocal: false };
  }
  if (local === undefined) return { raw: synced, discardedLocal: false };
  return synced === undefined ? { raw: local, discardedLocal: false } : { raw: synced, discardedLocal: true };
}

export async function readStoredSettings(): Promise<unknown> {
  return (await readSettingsCopies()).raw;
}

/**
 * Writes preferences to `storage.sync` so they follow the user. When sync is unavailable
 * (disabled by policy, Firefox without the sync back end) or over quota (8 KB per item: a long
 * list of switched-off sites), they go to `storage.local` instead, until sync works again.
 */
export async function writeSettings(settings: Settings): Promise<void> {
  try {
    await browser.storage.sync.set({ [SETTINGS_KEY]: settings });
  } catch (error) {
    console.warn('Backstory: could not save settings to storage.sync; saving them on this device.', error);
    await browser.storage.local.set({ [SETTINGS_KEY]: settings });
    return;
  }
  await browser.storage.local.remove(SETTINGS_KEY);
}

export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = change(await readSettings());
  await writeSettings(next);
  return next;
}

/**
 * The active index head and its dataset record, in one storage read (docs/decisions/0008-index-flips-with-active-record.md): what a
 * tab needs before it can annotate. Read here and checked by parseActiveIndex, which the
 * content script runs in a task of its own: the bundled dataset's head holds its whole index.
 */
export function readActiveIndexRaw(): Promise<Record<string, unknown>> {
  return browser.storage.local.get([ACTIVE_INDEX_KEY, ACTIVE_DATASET_KEY]);
}

/**
 * Builds the schemas that check the index head, the active-dataset record and the shards
 * (each built on first use, lazy-schema.ts) without checking anything. The content script
 * calls it while its storage read is under way, so building them is a task of its own instead
 * of lengthening the one that checks the head.
 */
export function prepareIndexSchemas(): void {
  for (const schema of [StoredIndexHead, ActiveDataset, StoredShard]) void schema._zod;
}

/** The head is null when missing or in an older format. */
export function parseActiveIndex(stored: Record<string, unknown>): { index: StoredIndexHead | null; dataset: ActiveDataset | null } {
  const index = StoredIndexHead.safeParse(stored[ACTIVE_INDEX_KEY]);
  const dataset = ActiveDataset.safeParse(stored[ACTIVE_DATASET_KEY]);
  return { index: index.success ? index.data : null, dataset: dataset.success ? dataset.data : null };
}

export async function readActiveDataset(): Promise<ActiveDataset | null> {
  const stored = await browser.storage.local.get(ACTIVE_DATASET_KEY);
  const parsed = ActiveDataset.safeParse(stored[ACTIVE_DATASET_KEY]);
  return parsed.success ? parsed.data : null;
}

export async function readCards(version: number, ids: readonly string[]): Promise<Map<string, EntityCard>> {
  const shelf = new CardShelf(version);
  await shelf.read(ids);
  const cards = new Map<string, EntityCard>();
  for (const id of ids) {
    const card = shelf.get(id);
    if (card) cards.set(id, card);
  }
  return cards;
}

/**
 * Cards of one dataset version as read from storage, each checked with zod the first time it
 * is used. A page that names hundreds of people reads all their cards in one go, but its
 * reader opens a few: checking them all at once cost the first scan a long task.
 */
export class CardShelf {
  private readonly stored = new Map<string, unknown>();
  private readonly checked = new Map<string, EntityCard | null>();

  constructor(readonly version: number) {}

  /** Of `ids`, those not read yet. */
  unread(ids: Iterable<string>): string[] {
    return [...new Set(ids)].filter((id) => !this.stored.has(id));
  }

  /** Reads the cards of `ids` that are not on the shelf yet, in one storage read. */
  async read(ids: Iterable<string>): Promise<void> {
    const wanted = this.unread(ids);
    if (wanted.length === 0) return;
    const stored = await browser.storage.local.get(wanted.map((id) => cardKey(this.version, id)));
    for (const id of wanted) this.stored.set(id, stored[cardKey(this.version, id)]);
  }

  /** The card, checked; undefined when it was never read, is missing or is damaged. */
  get(id: string): EntityCard | undefined {
    let card = this.checked.get(id);
    if (card === undefined && this.stored.has(id)) {
      const parsed = EntityCard.safeParse(this.stored.get(id));
      card = parsed.success ? parsed.data : null;
      this.checked.set(id, card);
    }
    return card ?? undefined;
  }
}

/**
 * Index shards of dataset `version`, in one read, as stored (text): `result[i]` is shard
 * `buckets[i]`. The caller parses them (parseShard) in slices, since a page that names
 * hundreds of people reads hundreds of shards.
 */
export async function readShards(version: number, buckets: readonly number[]): Promise<unknown[]> {
  const stored = await browser.storage.local.get(buckets.map((b) => shardKey(version, b)));
  return buckets.map((b) => stored[shardKey(version, b)]);
}
