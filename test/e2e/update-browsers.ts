/**
 * What the update tests need beyond test/e2e/browsers.ts: a build with test keys in its own
 * folder (so it never disturbs dist/), Chromium with a profile that survives a restart and
 * access to the service worker and to the content script's world, and the extension's own
 * page in both browsers to send commands, read storage.local as the popup would, and read the
 * background's trusted store (the extension origin's IndexedDB).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Worker } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import { extensionWorker, launchChromium } from '../support/chromium';
import { browserPath } from '../support/installed-browsers';

const ROOT = resolve(import.meta.dirname, '../..');
const GECKO_ID = 'backstory@backstory.news';
const FIREFOX_UUID = '6f1d5a3e-2b7c-4e0a-9d4b-8c3f2a1e5b70';

export function buildWithTestKeys(outDir: string, env: Record<string, string>): void {
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, BACKSTORY_OUT_DIR: outDir, ...env },
    stdio: 'pipe',
  });
}

/** Runs `fn` in an extension page (chrome-extension:// or moz-extension://). */
export interface ExtensionPage {
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
}

export interface PageHandle {
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  close(): Promise<void>;
}

export interface UpdateBrowser {
  name: 'chromium' | 'firefox';
  extensionPage(): Promise<ExtensionPage>;
  newPage(url: string): Promise<PageHandle>;
  /** Chromium only: the background service worker. */
  worker?(): Promise<Worker>;
  /** Chromium only: sends each message from Backstory's content script (its isolated world) on `url`. */
  sendFromContentScript?(url: string, messages: unknown[]): Promise<unknown[]>;
  /**
   * Chromium only: evaluates each expression in Backstory's content-script world on `url` (what
   * a compromised renderer can do with the content script's APIs), awaiting promises.
   */
  evaluateInContentScript?(url: string, expressions: string[]): Promise<unknown[]>;
  /** Chromium only: close the browser and start it again on the same profile. */
  restart?(): Promise<void>;
  close(): Promise<void>;
}

export async function launchChromiumFrom(dir: string): Promise<UpdateBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'backstory-update-chromium-'));
  let context: BrowserContext;
  let extensionId = '';
  const start = async () => {
    context = await launchChromium(profile, { extension: dir });
    extensionId = (await extensionWorker(context)).extensionId;
  };
  await start();
  const evaluateInContentScript = async (url: string, expressions: string[]): Promise<unknown[]> => {
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    const worlds: { id: number; origin: string; name: string; type?: string }[] = [];
    cdp.on(
      'Runtime.executionContextCreated',
      (event: { context: { id: number; origin: string; name: string; auxData?: { type?: string } } }) => {
        worlds.push({ id: event.context.id, origin: event.context.origin, name: event.context.name, type: event.context.auxData?.type });
      },
    );
    await cdp.send('Runtime.enable');
    await p.goto(url);
    const deadline = Date.now() + 10_000;
    let world = worlds.find((w) => w.type === 'isolated' && w.origin.includes(extensionId));
    while (!world && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      world = worlds.find((w) => w.type === 'isolated' && w.origin.includes(extensionId));
    }
    if (!world) throw new Error(`no content-script world on ${url}: ${JSON.stringify(worlds)}`);
    const replies: unknown[] = [];
    for (const expression of expressions) {
      const reply = (await cdp.send('Runtime.evaluate', {
        expression,
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value?: unknown }; exceptionDetails?: { text: string } };
      replies.push(reply.exceptionDetails ? { exception: reply.exceptionDetails.text } : reply.result.value);
    }
    await cdp.detach();
    await p.close();
    return replies;
  };
  let page: ExtensionPage | null = null;
  return {
    name: 'chromium',
    async extensionPage() {
      if (page) return page;
      const p = await context.newPage();
      await p.goto(`chrome-extension://${extensionId}/popup/popup.html`);
      page = {
        evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) => p.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown),
      };
      return page;
    },
    async newPage(url) {
      const p = await context.newPage();
      await p.goto(url);
      return {
        evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) => p.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown),
        close: () => p.close(),
      };
    },
    async worker() {
      return (await extensionWorker(context)).worker;
    },
    async sendFromContentScript(url, messages) {
      return evaluateInContentScript(
        url,
        messages.map((message) => `chrome.runtime.sendMessage(${JSON.stringify(message)})`),
      );
    },
    evaluateInContentScript,
    async restart() {
      page = null;
      await context.close();
      await start();
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function launchFirefoxFrom(dir: string): Promise<UpdateBrowser> {
  const browser: PuppeteerBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: browserPath('firefox'),
    headless: true,
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }) },
  });
  await browser.installExtension(dir);
  const base = `moz-extension://${FIREFOX_UUID}/`;
  let page: ExtensionPage | null = null;
  return {
    name: 'firefox',
    async extensionPage() {
      if (page) return page;
      // WebDriver BiDi cannot open moz-extension:// pages: use the welcome tab the extension opened.
      let found: PuppeteerPage | null = null;
      for (let attempt = 0; attempt < 100 && !found; attempt++) {
        for (const p of await browser.pages()) {
          const href = await p.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(base)) found = p;
        }
        if (!found) await new Promise((r) => setTimeout(r, 100));
      }
      if (!found) throw new Error('the extension did not open its welcome page in Firefox');
      const p = found;
      page = {
        evaluate: async <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) =>
          (await p.evaluate(fn as (arg: unknown) => unknown, arg as unknown)) as T,
      };
      return page;
    },
    async newPage(url) {
      const p = await browser.newPage();
      await p.goto(url);
      return {
        evaluate: async <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) =>
          (await p.evaluate(fn as (arg: unknown) => unknown, arg as unknown)) as T,
        close: () => p.close(),
      };
    },
    async close() {
      await browser.close();
    },
  };
}
