/**
 * The trusted store (docs/decisions/0015-trusted-state-in-extension-indexeddb.md): the state
 * that decides what Backstory trusts and keeps, in an IndexedDB database of the extension's
 * own origin. Content scripts run in the page's origin and cannot open it, whereas they can
 * write storage.local and storage.sync (docs/design.md §12). Only the background opens it;
 * the options page asks the background (messenger.ts).
 *
 * Two object stores: `records`, one value per key below, each parsed with its zod schema on
 * the way in and on the way out; and `sources`, the kept dataset sources by version, which
 * dataset-installer.ts parses with the dataset schema when it reads one.
 *
 * Where IndexedDB cannot be opened (Firefox with "Never remember history" has refused it to
 * extensions), the store lives in memory for the life of the background: updates still work,
 * and nothing is read from storage that content scripts can write.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset/schema';
import { RepairEntry, REPAIR_LOG_LIMIT, UpdateState } from '../shared/messages';
import { UpdateUrl } from '../shared/settings';
import { ActiveDataset } from '../shared/storage';

const DB_NAME = 'backstory-trusted';
const DB_VERSION = 1;
type StoreName = 'records' | 'sources';

/** What the updater keeps between checks (updater.ts). */
export const UpdateRecord = z.strictObject({
  state: UpdateState,
  /** ETag of the last manifest that passed every check, and the URL it came from. */
  etag: z.string().max(512).optional(),
  etagUrl: z.string().max(2000).optional(),
  /** `expires` of the newest verified manifest for the installed version. */
  freshUntil: z.string().optional(),
});
export type UpdateRecord = z.infer<typeof UpdateRecord>;

const SCHEMAS = {
  /** The highest release version ever accepted (floor.ts). */
  updateFloor: z.int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  updateStatus: UpdateRecord,
  /** The update channel's manifest.json; absent means the project's own. */
  updateUrl: UpdateUrl,
  /** Repairs made to stored state, oldest first (repairs.ts). */
  repairLog: z.array(RepairEntry).max(REPAIR_LOG_LIMIT),
  /**
   * The dataset the background installed last. storage.local holds a copy for content scripts
   * (`activeDataset`); the background decides by this one (dataset-installer.ts).
   */
  installed: ActiveDataset,
  /** When the state kept in storage.local by earlier versions was moved here (legacy-state.ts). */
  movedFromStorage: z.string().max(40),
} satisfies Record<string, z.core.$ZodType>;

export type TrustedKey = keyof typeof SCHEMAS;
export type Trusted<K extends TrustedKey> = z.output<(typeof SCHEMAS)[K]>;

/** `value` as the schema of `key` parses it; undefined when it does not parse. */
export function parseTrusted<K extends TrustedKey>(key: K, value: unknown): Trusted<K> | undefined {
  const parsed = z.safeParse(SCHEMAS[key], value);
  return parsed.success ? (parsed.data as Trusted<K>) : undefined;
}

function parse<K extends TrustedKey>(key: K, value: unknown): Trusted<K> | undefined {
  if (value === undefined) return undefined;
  const parsed = parseTrusted(key, value);
  if (parsed === undefined) console.warn(`Backstory: the trusted store's ${key} is not valid; ignored.`);
  return parsed;
}

export async function readTrusted<K extends TrustedKey>(key: K): Promise<Trusted<K> | undefined> {
  return parse(key, await (await backend()).get('records', key));
}

/** Writes `value` under `key` (undefined removes it); a value its schema refuses throws. */
export async function writeTrusted<K extends TrustedKey>(key: K, value: Trusted<K> | undefined): Promise<void> {
  await writeTrustedMany({ [key]: value });
}

/** Writes several keys in one transaction: all of them, or none. */
export async function writeTrustedMany(values: { [K in TrustedKey]?: Trusted<K> | undefined }): Promise<void> {
  const edits = Object.entries(values).map(([key, value]): Edit => {
    const checked = value === undefined ? undefined : z.parse(SCHEMAS[key as TrustedKey], value);
    return { store: 'records', key, next: () => checked };
  });
  await (await backend()).update(edits);
}

/**
 * Replaces the value under `key` with `change(current)` in one transaction (undefined removes
 * it), so that two changes never interleave; resolves to the new value.
 */
export async function changeTrusted<K extends TrustedKey>(
  key: K,
  change: (current: Trusted<K> | undefined) => Trusted<K> | undefined,
): Promise<Trusted<K> | undefined> {
  let result: Trusted<K> | undefined;
  await (
    await backend()
  ).update([
    {
      store: 'records',
      key,
      next: (stored) => {
        const next = change(parse(key, stored));
        result = next === undefined ? undefined : (z.parse(SCHEMAS[key], next) as Trusted<K>);
        return result;
      },
    },
  ]);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Kept dataset sources

export async function keepSource(dataset: Dataset): Promise<void> {
  await (await backend()).update([{ store: 'sources', key: dataset.version, next: () => dataset }]);
}

/** The kept source of `version` as stored, unchecked (dataset-installer.ts parses it). */
export async function readSource(version: number): Promise<unknown> {
  return (await backend()).get('sources', version);
}

export async function keptSourceVersions(): Promise<number[]> {
  return (await (await backend()).keys('sources')).filter((key): key is number => typeof key === 'number');
}

export async function removeSources(versions: readonly number[]): Promise<void> {
  if (versions.length > 0) await (await backend()).update(versions.map((key) => ({ store: 'sources', key, next: () => undefined })));
}

// ---------------------------------------------------------------------------------------------
// IndexedDB, or memory where it cannot be opened

/** A change of one key: `next` gets the stored value and returns the new one (undefined removes it). */
interface Edit {
  store: StoreName;
  key: IDBValidKey;
  next: (stored: unknown) => unknown;
}

interface Backend {
  inMemory: boolean;
  get(store: StoreName, key: IDBValidKey): Promise<unknown>;
  keys(store: StoreName): Promise<IDBValidKey[]>;
  /** Applies every edit in one transaction; an edit that throws leaves everything as it was. */
  update(edits: Edit[]): Promise<void>;
}

let opened: { factory: IDBFactory | undefined; backend: Promise<Backend> } | null = null;

/** One connection for as long as the background lives (re-opened if the browser closes it). */
function backend(): Promise<Backend> {
  const factory = typeof indexedDB === 'undefined' ? undefined : indexedDB;
  if (opened && opened.factory === factory) return opened.backend;
  const forget = (): void => {
    opened = null;
  };
  const connecting = (factory ? openDatabase(factory, forget) : Promise.reject(new Error('IndexedDB is not available'))).then(
    idbBackend,
    (error: unknown) => {
      console.warn('Backstory: IndexedDB cannot be opened, so the trusted store lives in memory until the browser closes.', error);
      return memoryBackend();
    },
  );
  opened = { factory, backend: connecting };
  return connecting;
}

/** Whether the store lives in memory only (IndexedDB refused): nothing is moved into it then. */
export async function isTrustedStoreInMemory(): Promise<boolean> {
  return (await backend()).inMemory;
}

function openDatabase(factory: IDBFactory, onClose: () => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const name of ['records', 'sources'] satisfies StoreName[]) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close();
        onClose();
      };
      db.onclose = onClose;
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

function idbBackend(db: IDBDatabase): Backend {
  const transact = <T>(
    stores: StoreName[],
    mode: IDBTransactionMode,
    body: (tx: IDBTransaction, fail: (error: unknown) => void) => () => T,
  ): Promise<T> =>
    new Promise((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      let failure: { error: unknown } | null = null;
      const result = body(tx, (error) => {
        failure = { error };
        tx.abort();
      });
      tx.oncomplete = () => resolve(result());
      tx.onabort = () => reject(failure ? failure.error : (tx.error ?? new Error('IndexedDB transaction aborted')));
    });
  return {
    inMemory: false,
    get: (store, key) =>
      transact([store], 'readonly', (tx) => {
        const request = tx.objectStore(store).get(key);
        return () => request.result as unknown;
      }),
    keys: (store) =>
      transact([store], 'readonly', (tx) => {
        const request = tx.objectStore(store).getAllKeys();
        return () => request.result;
      }),
    update: (edits) =>
      transact([...new Set(edits.map((e) => e.store))], 'readwrite', (tx, fail) => {
        for (const edit of edits) {
          const store = tx.objectStore(edit.store);
          const read = store.get(edit.key);
          read.onsuccess = () => {
            try {
              const next = edit.next(read.result);
              if (next === undefined) store.delete(edit.key);
              else store.put(next, edit.key);
            } catch (error) {
              fail(error);
            }
          };
        }
        return () => undefined;
      }),
  };
}

function memoryBackend(): Backend {
  const stores: Record<StoreName, Map<IDBValidKey, unknown>> = { records: new Map(), sources: new Map() };
  return {
    inMemory: true,
    get: async (store, key) => structuredClone(stores[store].get(key)),
    keys: async (store) => [...stores[store].keys()],
    update: async (edits) => {
      const results = edits.map((edit) => ({ edit, next: structuredClone(edit.next(structuredClone(stores[edit.store].get(edit.key)))) }));
      for (const { edit, next } of results) {
        if (next === undefined) stores[edit.store].delete(edit.key);
        else stores[edit.store].set(edit.key, next);
      }
    },
  };
}
