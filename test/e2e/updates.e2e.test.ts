/**
 * Signed dataset updates in real Chromium and Firefox (issue 7). The extension is built with
 * test keys generated here and pointed at a release server on 127.0.0.1. Many bad inputs are
 * covered by the unit tests against the same verification code; here a good update and a
 * representative set of bad ones run through the real background, fetch and storage.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './browsers';
import {
  craftRelease,
  datasetBytes,
  serveRelease,
  startReleaseServer,
  testKey,
  type CraftedRelease,
  type ReleaseServer,
  type TestKey,
} from '../support/release-server';
import { buildWithTestKeys, launchChromiumFrom, launchFirefoxFrom, type ExtensionPage, type UpdateBrowser } from './update-browsers';
import { MINI, entity } from '../support/mini-dataset';
import { INLINE_RECORDS } from '../../src/dataset/stored-index';
import { expectNever } from '../support/expect-never';

interface Api {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(keys: string | string[] | null): Promise<Record<string, unknown>> } };
}

const work = mkdtempSync(join(tmpdir(), 'backstory-updates-e2e-'));
const V1 = { ...MINI, version: 1, entities: MINI.entities.filter((e) => e.id !== 'mark-rutte') };
const ARTICLE = '<!doctype html><html><head><title>News</title></head><body><p>Mark Rutte met Marco Rubio in Brussels.</p></body></html>';

const LARGE_ARTICLE =
  '<!doctype html><html><head><title>News</title></head><body><p>Mark Rutte met Marco Rubio and Person17 Example in Brussels.</p></body></html>';
/** Enough people that the index is stored in shards (more than INLINE_RECORDS alias records). */
const LARGE = {
  ...MINI,
  version: 10,
  title: 'Large test dataset',
  entities: [
    ...MINI.entities,
    ...Array.from({ length: INLINE_RECORDS + 500 }, (_, i) => entity(`synthetic-${i}`, 'person', `Person${i} Example`)),
  ],
};

let server: ReleaseServer;
let key: TestKey;
let unknownKey: TestKey;
let releaseV2: CraftedRelease;
let releaseV3: CraftedRelease;

beforeAll(async () => {
  key = await testKey();
  unknownKey = await testKey();
  server = await startReleaseServer();
  server.set('article.html', { kind: 'file', body: ARTICLE, contentType: 'text/html; charset=utf-8' });
  server.set('article-large.html', { kind: 'file', body: LARGE_ARTICLE, contentType: 'text/html; charset=utf-8' });
  const bundled = join(work, 'bundled.json');
  writeFileSync(bundled, JSON.stringify(V1));
  buildWithTestKeys(join(work, 'dist'), {
    BACKSTORY_DATASET: bundled,
    BACKSTORY_PINNED_KEYS: JSON.stringify([unusedSlot(), key.pinned]),
    BACKSTORY_UPDATE_URL: server.url('manifest.json'),
    BACKSTORY_UPDATE_TIMEOUT_MS: '1500',
  });
  releaseV2 = await craftRelease(datasetBytes({ ...MINI, version: 2 }), 2, { key });
  releaseV3 = await craftRelease(datasetBytes({ ...MINI, version: 3, title: 'Test dataset v3' }), 3, { key });
}, 180_000);

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

/** Slot 1 holds a key whose private half nobody has: a release signed with slot 2 must still pass. */
function unusedSlot(): { keyid: string; publicKey: string } {
  return {
    keyid: 'c81c0d013c31478508a1a2613203dab5f2438505078e1766fdb70524977be0da',
    publicKey: 'A0i6L+RE6b5JPO/yCSiHO/BdCsX3RWIKbAe+u/CfKGE=',
  };
}

/** Self-contained functions, evaluated in an extension page (MV3 pages allow no eval). */
const sendMessage = (message: unknown): Promise<unknown> => {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  return ((g.browser ?? g.chrome) as Api).runtime.sendMessage(message);
};
const readLocal = (): Promise<Record<string, unknown>> => {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  return ((g.browser ?? g.chrome) as Api).storage.local.get(null);
};

/**
 * A record of the background's trusted store (the extension origin's IndexedDB), read from an
 * extension page of the same origin. Never creates the database: the background does.
 */
const readTrustedRecord = (key: string): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open('backstory-trusted');
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => reject(new Error(`the trusted store is not there: ${String(open.error)}`));
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction('records', 'readonly').objectStore('records').get(key);
      request.onsuccess = () => {
        db.close();
        resolve(request.result);
      };
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    };
  });

async function trusted(page: ExtensionPage, key: string): Promise<unknown> {
  return page.evaluate(readTrustedRecord, key);
}

async function updateState(page: ExtensionPage): Promise<{ kind: string; message?: string; version?: number }> {
  const reply = (await page.evaluate(sendMessage, { type: 'getStatus' })) as {
    ok: boolean;
    value?: { update: { kind: string; message?: string; version?: number } };
  };
  if (!reply.ok || !reply.value) throw new Error(`getStatus failed: ${JSON.stringify(reply)}`);
  return reply.value.update;
}

async function check(page: ExtensionPage): Promise<{ kind: string; message?: string; version?: number }> {
  const reply = await page.evaluate(sendMessage, { type: 'checkForUpdates' });
  const result = reply as { ok: boolean; value?: { kind: string; message?: string; version?: number } };
  if (!result.ok || !result.value) throw new Error(`checkForUpdates failed: ${JSON.stringify(reply)}`);
  return result.value;
}

async function local(page: ExtensionPage): Promise<Record<string, unknown>> {
  return page.evaluate(readLocal, null);
}

async function activeVersion(page: ExtensionPage): Promise<number | undefined> {
  const all = await local(page);
  return (all.activeDataset as { version?: number } | undefined)?.version;
}

async function expectIntact(page: ExtensionPage, version: number): Promise<void> {
  const all = await local(page);
  expect((all.activeDataset as { version: number }).version).toBe(version);
  expect(all.activeIndex).toBeDefined();
  const cards = Object.keys(all).filter((k) => k.startsWith('card:'));
  expect(cards.length).toBeGreaterThan(0);
  expect(cards.every((k) => k.startsWith(`card:${version}:`))).toBe(true);
}

const personTexts = () => [...(CSS.highlights.get('backstory-person') ?? [])].map((r) => r.toString()).sort();

/** The representative bad inputs, each with the error it must produce; the dataset stays `active`. */
async function badInputs(page: ExtensionPage, active: number): Promise<Record<string, string>> {
  const seen: Record<string, string> = {};
  const expectError = async (name: string, expected: string | RegExp) => {
    const state = await check(page);
    expect(state.kind, name).toBe('error');
    if (typeof expected === 'string') expect(state.message, name).toBe(expected);
    else expect(state.message, name).toMatch(expected);
    seen[name] = state.message ?? '';
    await expectIntact(page, active);
  };
  const v4 = datasetBytes({ ...MINI, version: 4 });
  serveRelease(server, await craftRelease(v4, 4, { key: unknownKey }));
  await expectError('unknown key', 'The update is signed by a key this copy of Backstory does not trust.');
  serveRelease(server, await craftRelease(v4, 4, { key, signBytes: new TextEncoder().encode('other bytes') }));
  await expectError('signature over other bytes', 'The update manifest’s signature does not match its contents, so it was not trusted.');
  serveRelease(server, await craftRelease(v4, 4, { key, signPayloadType: 'application/json' }));
  await expectError(
    'signature over a different payload type',
    'The update manifest’s signature does not match its contents, so it was not trusted.',
  );
  serveRelease(server, await craftRelease(v4, 4, { key, expires: '2024-01-01T00:00:00Z' }));
  await expectError('expired manifest', 'The update manifest expired on 2024-01-01T00:00:00.000Z, so it was not trusted.');
  serveRelease(server, await craftRelease(v4, '4', { key }));
  await expectError('version "4"', 'The update manifest is malformed: version must be a number (not text).');
  const hashed = await craftRelease(v4, 4, { key });
  serveRelease(server, hashed);
  const tampered = hashed.dataset.slice();
  tampered[3] = 0x09;
  server.set(hashed.datasetPath, { kind: 'file', body: tampered });
  await expectError('dataset hash mismatch', 'The dataset file does not match the signed checksum, so it was not installed.');
  server.set(hashed.datasetPath, { kind: 'endless' });
  await expectError('endless dataset body', `The dataset file is longer than the signed manifest says (${hashed.dataset.length} bytes).`);
  server.set('manifest.json', { kind: 'endless' });
  await expectError('endless manifest body', 'The update manifest is larger than 16 KiB, so it was not read.');
  server.set('manifest.json', { kind: 'file', body: '<!doctype html><p>Welcome to our CDN</p>', contentType: 'text/html' });
  await expectError('HTML with status 200', 'The update server sent a web page instead of the update manifest.');
  server.set('manifest.json', { kind: 'status', status: 404 });
  await expectError(
    '404',
    /^The update server has no update manifest at http:\/\/127\.0\.0\.1:\d+\/manifest\.json \(404( Not Found)?\)\.$/,
  );
  server.set('manifest.json', { kind: 'hang' });
  await expectError('timeout', 'The update server did not answer within 1.5 seconds.');
  return seen;
}

describe.each(['chromium', 'firefox'] as const)('signed dataset updates in %s', (name) => {
  let browser: UpdateBrowser;
  let page: ExtensionPage;

  beforeAll(async () => {
    server.set('manifest.json', { kind: 'status', status: 404 });
    browser =
      name === 'chromium' ? await launchChromiumFrom(join(work, 'dist/chrome')) : await launchFirefoxFrom(join(work, 'dist/firefox'));
    page = await browser.extensionPage();
    await waitFor('the bundled dataset', async () => (await activeVersion(page)) === 1);
  });

  afterAll(async () => {
    await browser.close();
  });

  it('checked on install, and records a plain-language error when there is nothing to fetch, in the trusted store', async () => {
    const state = await waitFor('the install check', async () => {
      const update = await updateState(page);
      return update.kind === 'never-checked' ? null : update;
    });
    expect(state).toMatchObject({ kind: 'error', message: expect.stringMatching(/404/) as unknown });
    expect(await trusted(page, 'updateStatus')).toMatchObject({ state: { kind: 'error' } });
    const all = await local(page);
    expect(Object.keys(all).filter((k) => ['updateStatus', 'updateFloor', 'repairLog'].includes(k) || k.startsWith('source:'))).toEqual([]);
  });

  it('refuses representative bad inputs and keeps the bundled dataset active', async () => {
    const seen = await badInputs(page, 1);
    console.info(
      `${name}: bad inputs and their errors\n${Object.entries(seen)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}`,
    );
  });

  it('installs a good update signed with the second pinned key, and an open tab picks up the new entity without a reload', async () => {
    const tab = await browser.newPage(server.url('article.html'));
    await waitFor('highlights on the article', () => tab.evaluate(() => CSS.highlights.has('backstory-person'), null));
    expect(await tab.evaluate(personTexts, null)).toEqual(['Marco Rubio']);
    serveRelease(server, releaseV2);
    expect(await check(page)).toMatchObject({ kind: 'updated', version: 2 });
    await expectIntact(page, 2);
    expect(await trusted(page, 'updateFloor')).toBe(2);
    await waitFor('the new entity on the open tab', async () => (await tab.evaluate(personTexts, null)).includes('Mark Rutte'));
    expect(await tab.evaluate(personTexts, null)).toEqual(['Marco Rubio', 'Mark Rutte']);
    await tab.close();
  });

  it('the same version again is "up to date", answered with 304 Not Modified', async () => {
    server.log.length = 0;
    expect(await check(page)).toMatchObject({ kind: 'up-to-date', version: 2 });
    expect(server.log.filter((r) => r.path === '/manifest.json').map((r) => r.status)).toEqual([304]);
    const status = (await page.evaluate(sendMessage, { type: 'getStatus' })) as { ok: boolean; value: { update: { kind: string } } };
    expect(status.value.update.kind).toBe('up-to-date');
  });

  it('refuses a rollback to version 1 and keeps version 2', async () => {
    serveRelease(server, await craftRelease(datasetBytes(V1), 1, { key }));
    expect(await check(page)).toMatchObject({
      kind: 'error',
      message: 'The update offers version 1, older than version 2 already installed; going back is refused.',
    });
    await expectIntact(page, 2);
  });

  it('a correctly signed dataset that fails the schema is refused', async () => {
    serveRelease(server, await craftRelease(datasetBytes({ ...MINI, version: 5, title: '' }), 5, { key }));
    const state = await check(page);
    expect(state).toMatchObject({ kind: 'error' });
    expect(state.message).toMatch(/^The signed dataset is not valid: - {2}title {2}must not be empty\.$/);
    await expectIntact(page, 2);
  });

  // Chromium only: Firefox loses a temporary add-on when it restarts, and its background
  // page cannot be driven from outside. These tests are not registered for Firefox at all.
  const chromiumOnly = name === 'chromium' ? it : ((() => undefined) as unknown as typeof it);

  chromiumOnly(
    'the service worker killed between writes leaves version 2 active after a restart, and an old manifest replayed after the restart is refused',
    async () => {
      if (!browser.worker || !browser.restart) throw new Error('the Chromium harness must offer worker() and restart()');
      // Make the installer's second write (index + active record) never complete, then kill the
      // browser while it waits: the cards of version 3 are written, the flip is not.
      const worker = await browser.worker();
      await worker.evaluate(() => {
        const area = (globalThis as unknown as { chrome: { storage: { local: { set: (...a: unknown[]) => unknown } } } }).chrome.storage
          .local;
        const original = area.set.bind(area);
        area.set = (...args: unknown[]) => {
          const items = args[0] as Record<string, unknown>;
          if ('activeDataset' in items) {
            (globalThis as unknown as { __flipHeld: boolean }).__flipHeld = true;
            return new Promise(() => undefined);
          }
          return original(...args);
        };
      });
      serveRelease(server, releaseV3);
      void page.evaluate(sendMessage, { type: 'checkForUpdates' }).catch(() => undefined);
      await waitFor('the flip to be held', () =>
        worker.evaluate(() => (globalThis as unknown as { __flipHeld?: boolean }).__flipHeld === true),
      );
      const during = await local(page);
      expect(Object.keys(during).some((k) => k.startsWith('card:3:'))).toBe(true);
      expect((during.activeDataset as { version: number }).version).toBe(2);
      // Serve nothing during the restart, so the start-up check cannot install version 3 at once.
      server.set('manifest.json', { kind: 'status', status: 404 });
      await browser.restart();
      page = await browser.extensionPage();
      await waitFor(
        'orphaned cards of version 3 to be removed',
        async () => !Object.keys(await local(page)).some((k) => k.startsWith('card:3:')),
      );
      await expectIntact(page, 2);
      // The update is then taken normally.
      serveRelease(server, releaseV3);
      expect(await check(page)).toMatchObject({ kind: 'updated', version: 3 });
      await expectIntact(page, 3);
      // Restart again and replay the old (still unexpired, validly signed) version 2 manifest.
      serveRelease(server, releaseV2);
      await browser.restart();
      page = await browser.extensionPage();
      const replay = await waitFor('the start-up check', async () => {
        const state = await updateState(page);
        return state.kind === 'error' && state.message?.includes('version 2') ? state : null;
      });
      expect(replay.message).toBe('The update offers version 2, older than version 3 already installed; going back is refused.');
      await expectIntact(page, 3);
    },
  );

  it('a large update, stored as index shards, annotates a page and the names the page adds later', async () => {
    serveRelease(server, await craftRelease(datasetBytes(LARGE), 10, { key }));
    expect(await check(page)).toMatchObject({ kind: 'updated', version: 10 });
    const stored = await local(page);
    expect((stored.activeIndex as { shardBits: number }).shardBits).toBeGreaterThan(0);
    expect(Object.keys(stored).filter((k) => k.startsWith('shard:10:')).length).toBeGreaterThan(100);
    const tab = await browser.newPage(server.url('article-large.html'));
    await waitFor('highlights from the shards', async () => (await tab.evaluate(personTexts, null)).length === 3);
    expect(await tab.evaluate(personTexts, null)).toEqual(['Marco Rubio', 'Mark Rutte', 'Person17 Example']);
    // A name whose shard the page has not read yet: the rescan reads it.
    await tab.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Later, Person2999 Example spoke.';
      document.body.append(p);
    }, null);
    await waitFor('the added name', async () => (await tab.evaluate(personTexts, null)).includes('Person2999 Example'));
    expect(await tab.evaluate(personTexts, null)).toEqual(['Marco Rubio', 'Mark Rutte', 'Person17 Example', 'Person2999 Example']);
    await tab.close();
  });

  chromiumOnly('a content script asking the background to check for updates (or fetch a URL) is refused', async () => {
    if (!browser.sendFromContentScript) throw new Error('the Chromium harness must offer sendFromContentScript()');
    const before = server.log.length;
    const replies = await browser.sendFromContentScript(server.url('article.html'), [
      { type: 'checkForUpdates' },
      { type: 'fetch', url: server.url('manifest.json') },
    ]);
    expect(replies).toEqual([
      { ok: false, error: 'sender not allowed' },
      { ok: false, error: 'sender not allowed' },
    ]);
    const releaseReads = (): unknown[] =>
      server.log.slice(before).filter((r) => r.path === '/manifest.json' || r.path.startsWith('/dataset-'));
    await expectNever(() => releaseReads().length > 0, 300, 'a read of the release');
    expect(releaseReads()).toEqual([]);
  });

  // In Chromium the keys are written from the content script's own world (CDP). Firefox's
  // WebDriver BiDi lists no content-script realms (script.getRealms shows the page's only), so
  // there they are written from an extension page to the same storage areas, which content
  // scripts can write too: what is tested is that nothing in them steers updates.
  it('a huge floor, a foreign update URL and a planted status in the storage content scripts can write change nothing: the next update installs from the configured server', async () => {
    const floor = (await trusted(page, 'updateFloor')) as number;
    const evil = 'https://evil.example/manifest.json';
    const planted = {
      updateFloor: Number.MAX_SAFE_INTEGER,
      updateStatus: {
        state: { kind: 'up-to-date', checkedAt: new Date().toISOString(), version: 999 },
        freshUntil: '2999-01-01T00:00:00.000Z',
      },
      settings: { version: 1, updateUrl: evil },
    };
    const syncPlanted = { settings: planted.settings, updateUrl: evil };
    const writes = browser.evaluateInContentScript
      ? await browser.evaluateInContentScript(server.url('article.html'), [
          `chrome.storage.local.set(${JSON.stringify(planted)}).then(() => 'local written')`,
          `chrome.storage.sync.set(${JSON.stringify(syncPlanted)}).then(() => 'sync written')`,
        ])
      : await page.evaluate(
          async (arg) => {
            const api = (globalThis as unknown as { browser: { storage: Record<'local' | 'sync', { set(items: object): Promise<void> }> } })
              .browser;
            await api.storage.local.set(arg.local);
            await api.storage.sync.set(arg.sync);
            return ['local written', 'sync written'];
          },
          { local: planted, sync: syncPlanted },
        );
    expect(writes).toEqual(['local written', 'sync written']);
    expect((await local(page)).updateFloor).toBe(Number.MAX_SAFE_INTEGER);
    expect(await updateState(page)).not.toMatchObject({ version: 999 });

    server.log.length = 0;
    serveRelease(server, await craftRelease(datasetBytes({ ...MINI, version: floor + 1 }), floor + 1, { key }));
    expect(await check(page)).toMatchObject({ kind: 'updated', version: floor + 1 });
    expect(server.log.filter((r) => r.path === '/manifest.json')).toHaveLength(1);
    await expectIntact(page, floor + 1);
    expect(await trusted(page, 'updateFloor')).toBe(floor + 1);

    // The next start removes what was planted and takes the next update from the same server
    // (the Firefox harness cannot restart the browser with its profile).
    if (!browser.restart) return;
    const restarted = new Date().toISOString();
    await browser.restart();
    page = await browser.extensionPage();
    await waitFor('the planted keys to be removed', async () => !('updateFloor' in (await local(page))));
    await waitFor('the start-up check', async () => {
      const state = (await updateState(page)) as { kind: string; checkedAt?: string };
      return state.kind === 'up-to-date' && (state.checkedAt ?? '') >= restarted ? state : null;
    });
    serveRelease(server, await craftRelease(datasetBytes({ ...MINI, version: floor + 2 }), floor + 2, { key }));
    expect(await check(page)).toMatchObject({ kind: 'updated', version: floor + 2 });
    await expectIntact(page, floor + 2);
  });
});
