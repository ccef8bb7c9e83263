/**
 * Typed access to extension storage: every key Backstory keeps in `storage.local` or
 * `storage.sync` is declared here once, with its area and its zod schema (defineItem, and
 * defineFamily for keys with a version in them), and nothing else in src/ names a storage key
 * or calls the storage API. Preferences live in `storage.sync` (they follow the user); the
 * active dataset lives in `storage.local`, where content scripts read it. Content scripts can
 * write both areas too, so nothing here decides what Backstory trusts: that state is in the
 * background's trusted store (background/trusted-store.ts).
 */
import browser from 'webextension-polyfill';
import * as z from 'zod/mini';
import { lazySchema } from '../dataset/lazy-schema';
import { SHARD_KEY_PREFIX, StoredIndexHead } from '../dataset/stored-index';
import { EntityCard } from '../dataset/cards';
import { DEFAULT_SETTINGS, migrateStoredSettings, repairSettings, Settings } from './settings';

export type AreaName = 'local' | 'sync';

/** What a schema must do for an item: zod's safeParse (mini or full). */
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** A value ready to be written with others in one `set` (writeEntries). */
export interface StoredEntry {
  readonly area: AreaName;
  readonly key: string;
  readonly value: unknown;
}

/** One storage key: read checked, written typed, watched. */
export interface StorageItem<T> {
  readonly key: string;
  readonly area: AreaName;
  /** The stored value, checked; null when it is missing or does not parse. */
  get(): Promise<T | null>;
  /** The stored value as it is, for the callers that migrate or repair it. */
  getRaw(): Promise<unknown>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  /** Checks a value read some other way (readItemsRaw, a change event); null when it does not parse. */
  parse(raw: unknown): T | null;
  entry(value: T): StoredEntry;
  /** Calls `callback` with the new value (checked) whenever the key changes; returns the unsubscribe. */
  watch(callback: (value: T | null) => void): () => void;
}

export function defineItem<T>(key: string, schema: Schema<T>, area: AreaName): StorageItem<T> {
  // The schema is only touched when a value is checked: content scripts declare these items
  // at start-up, and lazy schemas must stay unbuilt until the first read (lazy-schema.ts).
  const item: StorageItem<T> = {
    key,
    area,
    get: async () => item.parse(await item.getRaw()),
    getRaw: async () => (await browser.storage[area].get(key))[key],
    set: (value) => browser.storage[area].set({ [key]: value }),
    remove: () => browser.storage[area].remove(key),
    parse: (raw) => {
      if (raw === undefined) return null;
      const parsed = schema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    entry: (value) => ({ area, key, value }),
    watch: (callback) => watchItems([item], (change) => callback(change.value(item))),
  };
  return item;
}

/**
 * Keys of one kind that carry the dataset version (and more) in the key itself: `card:7:id`,
 * `shard:7:12`, always `prefix:<version>:<rest…>`. The installer finds the rows of other versions
 * to remove by that shape (versionOfKey).
 */
export interface StorageFamily<T, A extends (string | number)[]> {
  readonly prefix: string;
  readonly area: AreaName;
  key(version: number, ...rest: A): string;
  entry(version: number, ...args: [...A, T]): StoredEntry;
  /** The stored values of these keys in one read, as stored (callers check them when they use them). */
  readRaw(version: number, rests: readonly A[]): Promise<unknown[]>;
  parse(raw: unknown): T | null;
}

export function defineFamily<T, A extends (string | number)[]>(prefix: string, schema: Schema<T>, area: AreaName): StorageFamily<T, A> {
  const key = (version: number, ...rest: A): string => [prefix, version, ...rest].join(':');
  return {
    prefix,
    area,
    key,
    entry: (version, ...args) => {
      const value = args[args.length - 1];
      return { area, key: key(version, ...(args.slice(0, -1) as A)), value };
    },
    readRaw: async (version, rests) => {
      const keys = rests.map((rest) => key(version, ...rest));
      const stored = await browser.storage[area].get(keys);
      return keys.map((k) => stored[k]);
    },
    parse: (raw) => {
      const parsed = schema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
  };
}

/** Writes entries of one area in one `set`, which both browsers commit atomically. */
export async function writeEntries(entries: readonly StoredEntry[]): Promise<void> {
  const area = entries[0]?.area;
  if (area === undefined) return;
  if (entries.some((e) => e.area !== area)) throw new TypeError('writeEntries: one storage area per call');
  await browser.storage[area].set(Object.fromEntries(entries.map((e) => [e.key, e.value])));
}

/** Several items of one area in one read, as stored: check each with `item.parse`. */
export async function readItemsRaw(items: readonly StorageItem<unknown>[]): Promise<Map<StorageItem<unknown>, unknown>> {
  const area = items[0]?.area ?? 'local';
  if (items.some((item) => item.area !== area)) throw new TypeError('readItemsRaw: one storage area per call');
  const stored = await browser.storage[area].get(items.map((item) => item.key));
  return new Map(items.map((item) => [item, stored[item.key]]));
}

/** One change event, as seen by watchItems. */
export interface ItemsChange {
  /** The new value of `item`, checked; null when it was removed, does not parse, or did not change. */
  value<T>(item: StorageItem<T>): T | null;
}

/**
 * Calls `callback` once per change event that touches any of `items` (an event for a `set` of
 * several of them comes once). Returns the unsubscribe.
 */
export function watchItems(items: readonly StorageItem<unknown>[], callback: (change: ItemsChange) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (!items.some((item) => item.area === area && item.key in changes)) return;
    callback({
      value: <T>(item: StorageItem<T>) => (item.area === area && item.key in changes ? item.parse(changes[item.key]?.newValue) : null),
    });
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Everything stored in one area, for the clean-ups that look for keys of earlier versions. */
export function readWholeArea(area: AreaName): Promise<Record<string, unknown>> {
  return browser.storage[area].get(null);
}

/** Removes keys that readWholeArea listed and versionOfKey or LEGACY_LOCAL_KEYS picked out. */
export async function removeListedKeys(area: AreaName, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await browser.storage[area].remove([...keys]);
}

// ---------------------------------------------------------------------------------------------
// Every key

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

/** Preferences, normally in storage.sync; a copy in storage.local only while sync fails (writeSettings). */
export const syncedSettingsItem = defineItem('settings', Settings, 'sync');
export const localSettingsItem = defineItem('settings', Settings, 'local');
/**
 * The active dataset's index head (dataset/stored-index.ts): written in the same `set` call as
 * activeDatasetItem, after its shards and cards.
 */
export const activeIndexItem = defineItem('activeIndex', StoredIndexHead, 'local');
export const activeDatasetItem = defineItem('activeDataset', ActiveDataset, 'local');
export const cardItems = defineFamily<EntityCard, [id: string]>('card', EntityCard, 'local');
/** Shards are stored as text and parsed by the content script in slices (dataset/stored-index.ts). */
export const shardItems = defineFamily<string, [bucket: number]>(SHARD_KEY_PREFIX, z.string(), 'local');

/** storage.local keys that earlier extension versions wrote and that are now only removed (background/legacy-state.ts). */
export const LEGACY_LOCAL_KEYS = ['updateFloor', 'updateStatus', 'repairLog'] as const;
/** Earlier versions kept dataset sources in storage.local as `source:<version>`. */
export const LEGACY_SOURCE_PREFIX = 'source';

const VERSIONED_KEY = new RegExp(`^(${[cardItems.prefix, shardItems.prefix, LEGACY_SOURCE_PREFIX].join('|')}):(\\d+)(?::|$)`);

/** The prefix and version of a versioned key (`card:7:x`, `shard:7:3`, `source:7`); null for any other key. */
export function versionOfKey(key: string): { prefix: string; version: number; whole: boolean } | null {
  const match = VERSIONED_KEY.exec(key);
  if (!match?.[1] || !match[2]) return null;
  return { prefix: match[1], version: Number(match[2]), whole: key === `${match[1]}:${match[2]}` };
}

// ---------------------------------------------------------------------------------------------
// Settings

/**
 * Calls `callback` whenever the settings change, in whichever area holds them (storage.local
 * while storage.sync is unavailable). Everyone who reacts to settings uses this, so a device
 * that keeps its settings locally is never left out. Returns the unsubscribe.
 */
export function onSettingsChanged(callback: () => void): () => void {
  return watchItems([syncedSettingsItem, localSettingsItem], () => callback());
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
  const local = await localSettingsItem.getRaw();
  if (local !== undefined && !isDamagedSettings(local)) return { raw: local, discardedLocal: false };
  let synced: unknown;
  try {
    synced = await syncedSettingsItem.getRaw();
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
    await syncedSettingsItem.set(settings);
  } catch (error) {
    console.warn('Backstory: could not save settings to storage.sync; saving them on this device.', error);
    await localSettingsItem.set(settings);
    return;
  }
  await localSettingsItem.remove();
}

export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = change(await readSettings());
  await writeSettings(next);
  return next;
}
