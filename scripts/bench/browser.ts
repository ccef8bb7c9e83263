/**
 * The benchmark's Chromium: the shared launcher (test/support/chromium.ts) with flags that
 * keep timers and rendering at full speed, optionally with an extension build loaded, and raw
 * access to playwright's pages and CDP sessions (the e2e harness hides both). Each launch has
 * a fresh profile, so the extension installs its dataset anew.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { extensionWorker, launchChromium } from '../../test/support/chromium';

export interface BenchBrowser {
  context: BrowserContext;
  /** The extension's service worker, when one is loaded. */
  worker: Worker | null;
  extensionId: string | null;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBench(extensionDir: string | null): Promise<BenchBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'backstory-bench-'));
  const args = [
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--enable-precise-memory-info',
  ];
  if (!extensionDir) args.push('--disable-extensions');
  const context = await launchChromium(profile, { extension: extensionDir, viewport: { width: 1280, height: 800 }, args });
  // Saved news pages link to hosts that are not there; refuse them at once so that load
  // times measure the page, not DNS timeouts. Only the local test servers answer.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  let worker: Worker | null = null;
  let extensionId: string | null = null;
  if (extensionDir) {
    ({ worker, extensionId } = await extensionWorker(context));
    const active = worker;
    let failure = '';
    active.on('console', (message) => {
      if (/could not prepare the dataset/i.test(message.text())) failure = message.text();
    });
    // The dataset is installed once the index is in storage.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const ready = await active
        .evaluate(async () => {
          const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } })
            .chrome;
          return (await api.storage.local.get('activeIndex')).activeIndex !== undefined;
        })
        .catch(() => false);
      if (ready) break;
      if (failure) {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
        throw new Error(`the extension could not install its dataset: ${failure}`);
      }
      if (Date.now() > deadline) throw new Error(`the extension in ${extensionDir} did not install its dataset within 120 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Close the welcome tab the extension opens on install.
    for (const page of context.pages()) if (page.url().startsWith('chrome-extension://')) await page.close();
  }
  return {
    context,
    worker,
    extensionId,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Page script (added before any page script runs): records when the first `backstory-*` highlight is registered. */
export const HIGHLIGHT_WATCH = `(() => {
  const w = window;
  w.__highlightsAt = 0;
  const poll = () => {
    if (typeof CSS !== 'undefined' && CSS.highlights) {
      for (const key of CSS.highlights.keys()) if (key.startsWith('backstory-')) { w.__highlightsAt = performance.now(); return; }
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;

/**
 * When the first highlight was registered (page time, ms), or NaN if none was within
 * `timeoutMs`. Polls with a plain evaluate: playwright's waitForFunction would inject its
 * large helper script into the page during the traced load, a 13 ms task that is not ours.
 */
export async function waitForHighlights(page: Page, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = await page.evaluate(() => (window as unknown as { __highlightsAt: number }).__highlightsAt);
    if (at > 0) return at;
    if (Date.now() > deadline) return NaN;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
