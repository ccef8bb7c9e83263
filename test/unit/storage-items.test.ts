/**
 * Typed storage items: every key is read through its schema, written in its own area under
 * the same name and shape as before, and watched per area; the per-version key families share
 * one set of prefixes with the clean-up that removes other versions' rows.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const { fakeBrowser, resetFakeBrowser } = await import('../support/fake-browser');
const storage = await import('../../src/shared/storage');
const { shardKey } = await import('../../src/dataset/stored-index');
const { DEFAULT_SETTINGS } = await import('../../src/shared/settings');

const Counter = z.strictObject({ count: z.int() });

beforeEach(() => resetFakeBrowser());

describe('defineItem', () => {
  it('writes the value as it is under its key, in its own area', async () => {
    const item = storage.defineItem('counter', Counter, 'sync');
    await item.set({ count: 3 });
    expect(fakeBrowser.storage.sync.data.get('counter')).toEqual({ count: 3 });
    expect(fakeBrowser.storage.local.data.has('counter')).toBe(false);
    expect(await item.get()).toEqual({ count: 3 });
  });

  it('reads a missing or damaged value as null, and leaves the raw value to those who repair it', async () => {
    const item = storage.defineItem('counter', Counter, 'local');
    expect(await item.get()).toBeNull();
    fakeBrowser.storage.local.data.set('counter', { count: 'three' });
    expect(await item.get()).toBeNull();
    expect(await item.getRaw()).toEqual({ count: 'three' });
    await item.remove();
    expect(fakeBrowser.storage.local.data.has('counter')).toBe(false);
  });

  it('calls a watcher with the checked new value for its own area only, until unsubscribed', async () => {
    const item = storage.defineItem('counter', Counter, 'local');
    const seen: unknown[] = [];
    const stop = item.watch((value) => seen.push(value));
    await fakeBrowser.storage.sync.set({ counter: { count: 1 } });
    await fakeBrowser.storage.local.set({ counter: { count: 2 } });
    await fakeBrowser.storage.local.set({ counter: 'damaged' });
    await fakeBrowser.storage.local.set({ other: 1 });
    stop();
    await fakeBrowser.storage.local.set({ counter: { count: 4 } });
    expect(seen).toEqual([{ count: 2 }, null]);
  });

  it('writes several items in one set, which watchers see as one change', async () => {
    const head = storage.defineItem('head', Counter, 'local');
    const record = storage.defineItem('record', Counter, 'local');
    const changes: unknown[] = [];
    storage.watchItems([head, record], (change) => changes.push([change.value(head), change.value(record)]));
    await storage.writeEntries([head.entry({ count: 1 }), record.entry({ count: 2 })]);
    expect(changes).toEqual([[{ count: 1 }, { count: 2 }]]);
    expect(Object.fromEntries(fakeBrowser.storage.local.data)).toEqual({ head: { count: 1 }, record: { count: 2 } });
  });
});

describe('onSettingsChanged', () => {
  it('hears settings saved to storage.sync and, where sync fails, to storage.local', async () => {
    let calls = 0;
    const stop = storage.onSettingsChanged(() => calls++);
    await storage.writeSettings({ ...DEFAULT_SETTINGS, enabled: false });
    expect(calls).toBe(1);
    fakeBrowser.storage.sync.failing = new Error('sync is off');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await storage.writeSettings({ ...DEFAULT_SETTINGS, hoverDelayMs: 900 });
    expect(fakeBrowser.storage.local.data.get('settings')).toMatchObject({ hoverDelayMs: 900 });
    expect(calls).toBe(2);
    stop();
  });
});

describe('per-version keys', () => {
  it('keeps the stored key names of cards and shards', () => {
    expect(storage.cardItems.key(7, 'marco-rubio')).toBe('card:7:marco-rubio');
    expect(storage.shardItems.key(7, 12)).toBe(shardKey(7, 12));
    expect(storage.shardItems.key(7, 12)).toBe('shard:7:12');
  });

  it('finds the version of every family’s keys, and of earlier versions’ kept sources', () => {
    expect(storage.versionOfKey(storage.cardItems.key(7, 'x'))).toEqual({ prefix: storage.cardItems.prefix, version: 7, whole: false });
    expect(storage.versionOfKey(storage.shardItems.key(12, 3))).toEqual({ prefix: storage.shardItems.prefix, version: 12, whole: false });
    expect(storage.versionOfKey('source:4')).toEqual({ prefix: storage.LEGACY_SOURCE_PREFIX, version: 4, whole: true });
    for (const key of ['settings', 'activeIndex', 'cardboard:1', 'card:x:1']) expect(storage.versionOfKey(key)).toBeNull();
  });
});
