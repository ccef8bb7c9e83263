/**
 * Touch readers on a phone-sized screen (390 × 844), in both browsers: a tap on a name opens
 * its card as a sheet across the screen that leaves the name uncovered; a tap elsewhere, the
 * close button or Escape closes it; the first tap on a name inside a link opens the card and
 * follows no link, and the second tap follows it. Chromium runs a mobile viewport (isMobile,
 * hasTouch); Firefox a 390 × 844 window whose taps are WebDriver BiDi touch actions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_NAMES, PHONE_VIEWPORT, launch, waitFor, type ClientBox, type ExtensionBrowser, type TestPage } from './browsers';
import { startServer, type TestServer } from '../support/static-server';

const hasPersonHighlight = (): boolean => CSS.highlights.has('backstory-person');

/** The client rect of the highlighted `text` after the page is scrolled so it sits `at` (0: top, 1: bottom) of the window. */
function placeName(arg: { text: string; at: number }): ClientBox | null {
  for (const range of CSS.highlights.get('backstory-person') ?? []) {
    if (!(range instanceof Range) || range.toString() !== arg.text) continue;
    const before = range.getBoundingClientRect();
    window.scrollBy({ top: before.top - window.innerHeight * arg.at, behavior: 'instant' });
    const r = range.getBoundingClientRect();
    return { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height };
  }
  return null;
}

/** What the reader's finger would touch at the centre of `box`: true when it is Backstory's card. */
function cardAt(box: ClientBox): boolean {
  const element = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return element?.localName === 'backstory-card';
}

const viewport = (): { width: number; height: number } => ({ width: document.documentElement.clientWidth, height: window.innerHeight });

const centre = (box: ClientBox): { x: number; y: number } => ({ x: box.left + box.width / 2, y: box.top + box.height / 2 });

describe.each(BROWSER_NAMES)('touch readers in %s', (name) => {
  let server: TestServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch(name, { touch: true, viewport: PHONE_VIEWPORT });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function article(): Promise<TestPage> {
    const page = await browser.newPage(server.url('touch.html'));
    await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
    return page;
  }

  /** The card's text once it starts with `start`. */
  const cardStarting = (page: TestPage, start: string): Promise<string> =>
    waitFor(`a card starting "${start}"`, async () => {
      const text = (await browser.cardText(page))?.replace(/\s+/g, ' ').trim();
      return text?.startsWith(start) ? text : null;
    });

  const cardClosed = (page: TestPage, how: string): Promise<boolean> =>
    waitFor(`the card to close (${how})`, async () => ((await browser.cardText(page)) ?? '').trim() === '');

  /** Taps the name scrolled to `at` (0: top, 1: bottom of the window) and returns its box as tapped. */
  async function tapName(page: TestPage, text: string, at: number): Promise<ClientBox> {
    const box = await page.evaluate(placeName, { text, at });
    if (!box) throw new Error(`"${text}" is not highlighted`);
    const { x, y } = centre(box);
    await page.touchscreen.tap(x, y);
    return box;
  }

  it('opens the card of a tapped name as a sheet across the bottom of the screen, inside it, leaving the name uncovered', async () => {
    const page = await article();
    const expectedViewport = await page.evaluate(viewport, null);
    const name = await tapName(page, 'Steve Witkoff', 0.15);
    const text = await cardStarting(page, 'Steve Witkoff');
    expect(text).toMatch(/^Steve Witkoff People (as of [^:]+: )?US Special Envoy/);
    // A name outside any link: no line about following one.
    expect(text).not.toContain('Tap the name again');
    const sheet = await browser.shadowBox(page, '.card');
    if (!sheet) throw new Error('no card box');
    // Across the whole width, resting on the bottom edge, at most 60 % of the height.
    expect(sheet.left).toBeCloseTo(0, 0);
    expect(sheet.right).toBeCloseTo(expectedViewport.width, 0);
    expect(sheet.bottom).toBeCloseTo(expectedViewport.height, 0);
    expect(sheet.top).toBeGreaterThanOrEqual(0);
    expect(sheet.height).toBeLessThanOrEqual(expectedViewport.height * 0.6 + 1);
    // The name stays where it was tapped, above the sheet, and a finger there touches the name.
    expect(sheet.top).toBeGreaterThanOrEqual(name.bottom);
    expect(await page.evaluate(cardAt, name)).toBe(false);
    expect(await page.evaluate(cardAt, sheet)).toBe(true);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('puts the sheet along the top edge for a name in the lower part of the screen, clear of the name', async () => {
    const page = await article();
    const name = await tapName(page, 'Rustem Umerov', 0.8);
    expect(await cardStarting(page, 'Rustem Umerov')).toMatch(/^Rustem Umerov People/);
    const sheet = await browser.shadowBox(page, '.card');
    if (!sheet) throw new Error('no card box');
    expect(sheet.top).toBeCloseTo(0, 0);
    expect(sheet.bottom).toBeLessThanOrEqual(name.top);
    expect(await page.evaluate(cardAt, name)).toBe(false);
    // The page did not move under the reader's finger.
    const now = await page.evaluate(placeName, { text: 'Rustem Umerov', at: 0.8 });
    expect(now?.top).toBeCloseTo(name.top, 0);
    await page.close();
  });

  it('closes the card on a tap elsewhere on the page, on its close button, and on Escape', async () => {
    const page = await article();
    await tapName(page, 'Steve Witkoff', 0.15);
    await cardStarting(page, 'Steve Witkoff');
    // A tap on the headline, where there is no name.
    const headline = await page.evaluate(() => {
      const r = document.querySelector('h1')?.getBoundingClientRect();
      return r ? { x: r.left + 20, y: r.top + r.height / 2 } : null;
    }, null);
    if (!headline) throw new Error('no headline');
    await page.touchscreen.tap(headline.x, headline.y);
    await cardClosed(page, 'a tap elsewhere');

    await tapName(page, 'Steve Witkoff', 0.15);
    await cardStarting(page, 'Steve Witkoff');
    const close = await browser.shadowBox(page, 'button.close');
    if (!close) throw new Error('no close button');
    // A finger-sized target.
    expect(Math.min(close.width, close.height)).toBeGreaterThanOrEqual(44);
    const { x, y } = centre(close);
    await page.touchscreen.tap(x, y);
    await cardClosed(page, 'the close button');

    await tapName(page, 'Steve Witkoff', 0.15);
    await cardStarting(page, 'Steve Witkoff');
    await page.keyboard.press('Escape');
    await cardClosed(page, 'Escape');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('opens the card on the first tap on a linked name without following the link, and follows it on the second tap', async () => {
    const page = await article();
    const articleUrl = server.url('touch.html');
    const name = await tapName(page, 'Marco Rubio', 0.3);
    expect(await cardStarting(page, 'Tap the name again to open the link')).toMatch(
      /^Tap the name again to open the link Marco Rubio People (as of [^:]+: )?US Secretary of State/,
    );
    // The click that opened the card has been dispatched: had the browser begun to follow the
    // link, the page's Navigation API would have told it so during that dispatch.
    expect(await page.evaluate(() => (window as unknown as { __navigations: string[] }).__navigations, null)).toEqual([]);
    expect(await page.evaluate(() => location.href, null)).toBe(articleUrl);
    // The sheet leaves the name where it was, so the second tap lands on it.
    expect(await page.evaluate(cardAt, name)).toBe(false);
    const { x, y } = centre(name);
    await page.touchscreen.tap(x, y);
    await waitFor('the linked page', () =>
      page.evaluate(() => location.pathname === '/touch-linked.html' && document.readyState !== 'loading', null),
    );
    expect(await page.evaluate(() => document.querySelector('h1')?.textContent, null)).toBe('Profile: the Secretary of State');
    await page.close();
  });
});
