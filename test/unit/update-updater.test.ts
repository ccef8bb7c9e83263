/**
 * The background's updater against a real release server on 127.0.0.1, with Node's fetch and
 * an in-memory stand-in for extension storage: conditional requests, the streaming caps,
 * timeouts, the version floor, and that every failure leaves the active dataset untouched.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestKey } from '../support/release-server';
import { freshTrustedStore } from '../support/trusted-store';

/** Moves the updater's clock (Date) on by `ms`, where an expiry must pass; timers stay real. */
function moveClock(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + ms });
}
afterEach(() => {
  vi.useRealTimers();
});

const store = vi.hoisted(() => ({
  local: new Map<string, unknown>(),
  sync: new Map<string, unknown>(),
  extensionBase: 'chrome-extension://test/',
}));

vi.mock('webextension-polyfill', () => {
  const area = (map: Map<string, unknown>) => ({
    get: async (keys: string | string[] | null) => {
      const out: Record<string, unknown> = {};
      const list = keys === null ? [...map.keys()] : typeof keys === 'string' ? [keys] : keys;
      for (const k of list) if (map.has(k)) out[k] = structuredClone(map.get(k));
      return out;
    },
    set: async (items: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(items)) map.set(k, structuredClone(v));
    },
    remove: async (keys: string | string[]) => {
      for (const k of typeof keys === 'string' ? [keys] : keys) map.delete(k);
    },
  });
  return {
    default: {
      storage: { local: area(store.local), sync: area(store.sync), onChanged: { addListener: () => undefined } },
      alarms: { get: async () => undefined, clear: async () => true, create: () => undefined, onAlarm: { addListener: () => undefined } },
      // The extension's own files (the bundled dataset) are served by the release server under /extension/.
      runtime: { id: 'test', getURL: (p: string) => `${store.extensionBase}${p}` },
    },
  };
});

const { startReleaseServer, craftRelease, datasetBytes, serveRelease, testKey } = await import('../support/release-server');
const { MINI } = await import('../support/mini-dataset');

const { installLocalDataset, resetToBundledDataset } = await import('../../src/background/local-dataset');
const { checkForUpdates, readUpdateState, readFloor } = await import('../../src/background/updater');
const { raiseFloor, readStoredFloor } = await import('../../src/background/floor');
const { keptSourceVersions, readTrusted, removeSources, writeTrusted } = await import('../../src/background/trusted-store');
const { readActiveDataset } = await import('../../src/shared/dataset-storage');
const { moveLegacyState } = await import('../../src/background/legacy-state');
const { migrateSettings } = await import('../../src/background/settings-migrations');
const { ensureDatasetInstalled, installDataset } = await import('../../src/background/dataset-installer');
const { readRepairLog } = await import('../../src/background/repairs');

type Server = Awaited<ReturnType<typeof startReleaseServer>>;
let server: Server;
let key: TestKey;
const v = (version: number) => datasetBytes({ ...MINI, version });

beforeAll(async () => {
  key = await testKey();
  process.env.BACKSTORY_PINNED_KEYS = JSON.stringify([key.pinned]);
  process.env.BACKSTORY_UPDATE_TIMEOUT_MS = '400';
  server = await startReleaseServer();
  store.extensionBase = server.url('extension/');
});

afterAll(async () => {
  await server.close();
  delete process.env.BACKSTORY_PINNED_KEYS;
  delete process.env.BACKSTORY_UPDATE_TIMEOUT_MS;
});

beforeEach(async () => {
  store.local.clear();
  store.sync.clear();
  freshTrustedStore();
  server.clear();
  server.log.length = 0;
  await writeTrusted('updateUrl', server.url('manifest.json'));
  await installDataset({ ...MINI, version: 2 }, 'bundled');
  server.set('extension/dataset/dataset.json', { kind: 'file', body: v(2) });
});

async function expectStillV2(): Promise<void> {
  const active = await readActiveDataset();
  expect(active?.version).toBe(2);
  expect(store.local.has('activeIndex')).toBe(true);
  expect([...store.local.keys()].filter((k) => k.startsWith('card:') && !k.startsWith('card:2:'))).toEqual([]);
}

async function errorFor(): Promise<string> {
  const state = await checkForUpdates('test');
  if (state.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(state)}`);
  await expectStillV2();
  expect(await readUpdateState()).toMatchObject({ kind: 'error', message: state.message });
  return state.message;
}

describe('the updater', () => {
  it('installs a good update, raises the floor, then polls with If-None-Match and gets 304', async () => {
    serveRelease(server, await craftRelease(v(3), 3, { key }));
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3, from: 2 });
    expect((await readActiveDataset())?.version).toBe(3);
    expect(await readStoredFloor()).toBe(3);
    const again = await checkForUpdates('test');
    expect(again).toMatchObject({ kind: 'up-to-date', version: 3 });
    const manifestRequests = server.log.filter((r) => r.path === '/manifest.json');
    expect(manifestRequests.map((r) => r.status)).toEqual([200, 304]);
    expect(manifestRequests[1]?.ifNoneMatch).toMatch(/^"/);
  });

  it('the same version is "up to date" and downloads nothing', async () => {
    serveRelease(server, await craftRelease(v(2), 2, { key }));
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'up-to-date', version: 2 });
    expect(server.log.map((r) => r.path)).toEqual(['/manifest.json']);
    await expectStillV2();
  });

  it('refuses a rollback below the persisted floor even when the active dataset is older', async () => {
    await raiseFloor(9);
    expect(await readFloor()).toBe(9);
    serveRelease(server, await craftRelease(v(5), 5, { key }));
    expect(await errorFor()).toBe('The update offers version 5, older than version 9 already installed; going back is refused.');
  });

  it('404, 500, HTML and an empty body', async () => {
    expect(await errorFor()).toBe(`The update server has no update manifest at ${server.url('manifest.json')} (404 Not Found).`);
    server.set('manifest.json', { kind: 'status', status: 500 });
    expect(await errorFor()).toBe('The update server had a problem (500 Internal Server Error); Backstory will try again later.');
    server.set('manifest.json', { kind: 'file', body: '<html><body>Welcome</body></html>', contentType: 'text/html' });
    expect(await errorFor()).toBe('The update server sent a web page instead of the update manifest.');
    server.set('manifest.json', { kind: 'file', body: '' });
    expect(await errorFor()).toBe('The update server sent an empty manifest.');
  });

  it('a timeout', async () => {
    server.set('manifest.json', { kind: 'hang' });
    expect(await errorFor()).toBe('The update server did not answer within 0.4 seconds.');
  });

  it('an endless manifest body and a manifest over 16 KiB', async () => {
    server.set('manifest.json', { kind: 'endless' });
    expect(await errorFor()).toBe('The update manifest is larger than 16 KiB, so it was not read.');
    server.set('manifest.json', { kind: 'file', body: ' '.repeat(16 * 1024 + 1) });
    expect(await errorFor()).toBe('The update manifest is larger than 16 KiB, so it was not read.');
  });

  it('an endless dataset body, a longer dataset and a missing dataset', async () => {
    const release = await craftRelease(v(3), 3, { key });
    serveRelease(server, release);
    server.set(release.datasetPath, { kind: 'endless' });
    expect(await errorFor()).toBe(`The dataset file is longer than the signed manifest says (${release.dataset.length} bytes).`);
    server.set(release.datasetPath, { kind: 'file', body: new Uint8Array([...release.dataset, 0x20]) });
    expect(await errorFor()).toBe(`The dataset file is longer than the signed manifest says (${release.dataset.length} bytes).`);
    server.set(release.datasetPath, { kind: 'status', status: 404 });
    expect(await errorFor()).toBe('The dataset file named in the manifest is missing on the server (404).');
  });

  it('a dataset hash mismatch and a failing schema', async () => {
    const release = await craftRelease(v(3), 3, { key });
    serveRelease(server, release);
    const tampered = release.dataset.slice();
    tampered[5] = 0x09;
    server.set(release.datasetPath, { kind: 'file', body: tampered });
    expect(await errorFor()).toBe('The dataset file does not match the signed checksum, so it was not installed.');
    serveRelease(server, await craftRelease(datasetBytes({ ...MINI, version: 3, title: '' }), 3, { key }));
    expect(await errorFor()).toMatch(/^The signed dataset is not valid: /);
  });

  it('an update URL must be https (plain http only for this computer)', async () => {
    const { isAllowedUpdateUrl } = await import('../../src/background/updater');
    const { UpdateUrl } = await import('../../src/shared/settings');
    for (const ok of ['https://backstory.news/updates/manifest.json', 'http://127.0.0.1:8080/manifest.json', 'http://localhost/m.json']) {
      expect(isAllowedUpdateUrl(ok)).toBe(true);
      expect(UpdateUrl.safeParse(ok).success).toBe(true);
    }
    for (const bad of ['http://example.com/manifest.json', 'ftp://x/y', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      expect(isAllowedUpdateUrl(bad)).toBe(false);
      expect(UpdateUrl.safeParse(bad).success).toBe(false);
    }
  });

  it('marks an installed release stale once its manifest expires, and keeps the dataset', async () => {
    const expires = new Date(Date.now() + 300).toISOString();
    serveRelease(server, await craftRelease(v(3), 3, { key, expires }));
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3 });
    moveClock(400);
    const state = await readUpdateState();
    expect(state).toEqual({ kind: 'stale', since: expires, checkedAt: expect.any(String) as unknown });
    // The next poll asks for the whole manifest (an expired one is no ground for a 304) and
    // refuses the same, now expired, manifest.
    const next = await checkForUpdates('test');
    expect(next).toMatchObject({
      kind: 'error',
      message: `The update manifest expired on ${expires}, so it was not trusted.`,
      staleSince: expires,
    });
    expect(server.log.filter((r) => r.path === '/manifest.json').map((r) => [r.status, r.ifNoneMatch])).toEqual([
      [200, undefined],
      [200, undefined],
    ]);
    expect((await readActiveDataset())?.version).toBe(3);
  });

  it('a 304 to a request without If-None-Match is not "up to date": it asks again for the whole manifest and verifies it', async () => {
    const release = await craftRelease(v(3), 3, { key });
    serveRelease(server, release);
    server.set('manifest.json', { kind: 'once', first: { kind: 'status', status: 304 }, then: { kind: 'file', body: release.manifest } });
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3, from: 2 });
    expect(server.log.filter((r) => r.path === '/manifest.json').map((r) => [r.status, r.ifNoneMatch])).toEqual([
      [304, undefined],
      [200, undefined],
    ]);
    expect((await readActiveDataset())?.version).toBe(3);
  });

  it('a server that answers 304 to every request verifies nothing, and says so', async () => {
    server.set('manifest.json', { kind: 'status', status: 304 });
    expect(await errorFor()).toBe(
      'The update server answered “not modified” to a request for the whole manifest, so nothing could be verified.',
    );
    expect(server.log.map((r) => r.ifNoneMatch)).toEqual([undefined, undefined]);
  });

  it('an error after the last verified manifest expired reads as stale since its expiry, worked out when asked', async () => {
    const expires = new Date(Date.now() + 300).toISOString();
    serveRelease(server, await craftRelease(v(3), 3, { key, expires }));
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3 });
    server.set('manifest.json', { kind: 'status', status: 500 });
    const failed = await checkForUpdates('test');
    expect(failed).toMatchObject({ kind: 'error' });
    expect(failed).not.toHaveProperty('staleSince');
    moveClock(400);
    expect(await readUpdateState()).toMatchObject({
      kind: 'error',
      message: failed.kind === 'error' ? failed.message : '',
      staleSince: expires,
    });
  });

  it('a stored "up to date" that no verified manifest backs is not shown as up to date', async () => {
    await writeTrusted('updateStatus', {
      state: { kind: 'up-to-date', checkedAt: new Date().toISOString(), version: 2 },
      etag: '"x"',
      etagUrl: server.url('manifest.json'),
    });
    expect(await readUpdateState()).toMatchObject({
      kind: 'error',
      message: 'No update manifest has been verified yet; Backstory will check again.',
    });
    // Nor does its ETag make the next request conditional.
    serveRelease(server, await craftRelease(v(2), 2, { key }));
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'up-to-date', version: 2 });
    expect(server.log.map((r) => r.ifNoneMatch)).toEqual([undefined]);
  });

  it('a reset to the bundled dataset fetches a verified release whose source is gone at once, and never shows it "up to date" beside the older dataset', async () => {
    serveRelease(server, await craftRelease(v(3), 3, { key }));
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3 });
    expect(await installLocalDataset(JSON.stringify({ ...MINI, version: 9 }))).toMatchObject({ kind: 'installed' });
    // Gone, as an earlier version of Backstory removed it when a local file was imported.
    await removeSources([3]);
    server.log.length = 0;
    expect(await resetToBundledDataset()).toMatchObject({ version: 3, origin: 'update' });
    expect(await readUpdateState()).toMatchObject({ kind: 'updated', version: 3, from: 2 });
    // The manifest was asked for whole (an ETag cannot bring the dataset back), then the dataset.
    expect(server.log.map((r) => [r.path.startsWith('/dataset-') ? 'dataset' : r.path, r.ifNoneMatch])).toEqual([
      ['/extension/dataset/dataset.json', undefined],
      ['/manifest.json', undefined],
      ['dataset', undefined],
    ]);
  });

  it('while the release cannot be fetched after a reset, the state is an error, and the next check installs it', async () => {
    serveRelease(server, await craftRelease(v(3), 3, { key }));
    const manifest = await craftRelease(v(3), 3, { key });
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3 });
    await installLocalDataset(JSON.stringify({ ...MINI, version: 9 }));
    await removeSources([3]);
    server.set('manifest.json', { kind: 'status', status: 500 });
    expect(await resetToBundledDataset()).toMatchObject({ version: 2, origin: 'bundled' });
    expect(await readUpdateState()).toMatchObject({ kind: 'error' });
    serveRelease(server, manifest);
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3, from: 2 });
  });

  it('beside a local dataset older than the verified release, the state is "behind", not "up to date"', async () => {
    serveRelease(server, await craftRelease(v(3), 3, { key }));
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3 });
    expect(await installLocalDataset(JSON.stringify({ ...MINI, version: 1 }))).toMatchObject({ kind: 'installed' });
    expect(await readUpdateState()).toMatchObject({ kind: 'behind', version: 3, local: true });
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'behind', version: 3, local: true });
    expect((await readActiveDataset())?.origin).toBe('local');
  });

  it('runs one check at a time', async () => {
    serveRelease(server, await craftRelease(v(3), 3, { key }));
    const [a, b] = await Promise.all([checkForUpdates('a'), checkForUpdates('b')]);
    expect(a).toBe(b);
    expect(server.log.filter((r) => r.path === '/manifest.json').length).toBe(1);
  });
});

describe('state that content scripts can write (storage.local, storage.sync)', () => {
  /** The background's start-up, as far as stored state goes (src/background/index.ts). */
  async function startUp(): Promise<void> {
    await moveLegacyState();
    await migrateSettings();
    await ensureDatasetInstalled();
  }

  it('an existing install’s update state moves from storage.local and the synced settings into the trusted store once, and the old keys go', async () => {
    // What an earlier version left: everything in extension storage, nothing in the trusted store.
    freshTrustedStore();
    const freshUntil = new Date(Date.now() + 86_400_000).toISOString();
    const status = {
      state: { kind: 'up-to-date', checkedAt: '2026-01-02T03:04:05.000Z', version: 2 },
      etag: '"v2"',
      etagUrl: server.url('manifest.json'),
      freshUntil,
    };
    const repair = { kind: 'settings-discarded', at: '2026-01-01T00:00:00.000Z' };
    store.local.set('updateFloor', 2);
    store.local.set('updateStatus', status);
    store.local.set('repairLog', [repair, { kind: 'not a repair' }]);
    store.local.set('source:7', { ...MINI, version: 7 });
    store.sync.set('settings', { version: 1, enabled: false, updateUrl: server.url('manifest.json') });

    await startUp();
    expect(await readTrusted('updateFloor')).toBe(2);
    expect(await readTrusted('updateStatus')).toEqual(status);
    expect(await readRepairLog()).toEqual([repair]);
    expect(await readTrusted('updateUrl')).toBe(server.url('manifest.json'));
    expect(await readTrusted('installed')).toMatchObject({ version: 2, origin: 'bundled' });
    expect(await keptSourceVersions()).toEqual([]);
    expect(
      [...store.local.keys()].filter((k) => ['updateFloor', 'updateStatus', 'repairLog'].includes(k) || k.startsWith('source:')),
    ).toEqual([]);
    expect(store.sync.get('settings')).toMatchObject({ version: 2, enabled: false });
    expect(store.sync.get('settings')).not.toHaveProperty('updateUrl');
    // The moved state is what the updater uses: the URL, and the ETag of the verified manifest.
    expect(await readUpdateState()).toMatchObject({ kind: 'up-to-date', version: 2 });
    serveRelease(server, await craftRelease(v(3), 3, { key }));
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3, from: 2 });
    expect(server.log.filter((r) => r.path === '/manifest.json').map((r) => r.ifNoneMatch)).toEqual(['"v2"']);
  });

  it('keeps an update’s kept source when it moves it', async () => {
    freshTrustedStore();
    await installDataset({ ...MINI, version: 7 }, 'update');
    freshTrustedStore();
    store.local.set('source:7', { ...MINI, version: 7 });
    store.local.set('updateFloor', 7);
    await startUp();
    expect(await keptSourceVersions()).toEqual([7]);
    expect((await readActiveDataset())?.version).toBe(7);
  });

  it('after the move, a huge floor, a foreign update URL and a planted status written by a content script have no effect on updates', async () => {
    await startUp();
    // What a compromised renderer can write through its content script.
    const evil = 'https://evil.example/manifest.json';
    store.local.set('updateFloor', Number.MAX_SAFE_INTEGER);
    store.local.set('updateStatus', {
      state: { kind: 'up-to-date', checkedAt: new Date().toISOString(), version: 99 },
      freshUntil: '2999-01-01T00:00:00.000Z',
    });
    store.local.set('activeDataset', { ...(await readActiveDataset()), version: Number.MAX_SAFE_INTEGER, origin: 'local' });
    store.local.set('settings', { version: 1, updateUrl: evil });
    store.sync.set('settings', { version: 1, updateUrl: evil });
    store.sync.set('updateUrl', evil);

    expect(await readUpdateState()).toEqual({ kind: 'never-checked' });
    serveRelease(server, await craftRelease(v(3), 3, { key }));
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3, from: 2 });
    expect(server.log.filter((r) => r.path === '/manifest.json')).toHaveLength(1);
    expect(await readStoredFloor()).toBe(3);
    expect(await readTrusted('updateUrl')).toBe(server.url('manifest.json'));

    // Nor after the next start, which only removes the old keys.
    store.local.set('updateFloor', Number.MAX_SAFE_INTEGER);
    store.sync.set('settings', { version: 1, updateUrl: evil });
    await startUp();
    expect(store.local.has('updateFloor')).toBe(false);
    expect(store.sync.get('settings')).not.toHaveProperty('updateUrl');
    expect(await readTrusted('updateUrl')).toBe(server.url('manifest.json'));
    expect(await readFloor()).toBe(3);
    serveRelease(server, await craftRelease(v(4), 4, { key }));
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 4, from: 3 });
  });

  it('a planted activeDataset copy decides nothing: the background keeps its own record and restores the copy at the next start', async () => {
    await startUp();
    const installed = await readActiveDataset();
    store.local.set('activeDataset', { ...installed, version: Number.MAX_SAFE_INTEGER, origin: 'local' });
    expect(await readFloor()).toBe(2);
    await startUp();
    expect(await readActiveDataset()).toMatchObject({ version: 2, origin: 'bundled' });
  });
});
