/**
 * The background's updater against a real release server on 127.0.0.1, with Node's fetch and
 * an in-memory stand-in for extension storage: conditional requests, the streaming caps,
 * timeouts, the version floor, and that every failure leaves the active dataset untouched.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestKey } from '../support/release-server';

const store = vi.hoisted(() => ({ local: new Map<string, unknown>(), sync: new Map<string, unknown>(), extensionBase: 'chrome-extension://test/' }));

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
const { installDataset } = await import('../../src/background/dataset-installer');
const { installLocalDataset, resetToBundledDataset } = await import('../../src/background/local-dataset');
const { checkForUpdates, readUpdateState, readFloor, FLOOR_KEY } = await import('../../src/background/updater');
const { readActiveDataset, SETTINGS_KEY } = await import('../../src/shared/storage');
const { DEFAULT_SETTINGS } = await import('../../src/shared/settings');

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
  server.clear();
  server.log.length = 0;
  store.sync.set(SETTINGS_KEY, { ...DEFAULT_SETTINGS, updateUrl: server.url('manifest.json') });
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
    expect(store.local.get(FLOOR_KEY)).toBe(3);
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
    store.local.set(FLOOR_KEY, 9);
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
    await new Promise((r) => setTimeout(r, 400));
    const state = await readUpdateState();
    expect(state).toEqual({ kind: 'stale', since: expires, checkedAt: expect.any(String) as unknown });
    // The next poll asks for the whole manifest (an expired one is no ground for a 304) and
    // refuses the same, now expired, manifest.
    const next = await checkForUpdates('test');
    expect(next).toMatchObject({ kind: 'error', message: `The update manifest expired on ${expires}, so it was not trusted.`, staleSince: expires });
    expect(server.log.filter((r) => r.path === '/manifest.json').map((r) => [r.status, r.ifNoneMatch])).toEqual([[200, undefined], [200, undefined]]);
    expect((await readActiveDataset())?.version).toBe(3);
  });

  it('a 304 to a request without If-None-Match is not "up to date": it asks again for the whole manifest and verifies it', async () => {
    const release = await craftRelease(v(3), 3, { key });
    serveRelease(server, release);
    server.set('manifest.json', { kind: 'once', first: { kind: 'status', status: 304 }, then: { kind: 'file', body: release.manifest } });
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3, from: 2 });
    expect(server.log.filter((r) => r.path === '/manifest.json').map((r) => [r.status, r.ifNoneMatch])).toEqual([[304, undefined], [200, undefined]]);
    expect((await readActiveDataset())?.version).toBe(3);
  });

  it('a server that answers 304 to every request verifies nothing, and says so', async () => {
    server.set('manifest.json', { kind: 'status', status: 304 });
    expect(await errorFor()).toBe('The update server answered “not modified” to a request for the whole manifest, so nothing could be verified.');
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
    await new Promise((r) => setTimeout(r, 400));
    expect(await readUpdateState()).toMatchObject({ kind: 'error', message: failed.kind === 'error' ? failed.message : '', staleSince: expires });
  });

  it('a stored "up to date" that no verified manifest backs is not shown as up to date', async () => {
    store.local.set('updateStatus', { state: { kind: 'up-to-date', checkedAt: new Date().toISOString(), version: 2 }, etag: '"x"', etagUrl: server.url('manifest.json') });
    expect(await readUpdateState()).toMatchObject({ kind: 'error', message: 'No update manifest has been verified yet; Backstory will check again.' });
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
    store.local.delete('source:3');
    server.log.length = 0;
    expect(await resetToBundledDataset()).toMatchObject({ version: 3, origin: 'update' });
    expect(await readUpdateState()).toMatchObject({ kind: 'updated', version: 3, from: 2 });
    // The manifest was asked for whole (an ETag cannot bring the dataset back), then the dataset.
    expect(server.log.map((r) => [r.path.startsWith('/dataset-') ? 'dataset' : r.path, r.ifNoneMatch])).toEqual([['/extension/dataset/dataset.json', undefined], ['/manifest.json', undefined], ['dataset', undefined]]);
  });

  it('while the release cannot be fetched after a reset, the state is an error, and the next check installs it', async () => {
    serveRelease(server, await craftRelease(v(3), 3, { key }));
    const manifest = await craftRelease(v(3), 3, { key });
    expect(await checkForUpdates('test')).toMatchObject({ kind: 'updated', version: 3 });
    await installLocalDataset(JSON.stringify({ ...MINI, version: 9 }));
    store.local.delete('source:3');
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
