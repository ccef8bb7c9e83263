/**
 * Helpers for the popup and options end-to-end tests, on top of browsers.ts (which stays
 * untouched): open the popup for a chosen article tab, open the options page, run axe-core,
 * and take a cropped screenshot.
 *
 * Why `popup.html?tab=<id>`: the harness opens the popup as an ordinary tab (in Firefox it
 * navigates the extension's welcome tab, because WebDriver BiDi cannot open moz-extension://
 * pages), so "the active tab" would be the popup itself. The popup reads `?tab=` only to pick
 * its target (src/popup/target-tab.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { waitFor, type ExtensionBrowser, type TestPage } from './browsers';

interface TabsApi {
  tabs: { query(filter: object): Promise<{ id?: number; url?: string; active?: boolean }[]> };
}

/** Navigates an extension page to another extension page (BiDi cannot goto moz-extension://). */
export async function navigateExtensionPage(page: TestPage, path: string): Promise<void> {
  await page.evaluate((target) => {
    location.href = new URL(target, location.origin).href;
  }, path);
  const [pathname, search = ''] = path.split('?');
  await waitFor(`${path} to load`, () =>
    page.evaluate(
      (want) =>
        location.pathname === want.pathname &&
        location.search === want.search &&
        document.readyState === 'complete' &&
        document.querySelector('main') !== null,
      { pathname, search: search ? `?${search}` : '' },
    ),
  );
}

/**
 * The popup, pointed at the tab of `article` (showing `articleUrl`). Firefox lets the popup
 * read every tab's URL (the content scripts' host permissions); Chromium does not, so there
 * the article is brought to the front and the popup takes the active tab, and the host name
 * is passed along (see src/popup/target-tab.ts).
 */
export async function openPopupFor(browser: ExtensionBrowser, article: TestPage, articleUrl: string, popup?: TestPage): Promise<TestPage> {
  const page = popup ?? (await browser.openPopup());
  if (browser.name === 'chromium') await article.bringToFront();
  const tabId = await waitFor(`the tab of ${articleUrl}`, () =>
    page.evaluate(async (url) => {
      const api = globalThis as unknown as { browser?: TabsApi; chrome?: TabsApi };
      const tabs = (await (api.browser ?? api.chrome)?.tabs.query({})) ?? [];
      const byUrl = tabs.find((tab) => tab.url === url);
      if (byUrl) return byUrl.id ?? null;
      const active = tabs.filter((tab) => tab.active && tab.url === undefined);
      return active.length === 1 ? (active[0]?.id ?? null) : null;
    }, articleUrl),
  );
  await navigateExtensionPage(page, `/popup/popup.html?tab=${tabId}&host=${new URL(articleUrl).hostname}`);
  return page;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Injects axe-core and runs it on the whole document. The source is handed to the driver as
 * the function's text, so it runs through DevTools' evaluate and not through the page's
 * `eval`, which extension pages' CSP forbids.
 */
export async function runAxe(page: TestPage, options: object = {}): Promise<AxeViolation[]> {
  const inject = (): boolean => false;
  inject.toString = () => `() => { ${axeSource}\n; return typeof window.axe === 'object'; }`;
  expectTrue(await page.evaluate(inject, null), 'axe-core was not injected');
  return page.evaluate(async (runOptions) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], ...runOptions });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  }, options);
}

function expectTrue(value: boolean, message: string): void {
  if (!value) throw new Error(message);
}

/**
 * Saves a screenshot of the element matching `selector` only. Chromium's TestPage passes the
 * options straight to Playwright, which understands `clip`.
 */
export async function screenshotElement(page: TestPage, selector: string, path: string): Promise<void> {
  const box = await page.evaluate((sel) => {
    const rect = document.querySelector(sel)?.getBoundingClientRect();
    return rect ? { x: rect.x, y: rect.y, width: Math.ceil(rect.width), height: Math.ceil(rect.height) } : null;
  }, selector);
  if (!box) throw new Error(`no ${selector} to screenshot`);
  const options = { path, clip: box, fullPage: true };
  await page.screenshot(options);
}
