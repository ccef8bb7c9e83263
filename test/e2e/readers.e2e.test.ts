/**
 * Readers other than a mouse on a light desktop page: the page zoomed to 200 % (a 1280 × 800
 * window is then 640 × 400 CSS pixels) and the card on a dark page, in both browsers; and, in
 * Chromium, where DevTools
 * shows what assistive technology gets, the live region keyboard navigation speaks through
 * (read from the accessibility tree), the card on a dark page and on a light panel inside it,
 * forced colours, axe-core on the dark card and the bottom sheet, and the popup and options
 * page at 360 px wide (Firefox's extension pages are tabs the extension opens itself, which
 * the harness cannot resize). Last, `web-ext lint` on the Firefox build that Firefox for Android also runs.
 *
 * Chromium's part launches its own context rather than going through browsers.ts, because it
 * needs Playwright's media emulation and raw DevTools sessions.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contrastRatio, parseComputedColor, relativeLuminance } from '../../src/content/page-scheme';
import { extensionWorker, launchChromium } from '../support/chromium';
import { startServer, type TestServer } from '../support/static-server';
import {
  BROWSER_NAMES,
  DIST,
  PHONE_VIEWPORT,
  findNode,
  inCardShadow,
  launch,
  waitFor,
  type CdpNode,
  type ClientBox,
  type ExtensionBrowser,
} from './browsers';

/** The client rect of the first highlighted `text` after scrolling it to `at` (0: top, 1: bottom) of the window. */
function placeName(arg: { highlight: string; text: string; at: number }): ClientBox | null {
  for (const range of CSS.highlights.get(arg.highlight) ?? []) {
    if (!(range instanceof Range) || range.toString() !== arg.text) continue;
    const before = range.getBoundingClientRect();
    window.scrollBy({ top: before.top - window.innerHeight * arg.at, behavior: 'instant' });
    const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height };
  }
  return null;
}

const hasPersonHighlight = (): boolean => CSS.highlights.has('backstory-person');

/** Whether the page scrolls sideways: its content wider than the window. */
const overflowsSideways = (): { scrollWidth: number; clientWidth: number } => ({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
});

describe.each(BROWSER_NAMES)('readers in %s', (name) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  describe('in a 1280 × 800 window at 200 % zoom (640 × 400 CSS pixels)', () => {
    let browser: ExtensionBrowser;

    beforeAll(async () => {
      browser = await launch(name, { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('keeps every card inside the window, beside its name, wherever the name is on screen', async () => {
      const page = await browser.newPage(server.url('dark.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
      const viewport = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: window.innerHeight }), null);
      expect(viewport.width).toBeLessThanOrEqual(640);
      for (const [text, at] of [
        ['Steve Witkoff', 0.05],
        ['Marco Rubio', 0.5],
        ['Rustem Umerov', 0.92],
      ] as const) {
        const box = await page.evaluate(placeName, { highlight: 'backstory-person', text, at });
        if (!box) throw new Error(`${text} is not highlighted`);
        await page.mouse.click(box.left + Math.min(box.width, 20) / 2, box.top + box.height / 2);
        await waitFor(`${text}'s card`, async () => ((await browser.cardText(page)) ?? '').includes(text));
        const card = await browser.shadowBox(page, '.card');
        if (!card) throw new Error('no card box');
        expect(card.left, text).toBeGreaterThanOrEqual(0);
        expect(card.top, text).toBeGreaterThanOrEqual(0);
        expect(card.right, text).toBeLessThanOrEqual(viewport.width);
        expect(card.bottom, text).toBeLessThanOrEqual(viewport.height);
        // Beside the name, not over it.
        expect(card.bottom <= box.top || card.top >= box.bottom, `${text}'s card covers the name`).toBe(true);
        await page.keyboard.press('Escape');
        await waitFor('the card to close', async () => ((await browser.cardText(page)) ?? '').trim() === '');
      }
      expect(page.errors).toEqual([]);
      await page.close();
    });

    it('gives a card on a dark page dark colours, and one on a light panel inside that page light ones', async () => {
      const page = await browser.newPage(server.url('dark.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
      // "In this story" opens the card: it scrolls the name into view itself.
      const colours = async (text: string, entityId: string): Promise<{ background: number; text: number }> => {
        expect(await browser.sendToTab(page, { type: 'revealEntity', entityId })).toEqual({ done: true });
        await waitFor(`${text}'s card`, async () => ((await browser.cardText(page)) ?? '').includes(text));
        const style = await browser.shadowStyle(page, '.card', ['background-color', 'color']);
        const background = parseComputedColor(style?.['background-color'] ?? '');
        const color = parseComputedColor(style?.color ?? '');
        if (!background || !color) throw new Error(`unreadable card colours: ${JSON.stringify(style)}`);
        await page.keyboard.press('Escape');
        await waitFor('the card to close', async () => ((await browser.cardText(page)) ?? '').trim() === '');
        return { background: relativeLuminance(background), text: relativeLuminance(color) };
      };
      const dark = await colours('Steve Witkoff', 'steve-witkoff');
      expect(dark.background).toBeLessThan(0.05);
      expect(contrastRatio(dark.text, dark.background)).toBeGreaterThanOrEqual(7);
      const light = await colours('Andriy Yermak', 'andriy-yermak');
      expect(light.background).toBeGreaterThan(0.9);
      expect(contrastRatio(light.text, light.background)).toBeGreaterThanOrEqual(7);
      await page.close();
    });
  });
});

/** An accessibility tree node as Chromium's DevTools protocol gives it. */
interface AXNode {
  nodeId: string;
  ignored: boolean;
  role?: { value?: unknown };
  name?: { value?: unknown };
  properties?: { name: string; value: { value?: unknown } }[];
  childIds?: string[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('readers in chromium, through DevTools', () => {
  let server: TestServer;
  let context: BrowserContext;
  let worker: Worker;
  let extensionId: string;
  let profile: string;

  beforeAll(async () => {
    server = await startServer();
    profile = mkdtempSync(join(tmpdir(), 'backstory-readers-'));
    context = await launchChromium(profile, { extension: join(DIST, 'chrome'), viewport: { width: 1280, height: 800 } });
    ({ worker, extensionId } = await extensionWorker(context));
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await server?.close();
  });

  async function open(path: string, on: BrowserContext = context): Promise<Page> {
    const page = await on.newPage();
    await page.goto(server.url(path));
    await waitFor('highlights', () => page.evaluate(hasPersonHighlight));
    return page;
  }

  /** Runs `fn` (a function's source, given the element) on `selector` in the card's shadow root; its JSON result. */
  async function inCard<T>(page: Page, selector: string, fn: string): Promise<T | null> {
    const json = await inCardShadow(page, selector, `(element) => JSON.stringify((${fn})(element))`);
    return json === null ? null : (JSON.parse(json) as T);
  }

  /** The markup of everything in the card's shadow root, its style sheet included. */
  async function cardMarkup(page: Page): Promise<string> {
    const cdp = await page.context().newCDPSession(page);
    try {
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
      const shadow = findNode(root, (n) => n.localName === 'backstory-card')?.shadowRoots?.[0];
      const parts: string[] = [];
      for (const child of shadow?.children ?? []) {
        if (child.nodeId === undefined) continue;
        parts.push(((await cdp.send('DOM.getOuterHTML', { nodeId: child.nodeId })) as { outerHTML: string }).outerHTML);
      }
      return parts.join('');
    } finally {
      await cdp.detach();
    }
  }

  /** axe-core's WCAG 2.2 AA violations in the card, checked on a page of its own (axe cannot enter a closed shadow root). */
  async function axeOnCard(page: Page): Promise<string[]> {
    const markup = await cardMarkup(page);
    expect(markup).toContain('class="card');
    const copy = await page.context().newPage();
    await copy.setViewportSize(page.viewportSize() ?? { width: 1280, height: 800 });
    await copy.setContent(
      `<!doctype html><html lang="en"><head><title>Backstory card</title></head><body><main>${markup}</main></body></html>`,
    );
    await copy.evaluate(axeSource);
    const violations = await copy.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> };
        }
      ).axe;
      const result = await axe.run(document, {
        resultTypes: ['violations'],
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
    await copy.close();
    return violations;
  }

  /** Clicks the highlighted `text` (scrolled to a third of the way down; in `paragraph`, an id, when given) and waits for its card. */
  async function openCard(page: Page, text: string, paragraph: string | null = null): Promise<ClientBox> {
    // Only names near the window are drawn: bring the paragraph there first.
    if (paragraph)
      await page.evaluate((id) => document.getElementById(id)?.scrollIntoView({ block: 'center', behavior: 'instant' }), paragraph);
    const box = await waitFor(`${text} to be drawn`, () => page.evaluate(placeName, { highlight: 'backstory-person', text, at: 0.3 }));
    await page.mouse.click(box.left + Math.min(box.width, 20) / 2, box.top + box.height / 2);
    await waitFor(`${text}'s card`, () => inCard<string>(page, '.card .name', '(e) => e.textContent').then((t) => t === text));
    return box;
  }

  const cardColours = (page: Page): Promise<{ background: string; color: string; theme: string | null } | null> =>
    inCard(
      page,
      '.card',
      '(e) => ({ background: getComputedStyle(e).backgroundColor, color: getComputedStyle(e).color, theme: e.parentElement.getAttribute("data-theme") })',
    );

  function luminanceOf(value: string | undefined): number {
    const color = parseComputedColor(value ?? '');
    if (!color) throw new Error(`not a colour: ${value}`);
    return relativeLuminance(color);
  }

  /** The text of every polite status region in the page's accessibility tree, as a screen reader gets it. */
  async function politeStatusTexts(page: Page): Promise<string[]> {
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('Accessibility.enable');
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
      const byId = new Map(nodes.map((n) => [n.nodeId, n]));
      const textOf = (node: AXNode | undefined): string => {
        if (!node) return '';
        if (node.role?.value === 'StaticText') return String(node.name?.value ?? '');
        return (node.childIds ?? []).map((id) => textOf(byId.get(id))).join('');
      };
      return nodes
        .filter(
          (n) => !n.ignored && n.role?.value === 'status' && n.properties?.some((p) => p.name === 'live' && p.value.value === 'polite'),
        )
        .map((n) => textOf(n));
    } finally {
      await cdp.detach();
    }
  }

  it('shows the popup and the options page on a 360 px wide phone with nothing cut off at the side', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['popup/popup.html', 'options/options.html']) {
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      await waitFor(`${path} to render`, () => page.evaluate(() => document.querySelector('main h1, main h2') !== null));
      const width = await page.evaluate(overflowsSideways);
      expect(width.clientWidth, path).toBeLessThanOrEqual(360);
      expect(width.scrollWidth, path).toBeLessThanOrEqual(width.clientWidth);
      // Every control is within reach without scrolling sideways.
      const outside = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, button, a, textarea')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.left < 0 || r.right > document.documentElement.clientWidth);
          })
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(outside, path).toEqual([]);
    }
    await page.close();
  });

  it('announces each mention, its role and its place through a polite live region, as the accessibility tree shows', async () => {
    const page = await open('seed.html');
    const total = await page.evaluate(() => {
      let n = 0;
      for (const name of ['backstory-person', 'backstory-proposal', 'backstory-organization', 'backstory-place'])
        n += CSS.highlights.get(name)?.size ?? 0;
      return n;
    });
    await page.bringToFront();
    await worker.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: object): Promise<unknown> } };
        }
      ).chrome;
      const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) throw new Error('no active tab');
      await api.tabs.sendMessage(tab.id, { type: 'startNavigation' });
    });
    // Move on until a mention whose card shows a role (a place has none): the announcement says
    // the name, that role as the card words it, and the mention's place among all of them.
    let checkedRole = false;
    let previous = '';
    for (let index = 1; index <= total && !checkedRole; index++) {
      if (index > 1) await page.keyboard.press('Tab');
      const spoken = await waitFor(
        `announcement ${index}`,
        async () => (await politeStatusTexts(page)).find((t) => t.endsWith(`, ${index} of ${total}`)) ?? null,
      );
      expect(spoken).not.toBe(previous);
      previous = spoken;
      const name = (await inCard<string>(page, '.card .name', '(e) => e.textContent')) ?? '';
      expect(name).not.toBe('');
      expect(spoken.startsWith(`${name}, `)).toBe(true);
      const role = await inCard<string>(page, '.card .role', '(e) => e.textContent');
      if (role === null) continue;
      const spokenRole = spoken.slice(name.length + 2, spoken.lastIndexOf(`, ${index} of`));
      expect(spokenRole).not.toBe('');
      expect(role).toContain(spokenRole);
      checkedRole = true;
    }
    expect(checkedRole).toBe(true);
    await page.keyboard.press('Escape');
    await waitFor('the region to fall silent', async () => (await politeStatusTexts(page)).every((t) => t === ''));
    await page.close();
  });

  it('has no axe-core violations in a card on a dark page, nor in one on a light panel inside it', async () => {
    const page = await open('dark.html');
    await openCard(page, 'Steve Witkoff');
    expect((await cardColours(page))?.theme).toBe('dark');
    expect(await axeOnCard(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await openCard(page, 'Andriy Yermak', 'panel');
    expect((await cardColours(page))?.theme).toBe('light');
    expect(await axeOnCard(page)).toEqual([]);
    await page.close();
  });

  it('gives a card on a light page light colours even when the system prefers dark', async () => {
    const page = await open('seed.html');
    await page.emulateMedia({ colorScheme: 'dark' });
    await openCard(page, 'Steve Witkoff');
    const colours = await cardColours(page);
    expect(colours?.theme).toBe('light');
    expect(luminanceOf(colours?.background)).toBeGreaterThan(0.9);
    await page.close();
  });

  it('keeps underlines visible on a dark page, and uses system colours under forced colours', async () => {
    const page = await open('dark.html');
    // Chromium resolves a highlight's own style for getComputedStyle(element, '::highlight(name)').
    const underline = (): { decoration: string; page: string } => {
      const p = document.getElementById('witkoff');
      if (!p) throw new Error('no paragraph');
      return {
        decoration: getComputedStyle(p, '::highlight(backstory-underline-person)').textDecorationColor,
        page: getComputedStyle(document.body).backgroundColor,
      };
    };
    const normal = await page.evaluate(underline);
    expect(contrastRatio(luminanceOf(normal.decoration), luminanceOf(normal.page))).toBeGreaterThanOrEqual(3);
    await page.emulateMedia({ forcedColors: 'active' });
    const system = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'Highlight';
      document.body.append(probe);
      const highlight = getComputedStyle(probe).color;
      probe.style.color = 'CanvasText';
      const canvasText = getComputedStyle(probe).color;
      probe.remove();
      return { highlight, canvasText };
    });
    // What the style sheet asks for. Chromium itself paints every custom highlight in the
    // system's Highlight colours under forced colours, whatever the style says
    // (assets/screenshots/forced-colors-chromium.png): visible, but the keyboard focus then
    // looks like any other name, and the open card and the announcement say which one it is.
    const forced = await page.evaluate(underline);
    expect(forced.decoration).toBe(system.highlight);
    await openCard(page, 'Steve Witkoff');
    const border = await inCard<{ width: string; color: string }>(
      page,
      '.card',
      '(e) => ({ width: getComputedStyle(e).borderTopWidth, color: getComputedStyle(e).borderTopColor })',
    );
    expect(border).toEqual({ width: '2px', color: system.canvasText });
    await page.close();
  });

  it('has no axe-core violations in the bottom sheet on a 390 × 844 touch screen', async () => {
    const phoneProfile = mkdtempSync(join(tmpdir(), 'backstory-readers-phone-'));
    const phone = await launchChromium(phoneProfile, { extension: join(DIST, 'chrome'), viewport: PHONE_VIEWPORT, touch: true });
    try {
      await extensionWorker(phone);
      const page = await open('touch.html', phone);
      const box = await page.evaluate(placeName, { highlight: 'backstory-person', text: 'Steve Witkoff', at: 0.15 });
      if (!box) throw new Error('Steve Witkoff is not highlighted');
      await page.touchscreen.tap(box.left + box.width / 2, box.top + box.height / 2);
      await waitFor('the sheet', () =>
        inCard<boolean>(page, '.layer', '(e) => e.classList.contains("sheet") && e.querySelector(".card") !== null'),
      );
      expect(await axeOnCard(page)).toEqual([]);
    } finally {
      await phone.close();
      rmSync(phoneProfile, { recursive: true, force: true });
    }
  });
});

describe('the Firefox build, as Firefox for Android runs it', () => {
  it('passes web-ext lint with no errors, and warns only about the libraries’ unused code', () => {
    const webExt = resolve(import.meta.dirname, '../../node_modules/.bin/web-ext');
    const run = spawnSync(webExt, ['lint', '--source-dir', join(DIST, 'firefox'), '--output', 'json', '--no-config-discovery'], {
      encoding: 'utf8',
    });
    const report = z
      .object({
        summary: z.object({ errors: z.number(), warnings: z.number() }),
        errors: z.array(z.object({ code: z.string() })),
        warnings: z.array(z.object({ code: z.string(), file: z.string().optional() })),
      })
      .parse(JSON.parse(run.stdout));
    expect(report.errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // Preact's innerHTML support and zod's guarded `new Function` probe, neither of them called.
    expect(new Set(report.warnings.map((w) => w.code))).toEqual(new Set(['UNSAFE_VAR_ASSIGNMENT', 'DANGEROUS_EVAL']));
  }, 120_000);
});
