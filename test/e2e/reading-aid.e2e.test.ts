/**
 * The reading aid, in both browsers: with it on, a button named "About <name>" follows the first
 * mention of each name in each paragraph and the body changes by those buttons only; Enter, Space
 * or a click opens the card as a non-modal dialog with focus in it, and Escape or the close button
 * gives focus back; switching the mode off removes every button at once, with no reload; a React
 * 19 page hydrates with no warning and keeps correct text and its buttons through re-renders;
 * axe-core finds nothing. In Chromium, the accessibility tree shows the buttons and the dialog.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_NAMES, launch, storeSettings, waitFor, type ExtensionBrowser, type TestPage } from './browsers';
import { runAxe } from './popup-harness';
import { writeReactPage } from './generated-pages';
import { FIXTURES_DIR, startServer, type TestServer } from '../support/static-server';
import { Briefing } from '../fixtures/react/briefing';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

const SCREENSHOT = resolve(import.meta.dirname, '../../assets/screenshots/reading-aid-chromium.png');

/** The React briefing, rendered on the server and hydrated by a bundle built here. */
async function writeBriefingPage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-aid-'));
  await writeReactPage(dir, {
    client: join(FIXTURES_DIR, 'react/briefing-client.ts'),
    script: 'briefing.js',
    page: 'briefing.html',
    title: 'Briefing',
    markup: renderToString(h(Briefing, { lead: 'Rustem Umerov' })),
    root: 'main',
  });
  return dir;
}

/**
 * Each paragraph with an id, as text with "[aid:<label>]" where a reading aid's button stands,
 * and the buttons' count.
 */
function aidsInPage(): { paragraphs: Record<string, string>; count: number } {
  const read = (node: Node): string => {
    let out = '';
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out += (child as Text).data;
      else if (child instanceof Element && child.localName === 'backstory-aid') {
        out += `[aid:${child.shadowRoot?.querySelector('button')?.getAttribute('aria-label') ?? '?'}]`;
      } else out += read(child);
    }
    return out;
  };
  const paragraphs: Record<string, string> = {};
  for (const p of document.querySelectorAll('p[id]')) paragraphs[p.id] = read(p);
  return { paragraphs, count: document.querySelectorAll('backstory-aid').length };
}

/**
 * Whether the body, with our buttons taken out, serialises as the page the server sent, and each
 * paragraph has as many child nodes as it had then (the text nodes we split are joined again).
 */
async function bodyAsServed(): Promise<{ same: boolean; sameNodes: boolean }> {
  const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
  const now = document.body.outerHTML.replace(/<backstory-aid\b[^>]*><\/backstory-aid>/g, '');
  const counts = (doc: Document): string => [...doc.querySelectorAll('p')].map((p) => p.childNodes.length).join(',');
  return { same: now === served.body.outerHTML, sameNodes: counts(document) === counts(served) };
}

const focusedTag = (): string | null => document.activeElement?.localName ?? null;

/** The centre of the `index`th button, scrolled into view. */
function aidCentre(index: number): { x: number; y: number } | null {
  const host = document.querySelectorAll('backstory-aid')[index];
  if (!host) return null;
  host.scrollIntoView({ block: 'center', behavior: 'instant' });
  const r = host.getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
}

const ARTICLE = {
  first:
    'US special envoy Steve Witkoff[aid:About Steve Witkoff] met Rustem Umerov[aid:About Rustem Umerov] on Sunday. Witkoff brought a shorter draft, and Steve Witkoff told reporters it was “a start”.',
  second:
    'The talks were opened by Secretary of State Marco Rubio[aid:About Marco Rubio], who spoke to Steve Witkoff[aid:About Steve Witkoff] by phone afterwards.',
  third: 'No date was set for another round. Umerov[aid:About Umerov] said his delegation would report to Kyiv first.',
};

describe.each(BROWSER_NAMES)('the reading aid in %s', (name) => {
  let pages: TestServer;
  let react: TestServer;
  let browser: ExtensionBrowser;
  let popup: TestPage;

  const setReadingAid = (on: boolean): Promise<void> => storeSettings(popup, { ...DEFAULT_SETTINGS, readingAid: on });

  beforeAll(async () => {
    pages = await startServer();
    react = await startServer(await writeBriefingPage());
    browser = await launch(name);
    popup = await browser.openPopup();
    await setReadingAid(true);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pages?.close(), react?.close()]);
  });

  async function article(): Promise<TestPage> {
    const page = await browser.newPage(pages.url('reading-aid.html'));
    await waitFor('the reading aid’s buttons', () => page.evaluate(() => document.querySelectorAll('backstory-aid').length === 5, null));
    return page;
  }

  const cardStarting = (page: TestPage, start: string): Promise<string> =>
    waitFor(`a card starting "${start}"`, async () => {
      const text = (await browser.cardText(page))?.replace(/\s+/g, ' ').trim();
      return text?.startsWith(start) ? text : null;
    });

  const cardClosed = (page: TestPage): Promise<boolean> =>
    waitFor('the card to close', async () => ((await browser.cardText(page)) ?? '').trim() === '');

  it('puts a button named "About <name>" after the first mention of each name in each paragraph, after a link, and changes the body by nothing else', async () => {
    const page = await article();
    expect((await page.evaluate(aidsInPage, null)).paragraphs).toEqual(ARTICLE);
    expect(await page.evaluate(bodyAsServed, null)).toEqual({ same: true, sameNodes: false });
    // The page's rules hide every button and our tag; ours stays on screen.
    expect(await page.evaluate(aidCentre, 0)).not.toBeNull();
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('opens the card as a dialog with focus in it on Enter, Space and a click, and gives focus back on Escape and the close button', async () => {
    const page = await article();
    await page.evaluate(() => (document.querySelector('backstory-aid') as HTMLElement).focus(), null);
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.localName ?? null, null)).toBe('button');
    await page.keyboard.press('Enter');
    expect(await cardStarting(page, 'Steve Witkoff')).toMatch(/US Special Envoy/);
    await waitFor('focus in the card', async () => (await page.evaluate(focusedTag, null)) === 'backstory-card');
    await page.keyboard.press('Escape');
    await cardClosed(page);
    const firstAidFocused = (): boolean => document.activeElement === document.querySelector('backstory-aid');
    await waitFor('focus back on the button', () => page.evaluate(firstAidFocused, null));

    await page.keyboard.press('Space');
    await cardStarting(page, 'Steve Witkoff');
    await waitFor('focus in the card', async () => (await page.evaluate(focusedTag, null)) === 'backstory-card');
    const close = await browser.shadowBox(page, '.close');
    if (!close) throw new Error('no close button');
    await page.mouse.click(close.left + close.width / 2, close.top + close.height / 2);
    await cardClosed(page);
    await waitFor('focus back on the button', () => page.evaluate(firstAidFocused, null));

    const second = await page.evaluate(aidCentre, 1);
    if (!second) throw new Error('no second button');
    await page.mouse.click(second.x, second.y);
    expect(await cardStarting(page, 'Rustem Umerov')).toMatch(/Rustem Umerov People/);
    await waitFor('focus in the card', async () => (await page.evaluate(focusedTag, null)) === 'backstory-card');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('removes every button and joins the text again when the mode is switched off, and puts them back when it is switched on, with no reload', async () => {
    const page = await article();
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    }, null);
    await setReadingAid(false);
    await waitFor('no buttons', async () => (await page.evaluate(aidsInPage, null)).count === 0);
    expect(await page.evaluate(bodyAsServed, null)).toEqual({ same: true, sameNodes: true });
    await setReadingAid(true);
    await waitFor('the buttons again', async () => (await page.evaluate(aidsInPage, null)).count === 5);
    expect((await page.evaluate(aidsInPage, null)).paragraphs).toEqual(ARTICLE);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument, null)).toBe(true);
    await page.close();
  });

  it('lets a React 19 page hydrate with no warning, and keeps its text right and its buttons through a re-render', async () => {
    const page = await browser.newPage(react.url('briefing.html'));
    await waitFor('the buttons', async () => (await page.evaluate(aidsInPage, null)).count === 4);
    expect(await page.evaluate(() => (window as unknown as { __hydrated?: boolean }).__hydrated, null)).toBe(true);
    expect((await page.evaluate(aidsInPage, null)).paragraphs).toEqual({
      lead: 'Rustem Umerov[aid:About Rustem Umerov] met Steve Witkoff[aid:About Steve Witkoff] in Geneva on Sunday.',
      quote: 'Rustem Umerov[aid:About Rustem Umerov] spoke first. Steve Witkoff[aid:About Steve Witkoff] agreed.',
    });
    expect(await page.evaluate(bodyAsServed, null)).toEqual({ same: true, sameNodes: false });
    // React writes the new name into the text nodes it rendered; by the next frame the page shows
    // exactly React's text, with nothing left over from a split.
    const firstFrame = await page.evaluate(async () => {
      (document.getElementById('swap') as HTMLButtonElement).click();
      await new Promise((r) => requestAnimationFrame(r));
      return [document.getElementById('lead')?.textContent, document.getElementById('quote')?.textContent];
    }, null);
    expect(firstFrame).toEqual(['Marco Rubio met Steve Witkoff in Geneva on Sunday.', 'Marco Rubio spoke first. Steve Witkoff agreed.']);
    await waitFor('the buttons after the re-render', async () => {
      const { paragraphs } = await page.evaluate(aidsInPage, null);
      return (
        paragraphs.lead === 'Marco Rubio[aid:About Marco Rubio] met Steve Witkoff[aid:About Steve Witkoff] in Geneva on Sunday.' &&
        paragraphs.quote === 'Marco Rubio[aid:About Marco Rubio] spoke first. Steve Witkoff[aid:About Steve Witkoff] agreed.'
      );
    });
    expect(await page.evaluate(() => (window as unknown as { __recoverable: string[] }).__recoverable, null)).toEqual([]);
    // The test server has no favicon; Chromium logs its 404, which is not the page's doing.
    expect(page.console.filter((m) => !m.includes('Failed to load resource'))).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('has no axe-core (WCAG 2.2 AA) violations on a page with the reading aid on', async () => {
    const page = await article();
    const violations = await runAxe(page, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    expect(violations).toEqual([]);
    await page.close();
  });

  if (name === 'chromium') {
    it('shows the buttons as buttons named "About <name>" and the card as a non-modal dialog in the accessibility tree', async () => {
      const page = await article();
      const tree = async (): Promise<{ role: string; name: string; properties: Record<string, unknown> }[]> =>
        (await browser.accessibilityTree?.(page)) ?? [];
      const buttons = (await tree()).filter((n) => n.role === 'button').map((n) => n.name);
      expect(buttons).toEqual(['About Steve Witkoff', 'About Rustem Umerov', 'About Marco Rubio', 'About Steve Witkoff', 'About Umerov']);

      await page.evaluate(() => (document.querySelector('backstory-aid') as HTMLElement).focus(), null);
      await page.keyboard.press('Enter');
      await cardStarting(page, 'Steve Witkoff');
      const dialog = await waitFor('the dialog in the tree', async () => (await tree()).find((n) => n.role === 'dialog') ?? null);
      expect(dialog.name).toBe('Steve Witkoff');
      expect(dialog.properties.focused).toBe(true);
      expect(dialog.properties.modal ?? false).toBe(false);

      if (process.env.BACKSTORY_SCREENSHOTS || !existsSync(SCREENSHOT)) {
        // From the headline to the foot of the card opened from the first button.
        const card = await browser.shadowBox(page, '.card');
        const top = await page.evaluate(() => document.querySelector('h1')?.getBoundingClientRect().top ?? 0, null);
        if (!card) throw new Error('no card to photograph');
        const clip = { x: 0, y: Math.max(0, top - 16), width: 780, height: Math.ceil(card.bottom + 16 - Math.max(0, top - 16)) };
        const options = { path: SCREENSHOT, clip };
        await page.screenshot(options);
      }
      await page.close();
    });
  }
});
