/**
 * The figures that exist in Firefox too, measured in Firefox ESR (puppeteer-core over WebDriver
 * BiDi): annotation in the page against the bare TreeWalker (figure 1), the matcher in
 * SpiderMonkey (figure 9) and the index load from storage in an extension page (figure 5).
 * Firefox has no CDP, so the trace, heap and main-thread-share figures are Chromium only.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { browserPath } from '../../test/support/installed-browsers';
import type { BenchApi, LoadTimes, Timed } from './page/entry';
import type { StoredJson } from './stored';

const GECKO_ID = 'backstory@backstory.news';
const UUID = '3b0e2c9d-7a41-4f6e-9c15-2d8e6f4a1b93';

export interface FirefoxPageRuns {
  name: string;
  ours: Timed[];
  floor: Timed[];
}

export interface FirefoxResults {
  version: string;
  pages: FirefoxPageRuns[];
  matcher: { aliases: number; mcharPerSecond: number[]; floor: number[]; mentions: number } | null;
  loads: { dataset: string; label: string; load: LoadTimes | null; error?: string }[];
}

type Call = <K extends keyof BenchApi>(
  page: Page,
  method: K,
  ...args: Parameters<BenchApi[K]>
) => Promise<Awaited<ReturnType<BenchApi[K]>>>;
const call: Call = (page, method, ...args) =>
  page.evaluate(
    (m, a) => (window as unknown as { __bench: Record<string, (...x: unknown[]) => unknown> }).__bench[m]?.(...a),
    method,
    args as unknown[],
  ) as never;

async function launch(extensionDir: string | null): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: browserPath('firefox'),
    headless: true,
    // performance.now() is rounded to 1 ms by default (privacy.reduceTimerPrecision): full precision for timing
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }), 'privacy.reduceTimerPrecision': false },
  });
  if (extensionDir) await browser.installExtension(extensionDir);
  return browser;
}

/** Figures 1 and 9 in a Firefox without the extension: the bench bundle injected into each page. */
export async function firefoxInPage(
  bench: string,
  pages: { name: string; url: string }[],
  stored: StoredJson,
  runs: number,
  log: (m: string) => void,
): Promise<FirefoxResults> {
  const browser = await launch(null);
  const out: FirefoxResults = { version: await browser.version(), pages: [], matcher: null, loads: [] };
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    for (const bp of pages) {
      log(`firefox annotate: ${bp.name}`);
      const result: FirefoxPageRuns = { name: bp.name, ours: [], floor: [] };
      for (let r = 0; r < runs; r++) {
        for (const method of r % 2 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const)) {
          await page.goto(bp.url, { waitUntil: 'load' });
          await page.evaluate(bench);
          await new Promise((done) => setTimeout(done, 100));
          result[method].push(method === 'ours' ? await call(page, 'annotate', stored) : await call(page, 'floor'));
        }
      }
      out.pages.push(result);
    }
    log('firefox matcher: 10000 aliases');
    await page.goto(pages[0]?.url ?? 'about:blank', { waitUntil: 'load' });
    await page.evaluate(bench);
    const m = await call(page, 'matcher', 10_000, [1_000_000], runs, false);
    const row = m.sizes['1000000'];
    if (row)
      out.matcher = {
        aliases: m.aliases,
        mcharPerSecond: row.ours.map((t) => 1 / (t / 1000)),
        floor: row.floor.map((t) => 1 / (t / 1000)),
        mentions: row.mentions,
      };
  } finally {
    await browser.close();
  }
  return out;
}

async function welcomePage(browser: Browser): Promise<Page | null> {
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const p of await browser.pages()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`moz-extension://${UUID}/`)) return p;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/**
 * Figure 5 in Firefox: the extension installed from `dir`, the bench bundle evaluated in the
 * welcome page it opens (WebDriver BiDi cannot open moz-extension:// pages itself).
 */
export async function firefoxStorageLoad(
  bench: string,
  dir: string,
  texts: { label: string; text: string | undefined }[],
  reps: number,
): Promise<{ label: string; load: LoadTimes | null; error?: string }[]> {
  const browser = await launch(dir);
  try {
    const page = await welcomePage(browser);
    if (!page) return texts.map(({ label }) => ({ label, load: null, error: 'the extension opened no welcome page' }));
    // the dataset is installed by the background at first start: wait for its head
    for (let attempt = 0; attempt < 200; attempt++) {
      const ready = await page.evaluate(async () => {
        const g = globalThis as unknown as { browser: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
        return (await g.browser.storage.local.get('activeIndex')).activeIndex !== undefined;
      });
      if (ready) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.evaluate(bench);
    const out: { label: string; load: LoadTimes | null; error?: string }[] = [];
    for (const { label, text } of texts) {
      try {
        out.push({ label, load: await call(page, 'storageLoad', reps, text) });
      } catch (error) {
        out.push({ label, load: null, error: String(error).slice(0, 160) });
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}
