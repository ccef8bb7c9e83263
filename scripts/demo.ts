/**
 * The main job, for people trying Backstory: opens the seed article in Chromium with the
 * built extension. With a display, the browser stays open for you to hover names. Without
 * one (or with --headless), it prints the mentions found, opens Witkoff's card, and writes a
 * screenshot (default dist/demo-seed.png, or --out PATH).
 *
 * `--screenshots` instead refreshes the committed screenshots of a card in both
 * browsers (assets/screenshots/card-chromium.png and card-firefox.png), and of the bottom
 * sheet a touch reader gets on a 390 × 844 phone screen in Chromium (sheet-chromium.png, after a
 * tap on Witkoff in the seed article; sheet-link-chromium.png, after a first tap on a linked
 * name), of a card on a dark page (card-dark-chromium.png) and of the seed article under
 * forced colours (forced-colors-chromium.png).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DIST, PHONE_VIEWPORT, launch, waitFor, type BrowserName } from '../test/e2e/browsers';
import { extensionWorker, launchChromium } from '../test/support/chromium';
import { FIXTURES_DIR, startServer } from '../test/support/static-server';
import { locateHighlighted, readHighlights } from '../test/e2e/page-probes';
import { CATEGORY_IDS } from '../src/dataset/categories';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? (args[outIndex + 1] ?? 'dist/demo-seed.png') : 'dist/demo-seed.png');
const SCREENSHOTS = resolve(import.meta.dirname, '../assets/screenshots');

async function cardShot(name: BrowserName, path: string, print: boolean): Promise<void> {
  const server = await startServer();
  const browser = await launch(name);
  try {
    const page = await browser.newPage(server.url('seed.html'));
    await waitFor('highlights', () => page.evaluate(() => CSS.highlights.has('backstory-person'), null));
    if (print) {
      const highlights = await page.evaluate(readHighlights, null);
      for (const [highlight, texts] of Object.entries(highlights)) {
        // The public per-category names; the style highlights repeat the same ranges.
        if (!CATEGORY_IDS.some((c) => highlight === `backstory-${c}`)) continue;
        console.log(`${highlight}: ${texts.length} mentions`);
        const counts = new Map<string, number>();
        for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
        for (const [text, count] of counts) console.log(`  ${text}${count > 1 ? ` ×${count}` : ''}`);
      }
    }
    // Witkoff's paragraph at the top of the window, so the whole card fits below him.
    const point = await page.evaluate(locateHighlighted, { name: 'backstory-person', text: 'Steve Witkoff', block: 'start' });
    if (!point) throw new Error('Steve Witkoff is not highlighted');
    await page.mouse.move(point.x, point.y);
    await waitFor("Witkoff's card", async () => ((await browser.cardText(page)) ?? '').includes('Steve Witkoff'));
    await new Promise((r) => setTimeout(r, 200));
    await page.screenshot({ path });
    console.log(`screenshot written to ${path}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** A tap on `text` in `pageName`, in a phone-sized touch screen, and a screenshot of the sheet that opens. */
async function sheetShot(pageName: string, text: string, cardStart: string, path: string): Promise<void> {
  const server = await startServer();
  const browser = await launch('chromium', { touch: true, viewport: PHONE_VIEWPORT, deviceScaleFactor: 2 });
  try {
    const page = await browser.newPage(server.url(pageName));
    await waitFor('highlights', () => page.evaluate(() => CSS.highlights.has('backstory-person'), null));
    // The name's paragraph near the top of the screen, so the sheet opens below it.
    const point = await page.evaluate(locateHighlighted, { name: 'backstory-person', text, block: 'start' });
    if (!point) throw new Error(`${text} is not highlighted`);
    // A little room above the name's line, which may be the first line of the window (a link's).
    const lifted = await page.evaluate(() => {
      const before = window.scrollY;
      window.scrollBy({ top: -80, behavior: 'instant' });
      return before - window.scrollY;
    }, null);
    await page.touchscreen.tap(point.x, point.y + lifted);
    await waitFor(`the sheet for ${text}`, async () => ((await browser.cardText(page)) ?? '').trim().startsWith(cardStart));
    // Let the page paint the sheet before the picture is taken.
    await new Promise((r) => setTimeout(r, 200));
    await page.screenshot({ path });
    console.log(`screenshot written to ${path}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** How a screenshot's Chromium differs from the default: its UI language, and where its pages come from. */
interface ShotOptions {
  /** A UI language such as "uk": Chromium needs Debian's chromium-l10n for any but en-US. */
  uiLanguage?: string;
  /** The folder the page is served from, when not test/fixtures/pages. */
  root?: string;
}

/**
 * A click on `text` in `pageName` in Chromium, with `media` emulated (forced colours, which
 * browsers.ts cannot ask for), and a screenshot of the card that opens.
 */
async function mediaShot(
  pageName: string,
  text: string,
  media: { forcedColors?: 'active' },
  path: string,
  shot: ShotOptions = {},
): Promise<void> {
  const server = await startServer(shot.root);
  const profile = mkdtempSync(join(tmpdir(), 'backstory-shot-'));
  const language = shot.uiLanguage;
  const context = await launchChromium(profile, {
    extension: join(DIST, 'chrome'),
    viewport: { width: 1280, height: 800 },
    ...(language ? { env: { LANGUAGE: language, LANG: `${language}_${language.toUpperCase()}.UTF-8` } } : {}),
  });
  try {
    if (language) {
      const { worker } = await extensionWorker(context);
      const ui = await worker.evaluate(() =>
        (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage(),
      );
      if (!ui.startsWith(language))
        throw new Error(`Chromium runs in ${ui}, not ${language}: install its translations (apt-get install chromium-l10n).`);
    }
    const page = await context.newPage();
    await page.emulateMedia(media);
    await page.goto(server.url(pageName));
    await waitFor('highlights', () => page.evaluate(() => CSS.highlights.has('backstory-person')));
    const point = await page.evaluate(locateHighlighted, { name: 'backstory-person', text, block: 'start' as const });
    if (!point) throw new Error(`${text} is not highlighted`);
    await page.mouse.click(point.x, point.y);
    await waitFor(`the card for ${text}`, () =>
      page.evaluate(() => document.querySelector('backstory-card')?.matches(':popover-open') === true),
    );
    // Let the page paint the card before the picture is taken.
    await new Promise((r) => setTimeout(r, 300));
    await page.screenshot({ path });
    console.log(`screenshot written to ${path}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

async function interactive(): Promise<void> {
  const server = await startServer();
  const dir = join(DIST, 'chrome');
  const context = await launchChromium(mkdtempSync(join(tmpdir(), 'backstory-demo-')), { extension: dir, headless: false, viewport: null });
  const page = await context.newPage();
  await page.goto(server.url('seed.html'));
  console.log('Chromium is open on the seed article with Backstory loaded. Hover a name; close the window to finish.');
  await new Promise<void>((done) => context.on('close', () => done()));
  await server.close();
}

if (args.includes('--screenshots')) {
  await cardShot('chromium', join(SCREENSHOTS, 'card-chromium.png'), false);
  await cardShot('firefox', join(SCREENSHOTS, 'card-firefox.png'), false);
  await sheetShot('seed.html', 'Steve Witkoff', 'Steve Witkoff', join(SCREENSHOTS, 'sheet-chromium.png'));
  await sheetShot('touch.html', 'Marco Rubio', 'Tap the name again', join(SCREENSHOTS, 'sheet-link-chromium.png'));
  await mediaShot('dark.html', 'Steve Witkoff', {}, join(SCREENSHOTS, 'card-dark-chromium.png'));
  await mediaShot('seed.html', 'Steve Witkoff', { forcedColors: 'active' }, join(SCREENSHOTS, 'forced-colors-chromium.png'));
  await mediaShot('news-pages/unian-uk/source.html', 'Рустем Умеров', {}, join(SCREENSHOTS, 'card-uk-chromium.png'), {
    uiLanguage: 'uk',
    root: FIXTURES_DIR,
  });
} else if (process.env.DISPLAY && !args.includes('--headless')) {
  await interactive();
} else {
  console.log('No display: running headless.');
  await cardShot('chromium', out, true);
}
