/**
 * The walking skeleton, end to end, in both browsers: the seed article is annotated, a card
 * opens on hover, the popup's toggles apply live, and the page's DOM is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_NAMES, launch, waitFor, type ExtensionBrowser, type TestPage } from './browsers';
import { startServer, type TestServer } from '../support/static-server';
import { bodyUnchanged, locateHighlighted, readHighlights } from './page-probes';

interface LocalStorage {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
}

/** Every person and proposal in the seed article, as a reader would mark them. */
const SEED_PEOPLE = [
  'Andriy Yermak',
  'Jared Kushner',
  'Marco Rubio',
  'Mark Rutte',
  'Putin',
  'Rubio',
  'Rustem Umerov',
  'Steve Witkoff',
  'Trump',
  'Trump',
  'Trump',
  'Trump',
  'Umerov',
  'Vladimir Putin',
  'Volodymyr Zelensky',
  'Witkoff',
  'Zelensky',
].sort();
// "reliable security guarantees": the proposal of security guarantees for Ukraine, named in the seed's first paragraph.
const SEED_PROPOSALS = ['28-point peace proposal', 'security guarantees', 'trimmed to 19 points', 'updated US draft'].sort();

describe.each(BROWSER_NAMES)('walking skeleton in %s', (name) => {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let page: TestPage;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch(name);
    page = await browser.newPage(server.url('seed.html'));
    // Waits for the settled set, not the first registration. (Firefox runs once saw the
    // highlights cleared and drawn again just after they appeared: a restart for the install
    // event of a dataset the page had already read, since fixed; see the test below.)
    await waitFor(
      'person highlights',
      async () => ((await page.evaluate(readHighlights, null))['backstory-person']?.length ?? 0) === SEED_PEOPLE.length,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('highlights every person and proposal in the seed article, with the right count', async () => {
    const highlights = await page.evaluate(readHighlights, null);
    expect(highlights['backstory-person']).toEqual(SEED_PEOPLE);
    expect(highlights['backstory-proposal']).toEqual(SEED_PROPOSALS);
    // organisations and places are off by default
    expect(highlights['backstory-organization']).toBeUndefined();
    expect(highlights['backstory-place']).toBeUndefined();
  });

  it('keeps its highlights when storage announces again the install the page already uses', async () => {
    // A tab's storage read can see an install's keys before their change event arrives (seen
    // in Firefox right after installing); the event must not clear and redraw the page. The
    // record is rewritten with the same install time and another title, so an event fires.
    const popup = await browser.openPopup();
    const storage = (op: { write?: Record<string, unknown> }): Promise<Record<string, unknown>> =>
      popup.evaluate(async (arg: { write?: Record<string, unknown> }) => {
        const api = globalThis as unknown as { browser?: LocalStorage; chrome?: LocalStorage };
        const local = (api.browser ?? api.chrome)?.storage.local;
        if (!local) throw new Error('no storage API');
        if (arg.write) await local.set({ activeDataset: arg.write });
        return (await local.get('activeDataset')).activeDataset as Record<string, unknown>;
      }, op);
    const record = await storage({});
    await page.bringToFront();
    const seen = new Set<number>();
    const watch = async (): Promise<void> => {
      const until = Date.now() + 3000;
      while (Date.now() < until) seen.add((await page.evaluate(readHighlights, null))['backstory-person']?.length ?? 0);
    };
    const watching = watch();
    await storage({ write: { ...record, title: `${String(record.title)} (rewritten)` } });
    await new Promise((r) => setTimeout(r, 1000));
    await storage({ write: record });
    await watching;
    expect([...seen]).toEqual([SEED_PEOPLE.length]);
  });

  it('leaves document.body serialised exactly as before annotation', async () => {
    expect(await page.evaluate(bodyUnchanged, null)).toBe(true);
  });

  it("opens Witkoff's card on hover, with his role", async () => {
    const point = await page.evaluate(locateHighlighted, { name: 'backstory-person', text: 'Steve Witkoff' });
    expect(point).not.toBeNull();
    if (!point) return;
    await page.mouse.move(point.x, point.y);
    const text = await waitFor('the card', async () => {
      const t = await browser.cardText(page);
      return t && t.includes('Steve Witkoff') ? t : null;
    });
    expect(text).toMatch(/Special Envoy/i);
    // the page itself still sees only its own body
    expect(await page.evaluate(bodyUnchanged, null)).toBe(true);
    await page.keyboard.press('Escape');
    await waitFor('the card to close', async () => !((await browser.cardText(page)) ?? '').includes('Steve Witkoff'));
  });

  it('removes person highlights when People is turned off in the popup, without a reload', async () => {
    const popup = await browser.openPopup();
    await waitFor('the popup toggles', () => popup.evaluate(() => document.querySelector('input[data-category="person"]') !== null, null));
    await popup.evaluate(() => (document.querySelector('input[data-category="person"]') as HTMLInputElement).click(), null);
    await page.bringToFront();
    await waitFor('person highlights to go', async () => !(await page.evaluate(() => CSS.highlights.has('backstory-person'), null)));
    const highlights = await page.evaluate(readHighlights, null);
    expect(highlights['backstory-proposal']).toEqual(SEED_PROPOSALS);
    // and back on
    await popup.evaluate(() => (document.querySelector('input[data-category="person"]') as HTMLInputElement).click(), null);
    await waitFor('person highlights to return', () => page.evaluate(() => CSS.highlights.has('backstory-person'), null));
    expect((await page.evaluate(readHighlights, null))['backstory-person']).toEqual(SEED_PEOPLE);
  });
});
