/**
 * A card in the page's language, with the built extension and its bundled dataset in real
 * Chromium and Firefox: on a Ukrainian news page Umerov's card gives the dataset's Ukrainian
 * summary and role, and on the English seed article the English ones. The card's own words
 * follow the browser's UI language, which these browsers run in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_NAMES, launch, type ExtensionBrowser } from './browsers';
import { hoverText } from './hover-card';
import { FIXTURES_DIR, startServer, type TestServer } from '../support/static-server';

const UK_SUMMARY = 'Український політик кримськотатарського походження';
const UK_ROLE = 'Секретар Ради національної безпеки і оборони України';

describe.each(BROWSER_NAMES)('a card in the page’s language in %s', (name) => {
  let pages: TestServer;
  let fixtures: TestServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    pages = await startServer();
    fixtures = await startServer(FIXTURES_DIR, { stripScripts: true });
    browser = await launch(name);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pages?.close(), fixtures?.close()]);
  });

  it('shows Umerov’s Ukrainian summary and role on a Ukrainian page, with nothing marked as English', async () => {
    const page = await browser.newPage(fixtures.url('news-pages/unian-uk/source.html'));
    const card = await hoverText(browser, page, 'Рустем Умеров', 'backstory-person', 'Rustem Umerov');
    expect(card).toContain(UK_SUMMARY);
    expect(card).toContain(UK_ROLE);
    expect(card).not.toContain('(in English)');
    await page.close();
  });

  it('opens the card of a Polish case form, with the English text marked as such', async () => {
    const page = await browser.newPage(fixtures.url('news-pages/dziennik-pl/source.html'));
    const card = await hoverText(browser, page, 'Władimirem Putinem', 'backstory-person', 'Vladimir Putin');
    expect(card).toContain('Former KGB officer');
    expect(card).toContain('shown in English');
    await page.close();
  });

  it('shows the English summary on the English seed article', async () => {
    const page = await browser.newPage(pages.url('seed.html'));
    const card = await hoverText(browser, page, 'Rustem Umerov');
    expect(card).toContain('Ukrainian politician of Crimean Tatar origin');
    expect(card).not.toContain(UK_SUMMARY);
    await page.close();
  });
});
