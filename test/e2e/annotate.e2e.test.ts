/**
 * Annotating real and hostile pages, in both browsers (issue 5): the page's DOM is never
 * changed apart from our host, cards show the role on the article's date, keyboard
 * navigation reaches every mention, React hydration is undisturbed, and hostile pages
 * cannot break or steer Backstory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_NAMES, launch, storeSettings, waitFor, type ExtensionBrowser } from './browsers';
import { FIXTURES_DIR, startServer, type TestServer } from '../support/static-server';
import { locateHighlighted, mentionsInView, readHighlights } from './page-probes';
import { LONG_ARTICLE_NAMES, writeGeneratedPages } from './generated-pages';
import { hoverText } from './hover-card';
import { runAxe } from './popup-harness';
import { expectNever } from '../support/expect-never';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import type { PageMentions } from '../../src/shared/messages';
import { parseDataset } from '../../src/dataset/schema';
import { asOfDate } from '../../src/dataset/review';
import { localIsoDate } from '../../src/shared/local-date';

const NEWS_PAGES = readdirSync(join(FIXTURES_DIR, 'news-pages'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `news-pages/${d.name}/source.html`);

/** documentElement as first parsed vs now, with our host taken out of the current one. */
function documentUnchangedApartFromHost(): { same: boolean; hosts: number } {
  const page = window as unknown as { __backstoryDocumentBefore?: string };
  const hosts = document.querySelectorAll('backstory-card').length;
  const now = document.documentElement.outerHTML.replace(/<backstory-card\b[^>]*><\/backstory-card>/g, '');
  return { same: page.__backstoryDocumentBefore === now, hosts };
}

const hasPersonHighlight = (): boolean => CSS.highlights.has('backstory-person');

const BUNDLED = parseDataset(JSON.parse(readFileSync(join(import.meta.dirname, '../../assets/dataset/dataset.json'), 'utf8')));

/**
 * How a card dates a role held today (src/dataset/review.ts): nothing while the entity's review
 * is recent, else "as of 1 Dec 2025: " (its last review, or its last update if never reviewed).
 * Worked out from the bundled dataset and today, so the expectations follow the data's reviews.
 */
function asOfPrefix(id: string): string {
  const entity = BUNDLED.ok ? BUNDLED.value.entities.find((e) => e.id === id) : undefined;
  if (!entity) throw new Error(`the bundled dataset has no ${id}`);
  return asOfDate(entity, localIsoDate()) === null ? '' : 'as of \\d{1,2} [A-Z][a-z]{2} \\d{4}: ';
}

/** The start of a card whose only role line is the one held on the article's date and today. */
const heldToday = (id: string, name: string, role: string): RegExp => new RegExp(`^${name} People ${asOfPrefix(id)}${role}`);

describe.each(BROWSER_NAMES)('annotating pages in %s', (name) => {
  let pages: TestServer;
  let fixtures: TestServer;
  let generated: TestServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    pages = await startServer();
    fixtures = await startServer(FIXTURES_DIR, { stripScripts: true });
    generated = await startServer(await writeGeneratedPages());
    browser = await launch(name);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pages?.close(), fixtures?.close(), generated?.close()]);
  });

  it('leaves every saved news page and the seed article serialised as they were, apart from the host, with no page error', async () => {
    const page = await browser.newPage(pages.url('seed.html'));
    const results: Record<string, string> = {};
    for (const url of [pages.url('seed.html'), ...NEWS_PAGES.map((p) => fixtures.url(p))]) {
      await page.goto(url);
      // Wait for highlights, or give a page without known names time to be scanned.
      await waitFor('annotation', () => page.evaluate(hasPersonHighlight, null), 1000).catch(() => undefined);
      const first = await page.evaluate(() => {
        for (const [name, highlight] of CSS.highlights) {
          if (!name.startsWith('backstory-')) continue;
          for (const range of highlight) if (range instanceof Range) return { name, text: range.toString() };
        }
        return null;
      }, null);
      // Open a card where there is a mention, so the host exists when we compare.
      if (first) await hoverText(browser, page, first.text, first.name, '').catch(() => undefined);
      const check = await page.evaluate(documentUnchangedApartFromHost, null);
      results[url.replace(/^http:\/\/[^/]+\//, '')] = check.same ? (first ? `same, ${check.hosts} host` : 'same') : 'CHANGED';
    }
    expect(
      Object.values(results).filter((r) => r === 'CHANGED'),
      JSON.stringify(results, null, 1),
    ).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('opens the right card for every seed person, with the role held on the article’s date', async () => {
    const page = await browser.newPage(pages.url('seed.html'));
    await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
    const expected: [string, string, RegExp][] = [
      ['Marco Rubio', 'Marco Rubio', heldToday('marco-rubio', 'Marco Rubio', 'US Secretary of State')],
      [
        'Rustem Umerov',
        'Rustem Umerov',
        heldToday('rustem-umerov', 'Rustem Umerov', 'Secretary of the National Security and Defen[cs]e Council'),
      ],
      ['Steve Witkoff', 'Steve Witkoff', heldToday('steve-witkoff', 'Steve Witkoff', 'US Special Envoy')],
      // Roles that have ended are on record and never dated "as of".
      ['Jared Kushner', 'Jared Kushner', /^Jared Kushner People Former Senior Advisor to the President/],
      ['Vladimir Putin', 'Vladimir Putin', heldToday('vladimir-putin', 'Vladimir Putin', 'President of Russia')],
      ['Trump', 'Donald Trump', heldToday('donald-trump', 'Donald Trump', '47th President of the United States')],
      ['Volodymyr Zelensky', 'Volodymyr Zelensky', heldToday('volodymyr-zelensky', 'Volodymyr Zelensky', 'President of Ukraine')],
      ['Andriy Yermak', 'Andriy Yermak', /^Andriy Yermak People Former Head of the Office of the President/],
      ['Mark Rutte', 'Mark Rutte', heldToday('mark-rutte', 'Mark Rutte', 'Secretary General of NATO')],
    ];
    for (const [text, cardName, role] of expected) {
      const card = await hoverText(browser, page, text, 'backstory-person', cardName);
      expect(card, text).toMatch(role);
    }
    await page.close();
  });

  it('makes no network request while annotating a page and showing cards (page text never leaves the browser)', async () => {
    const page = await browser.newPage(pages.url('seed.html'));
    await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
    await hoverText(browser, page, 'Steve Witkoff');
    await hoverText(browser, page, 'Marco Rubio');
    const seed = pages.url('seed.html');
    // data: URLs (a font Firefox decodes for the card) are read in place, not fetched, and the
    // content script's own main script is read from the installed extension (loader.ts).
    const ownScript = /^(chrome|moz)-extension:\/\/[^/]+\/content-main\.js$/;
    const unexpected = (): string[] =>
      page.requests.filter((url) => url !== seed && !url.endsWith('/favicon.ico') && !url.startsWith('data:') && !ownScript.test(url));
    await expectNever(() => unexpected().length > 0, 500, 'a request other than the page');
    expect(unexpected()).toEqual([]);
    expect(page.requests).toContain(seed);
    await page.close();
  });

  it('shows Umerov as Minister of Defence on a page dated 2025-06-01 (JSON-LD), and his role today as of its last check', async () => {
    const page = await browser.newPage(pages.url('dated-2025-06-01.html'));
    await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
    // "now: " only while his entry's review is recent, else "as of <date>: ".
    const today = asOfPrefix('rustem-umerov') || 'now: ';
    expect(await hoverText(browser, page, 'Rustem Umerov')).toMatch(
      new RegExp(`then: Minister of Defen[cs]e of Ukraine.*${today}Secretary of the National Security`),
    );
    expect(await hoverText(browser, page, 'Andriy Yermak')).toMatch(/then: Head of the Office of the President of Ukraine/);
    await page.close();
  });

  it('shows Yermak as former head of the office on a page dated 2025-12-05 (<time>)', async () => {
    const page = await browser.newPage(pages.url('dated-2025-12-05.html'));
    await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
    expect(await hoverText(browser, page, 'Andriy Yermak')).toMatch(/Former Head of the Office of the President of Ukraine/);
    await page.close();
  });

  it('moves through every seed mention in reading order with the keyboard, and Escape gives focus back', async () => {
    const page = await browser.newPage(pages.url('seed.html'));
    await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
    const expectedOrder = await page.evaluate(() => {
      const ranges: Range[] = [];
      for (const name of ['backstory-person', 'backstory-proposal']) {
        for (const r of CSS.highlights.get(name) ?? []) if (r instanceof Range) ranges.push(r);
      }
      return ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b)).map((r) => r.toString());
    }, null);
    // The seed's people and proposals, as its golden labels count them (security guarantees included).
    expect(expectedOrder.length).toBe(21);
    await page.evaluate(() => (document.getElementById('top-link') as HTMLElement).focus(), null);
    await browser.sendToTab(page, { type: 'startNavigation' });
    const focusText = (): string | null => {
      const h = CSS.highlights.get('backstory-focus');
      for (const r of h ?? []) if (r instanceof Range) return r.toString();
      return null;
    };
    const visited: string[] = [];
    visited.push(await waitFor('the first focused mention', () => page.evaluate(focusText, null)));
    for (let i = 1; i < expectedOrder.length; i++) {
      const before = await page.evaluate(() => {
        const h = CSS.highlights.get('backstory-focus');
        for (const r of h ?? [])
          if (r instanceof Range) return `${r.startOffset}:${r.toString()}:${(r.startContainer.parentElement?.textContent ?? '').length}`;
        return '';
      }, null);
      await page.keyboard.press('Tab');
      await waitFor('focus to move', async () => {
        const now = await page.evaluate(() => {
          const h = CSS.highlights.get('backstory-focus');
          for (const r of h ?? [])
            if (r instanceof Range) return `${r.startOffset}:${r.toString()}:${(r.startContainer.parentElement?.textContent ?? '').length}`;
          return '';
        }, null);
        return now !== before;
      });
      visited.push((await page.evaluate(focusText, null)) ?? '');
    }
    expect(visited).toEqual(expectedOrder);
    const card = await browser.cardText(page);
    expect(card).toContain(expectedOrder[expectedOrder.length - 1]);
    await page.keyboard.press('Escape');
    await waitFor('navigation to end', async () => (await page.evaluate(focusText, null)) === null);
    expect(await page.evaluate(() => document.activeElement?.id, null)).toBe('top-link');
    await page.close();
  });

  it('switches between underline and background styles live, keeping the public highlight names', async () => {
    const page = await browser.newPage(pages.url('seed.html'));
    await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
    const names = (): Promise<string[]> =>
      page.evaluate(() => [...CSS.highlights.keys()].filter((n) => n.endsWith('-person')).sort(), null);
    expect(await names()).toEqual(['backstory-person', 'backstory-underline-person']);
    const popup = await browser.openPopup();
    const setStyle = (style: string): Promise<void> => storeSettings(popup, { ...DEFAULT_SETTINGS, highlightStyle: style });
    await setStyle('background');
    await waitFor(
      'the background style',
      async () => JSON.stringify(await names()) === JSON.stringify(['backstory-background-person', 'backstory-person']),
      2000,
    );
    await setStyle('underline');
    await waitFor(
      'the underline style again',
      async () => JSON.stringify(await names()) === JSON.stringify(['backstory-person', 'backstory-underline-person']),
      2000,
    );
    await page.close();
  });

  it('follows a live page: new paragraphs are marked, removed ones are dropped', async () => {
    const page = await browser.newPage(pages.url('dated-2025-12-05.html'));
    await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
    const people = async (): Promise<string> => JSON.stringify((await page.evaluate(readHighlights, null))['backstory-person'] ?? []);
    expect(await people()).toBe(JSON.stringify(['Andriy Yermak', 'Rustem Umerov']));
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Update: Marco Rubio will travel to Brussels.';
      document.querySelector('article')?.append(p);
    }, null);
    await waitFor(
      'the new paragraph to be marked',
      async () => (await people()) === JSON.stringify(['Andriy Yermak', 'Marco Rubio', 'Rustem Umerov']),
      3000,
    );
    await page.evaluate(() => document.querySelectorAll('article p')[1]?.remove(), null);
    await waitFor(
      'the removed paragraph to be dropped',
      async () => (await people()) === JSON.stringify(['Marco Rubio', 'Rustem Umerov']),
      3000,
    );
    await page.close();
  });

  it('lets a React 19 page hydrate with no recoverable error, and follows its re-render', async () => {
    const page = await browser.newPage(generated.url('react.html'));
    await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
    expect(await page.evaluate(() => (window as unknown as { __hydrated?: boolean }).__hydrated, null)).toBe(true);
    expect((await page.evaluate(readHighlights, null))['backstory-person']).toEqual(['Rustem Umerov', 'Steve Witkoff']);
    await page.evaluate(() => (document.getElementById('swap') as HTMLButtonElement).click(), null);
    await waitFor(
      'highlights to follow the new text',
      async () =>
        JSON.stringify((await page.evaluate(readHighlights, null))['backstory-person']) ===
        JSON.stringify(['Marco Rubio', 'Steve Witkoff']),
    );
    expect(await page.evaluate(() => (window as unknown as { __recoverable: string[] }).__recoverable, null)).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  if (name === 'chromium') {
    it('has no axe-core (WCAG 2.2 AA) violations in the card itself', async () => {
      const page = await browser.newPage(pages.url('seed.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
      await hoverText(browser, page, 'Steve Witkoff');
      // axe cannot enter a closed shadow root, so the card's markup and style sheet, read
      // over DevTools, are checked on a page of their own.
      const markup = await browser.cardMarkup?.(page);
      expect(markup).toContain('Steve Witkoff');
      const copy = await browser.newPage('about:blank');
      await copy.evaluate((html) => {
        document.documentElement.lang = 'en';
        document.title = 'Backstory card';
        document.body.innerHTML = `<main>${html}</main>`;
      }, markup ?? '');
      const violations = await runAxe(copy, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      expect(violations).toEqual([]);
      await copy.close();
      await page.close();
    });
  }

  describe('hostile pages', () => {
    it('keeps working under `* { all: unset !important }` and page rules for our highlights', async () => {
      const page = await browser.newPage(pages.url('hostile-css.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
      expect(await hoverText(browser, page, 'Steve Witkoff')).toMatch(/Special Envoy/);
      const hostStyle = await page.evaluate(() => {
        const host = document.querySelector('backstory-card');
        return host ? getComputedStyle(host).position : null;
      }, null);
      expect(hostStyle).toBe('fixed');
      await page.close();
    });

    it("works on a page whose Content-Security-Policy allows nothing (`default-src 'none'`): highlights and cards", async () => {
      // The content script imports its main script (src/content/loader.ts); that import must
      // not depend on what the page's policy allows.
      const page = await browser.newPage(pages.url('hostile-csp.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
      expect((await page.evaluate(readHighlights, null))['backstory-person']).toEqual(['Marco Rubio', 'Steve Witkoff', 'Vladimir Putin']);
      expect(await hoverText(browser, page, 'Steve Witkoff')).toMatch(/Special Envoy/);
      await page.close();
    });

    // Firefox has no fixed address to probe: an extension's origin there is random per install.
    if (name === 'chromium') {
      it('keeps its main script out of reach of pages at the extension’s fixed address (use_dynamic_url)', async () => {
        // A page with no Content-Security-Policy, so only the extension's rules can refuse.
        const page = await browser.newPage(pages.url('seed.html'));
        await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
        const probe = await page.evaluate(async (origin) => {
          try {
            return `read ${(await fetch(`${origin}/content-main.js`)).status}`;
          } catch {
            return 'refused';
          }
        }, browser.fixedOrigin);
        expect(probe).toBe('refused');
        await page.close();
      });
    }

    it('draws its highlights again after the page calls CSS.highlights.clear()', async () => {
      const page = await browser.newPage(pages.url('hostile-clear.html'));
      await waitFor(
        'the page to clear the registry',
        () => page.evaluate(() => (window as unknown as { __cleared?: boolean }).__cleared === true, null),
        5000,
      );
      await waitFor('highlights to come back', () => page.evaluate(hasPersonHighlight, null), 3000);
      expect((await page.evaluate(readHighlights, null))['backstory-person']).toEqual(['Jared Kushner', 'Steve Witkoff']);
      await page.close();
    });

    it('opens no card through a full-screen overlay, but the keyboard card sits above it', async () => {
      const page = await browser.newPage(pages.url('hostile-overlay.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
      const point = await page.evaluate(locateHighlighted, { name: 'backstory-person', text: 'Steve Witkoff' });
      if (!point) throw new Error('not highlighted');
      await page.mouse.move(point.x, point.y);
      await expectNever(async () => (await browser.cardText(page)) !== null, 900, 'a card through the overlay');
      expect(await browser.cardText(page)).toBeNull();
      await browser.sendToTab(page, { type: 'startNavigation' });
      await waitFor('the keyboard card', async () => ((await browser.cardText(page)) ?? '').includes('Steve Witkoff'));
      const onTop = await page.evaluate(() => {
        const host = document.querySelector('backstory-card');
        const wall = document.getElementById('cookie-wall');
        // Same z-index: the later element in tree order paints on top.
        return !!host && !!wall && (wall.compareDocumentPosition(host) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      }, null);
      expect(onTop).toBe(true);
      await page.close();
    });

    it('is not fooled by DOM clobbering', async () => {
      const page = await browser.newPage(pages.url('hostile-clobber.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
      // A form whose fields are named parentElement, parentNode and localName: the walk up from
      // its text (at the first scan and at the rescan after text is added) still ends.
      const names = await waitFor('the names in the clobbered form, and the one added later', async () => {
        const drawn = (await page.evaluate(readHighlights, null))['backstory-person'] ?? [];
        return drawn.includes('Sergei Lavrov') ? drawn : null;
      });
      expect(names).toEqual(['Marco Rubio', 'Rustem Umerov', 'Sergei Lavrov', 'Steve Witkoff', 'Vladimir Putin']);
      expect(await hoverText(browser, page, 'Steve Witkoff')).toMatch(/Special Envoy/);
      await page.close();
    });

    it('opens, pins and closes no card for a page’s synthetic pointer, click and key events', async () => {
      const page = await browser.newPage(pages.url('seed.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
      const point = await page.evaluate(locateHighlighted, { name: 'backstory-person', text: 'Steve Witkoff' });
      if (!point) throw new Error('Steve Witkoff is not highlighted');
      await page.evaluate((p) => {
        const target = document.elementFromPoint(p.x, p.y) ?? document.body;
        target.dispatchEvent(new PointerEvent('pointermove', { clientX: p.x, clientY: p.y, bubbles: true }));
        target.dispatchEvent(new MouseEvent('click', { clientX: p.x, clientY: p.y, bubbles: true }));
      }, point);
      await expectNever(async () => (await browser.cardText(page)) !== null, 1000, 'a card for synthetic events');
      expect(await browser.cardText(page)).toBeNull();
      // The reader's own click pins a card; the page's Escape does not close it.
      await page.mouse.click(point.x, point.y);
      await waitFor('the pinned card', async () => ((await browser.cardText(page)) ?? '').includes('Witkoff'));
      await page.evaluate(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })), null);
      await expectNever(async () => !/Witkoff/.test((await browser.cardText(page)) ?? ''), 500, "the page's Escape closing the card");
      expect(await browser.cardText(page)).toMatch(/Witkoff/);
      await page.keyboard.press('Escape');
      await waitFor('the card closed by the reader', async () => !((await browser.cardText(page)) ?? '').includes('Witkoff'));
      await page.close();
    });

    it('shows the card in the top layer, where `html { transform }` cannot move it', async () => {
      const page = await browser.newPage(pages.url('hostile-transform.html'));
      // The name sits 2,000 px down: scrolled there, a fixed element inside the transformed
      // root would be drawn that far above the viewport.
      await page.evaluate(() => document.querySelector('p')?.scrollIntoView({ block: 'center' }), null);
      await waitFor('the highlight', async () =>
        ((await page.evaluate(readHighlights, null))['backstory-person'] ?? []).includes('Steve Witkoff'),
      );
      expect(await hoverText(browser, page, 'Steve Witkoff')).toMatch(/Special Envoy/);
      const host = await page.evaluate(() => {
        const el = document.querySelector('backstory-card');
        return el ? { open: el.matches(':popover-open'), top: el.getBoundingClientRect().top } : null;
      }, null);
      expect(host).toEqual({ open: true, top: 0 });
      await page.close();
    });

    it('stays bounded on a page that mutates on every mutation', async () => {
      const page = await browser.newPage(pages.url('hostile-mutations.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
      const ticks = async (): Promise<number> => Number(await page.evaluate(() => document.getElementById('ticker')?.textContent, null));
      const a = await ticks();
      await new Promise((r) => setTimeout(r, 1000));
      const b = await ticks();
      // The page keeps running its own loop (we never starve it), and our highlights hold.
      expect(b).toBeGreaterThan(a);
      expect((await page.evaluate(readHighlights, null))['backstory-person']).toEqual(['Marco Rubio', 'Steve Witkoff']);
      expect(await hoverText(browser, page, 'Marco Rubio')).toMatch(/Secretary of State/);
      await page.close();
    });

    it('annotates a 100,000-word page: finds all 500 mentions, draws those the reader sees, and follows the reader', async () => {
      const page = await browser.newPage(generated.url('long.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null), 20_000);
      // Every mention is found: the popup's counts and keyboard navigation come from this list.
      const found = (await browser.sendToTab(page, { type: 'getPageMentions' })) as PageMentions;
      expect(found.counts.person).toBe(500);
      // Only the mentions in or near the viewport are registered, and every one in view is.
      const probe = { highlight: 'backstory-person', names: LONG_ARTICLE_NAMES };
      const atTop = await waitFor('the highlights near the top', async () => {
        const seen = await page.evaluate(mentionsInView, probe);
        return seen.held < 100 && seen.visible > 0 && seen.drawn === seen.visible ? seen : null;
      });
      expect(atTop.held).toBeGreaterThanOrEqual(atTop.visible);
      // Scrolled to the end, the mentions there are drawn.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight), null);
      const atEnd = await waitFor('the highlights near the end', async () => {
        const seen = await page.evaluate(mentionsInView, probe);
        return seen.held < 100 && seen.visible > 0 && seen.drawn === seen.visible ? seen : null;
      });
      expect(atEnd.drawn).toBe(atEnd.visible);
      await page.close();
    });

    it('ignores forged messages posted to the window', async () => {
      const page = await browser.newPage(pages.url('hostile-messages.html'));
      await waitFor('highlights', () => page.evaluate(hasPersonHighlight, null));
      const steered = async (): Promise<boolean> =>
        (await browser.cardText(page)) !== null || (await page.evaluate(() => CSS.highlights.has('backstory-focus'), null));
      await expectNever(steered, 1000, 'a card or focus highlight from forged messages');
      expect(await browser.cardText(page)).toBeNull();
      expect(await page.evaluate(() => CSS.highlights.has('backstory-focus'), null)).toBe(false);
      await page.close();
    });
  });
});
