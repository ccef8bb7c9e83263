/**
 * The background's trusted store: state that decides what Backstory trusts, kept in the
 * extension origin's IndexedDB (fake-indexeddb here), where content scripts cannot reach it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshTrustedStore } from '../support/trusted-store';
import { MINI } from '../support/mini-dataset';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const { fakeBrowser, resetFakeBrowser } = await import('../support/fake-browser');
const { changeTrusted, isTrustedStoreInMemory, keepSource, keptSourceVersions, readSource, readTrusted, writeTrusted, writeTrustedMany } =
  await import('../../src/background/trusted-store');
const { raiseFloor, readStoredFloor } = await import('../../src/background/floor');
const { moveLegacyState } = await import('../../src/background/legacy-state');

/** Reads a record straight from the database, as the extension's own origin could. */
function rawRecord(key: string, write?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('backstory-trusted');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('records', write === undefined ? 'readonly' : 'readwrite');
      const request = write === undefined ? tx.objectStore('records').get(key) : tx.objectStore('records').put(write, key);
      tx.oncomplete = () => {
        db.close();
        resolve(request.result);
      };
    };
  });
}

beforeEach(() => {
  resetFakeBrowser();
  freshTrustedStore();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the trusted store', () => {
  it('keeps its values in the extension origin’s IndexedDB, none in storage.local or storage.sync', async () => {
    await writeTrusted('updateFloor', 4);
    await writeTrusted('updateUrl', 'https://mirror.example.org/manifest.json');
    await keepSource({ ...MINI, version: 4 });
    expect(await readTrusted('updateFloor')).toBe(4);
    expect(await rawRecord('updateUrl')).toBe('https://mirror.example.org/manifest.json');
    expect(await readSource(4)).toEqual({ ...MINI, version: 4 });
    expect(await keptSourceVersions()).toEqual([4]);
    expect(fakeBrowser.storage.local.data.size + fakeBrowser.storage.sync.data.size).toBe(0);
  });

  it('parses every value on the way in: a floor past 2^53, a plain-http URL elsewhere and a malformed status are refused', async () => {
    await expect(writeTrusted('updateFloor', 2 ** 53)).rejects.toThrow();
    await expect(writeTrusted('updateUrl', 'http://evil.example/manifest.json')).rejects.toThrow();
    // @ts-expect-error: the type refuses it too; the schema is what holds at run time.
    await expect(writeTrusted('updateStatus', { state: { kind: 'up-to-date' } })).rejects.toThrow();
    expect(await readTrusted('updateFloor')).toBeUndefined();
    expect(await readTrusted('updateUrl')).toBeUndefined();
  });

  it('parses every value on the way out: a stored value that does not parse reads as none', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await readTrusted('updateFloor'); // creates the database
    await rawRecord('updateFloor', 'nine');
    expect(await readTrusted('updateFloor')).toBeUndefined();
    expect(await readStoredFloor()).toBe(0);
  });

  it('writes several values all or none', async () => {
    await expect(writeTrustedMany({ updateFloor: 3, updateUrl: 'ftp://example.org/manifest.json' })).rejects.toThrow();
    expect(await readTrusted('updateFloor')).toBeUndefined();
    await writeTrustedMany({ updateFloor: 3, updateUrl: 'https://example.org/manifest.json' });
    expect(await readTrusted('updateFloor')).toBe(3);
    await writeTrustedMany({ updateUrl: undefined });
    expect(await readTrusted('updateUrl')).toBeUndefined();
  });

  it('changes a value in one transaction: raises that race keep the highest, and the floor never goes down', async () => {
    await Promise.all([raiseFloor(3), raiseFloor(9), raiseFloor(5)]);
    expect(await readStoredFloor()).toBe(9);
    await raiseFloor(1);
    expect(await readStoredFloor()).toBe(9);
    // A change that throws leaves the value as it was.
    await expect(
      changeTrusted('updateFloor', () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await readStoredFloor()).toBe(9);
  });

  it('lives in memory when IndexedDB cannot be opened, and then moves nothing from storage.local into it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.stubGlobal('indexedDB', undefined);
    await fakeBrowser.storage.local.set({ updateFloor: Number.MAX_SAFE_INTEGER });
    await moveLegacyState();
    expect(await isTrustedStoreInMemory()).toBe(true);
    expect(await readStoredFloor()).toBe(0);
    await raiseFloor(2);
    expect(await readStoredFloor()).toBe(2);
  });
});
