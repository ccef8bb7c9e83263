/**
 * Names in the reader's language, in real Chromium and Firefox: the extension is built with a
 * dataset that spells people in Ukrainian and Czech (test/support/inflect-dataset.ts), and a
 * page's grammatical forms of those names are drawn only where the page is in that language,
 * by its `<html lang>` or, without one, by its letters.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_NAMES, waitFor } from './browsers';
import { buildWithTestKeys, launchChromiumFrom, launchFirefoxFrom, type UpdateBrowser } from './update-browsers';
import { readHighlights } from './page-probes';
import { startServer, type TestServer } from '../support/static-server';
import { expectNever } from '../support/expect-never';
import { INFLECT_DATASET } from '../support/inflect-dataset';

const work = mkdtempSync(join(tmpdir(), 'backstory-language-e2e-'));
const UK_TEXT = 'Віткофф зустрівся з Володимиром Зеленським, а потім говорив із Путіним про гарантії безпеки.';

function page(lang: string | null, text: string): string {
  const attribute = lang === null ? '' : ` lang="${lang}"`;
  return `<!doctype html><html${attribute}><head><meta charset="utf-8"><title>News</title></head><body><p>${text}</p></body></html>`;
}

const PAGES: Record<string, string> = {
  'uk.html': page('uk', UK_TEXT),
  'en.html': page('en', UK_TEXT),
  'unsaid.html': page(null, `${UK_TEXT} Сторони домовилися про наступні контакти найближчим часом.`),
  'cs.html': page('cs', 'Trump volal Vladimiru Putinovi a pak mluvil se Zelenským.'),
};

let server: TestServer;

beforeAll(async () => {
  const pages = join(work, 'pages');
  mkdirSync(pages);
  for (const [file, html] of Object.entries(PAGES)) writeFileSync(join(pages, file), html);
  const bundled = join(work, 'dataset.json');
  writeFileSync(bundled, JSON.stringify(INFLECT_DATASET));
  buildWithTestKeys(join(work, 'dist'), { BACKSTORY_DATASET: bundled });
  server = await startServer(pages);
}, 180_000);

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

describe.each(BROWSER_NAMES)('names in the page language in %s', (name) => {
  let browser: UpdateBrowser;

  beforeAll(async () => {
    browser =
      name === 'chromium' ? await launchChromiumFrom(join(work, 'dist/chrome')) : await launchFirefoxFrom(join(work, 'dist/firefox'));
  });
  afterAll(async () => browser.close());

  /** The people's highlights on `file` once `first` is drawn among them. */
  async function drawn(file: string, first: string): Promise<{ names: string[]; read: () => Promise<string[]> }> {
    const tab = await browser.newPage(server.url(file));
    const read = async (): Promise<string[]> => (await tab.evaluate(readHighlights, undefined))['backstory-person'] ?? [];
    const names = await waitFor(`"${first}" drawn on ${file}`, async () => {
      const now = await read();
      return now.includes(first) ? now : null;
    });
    return { names, read };
  }

  it('draws the Ukrainian forms on a page that says it is Ukrainian', async () => {
    expect((await drawn('uk.html', 'Путіним')).names).toEqual(['Віткофф', 'Володимиром Зеленським', 'Путіним'].sort());
  });

  it('draws only the names as written on a page that says it is English', async () => {
    const { names, read } = await drawn('en.html', 'Віткофф');
    expect(names).toEqual(['Віткофф']);
    await expectNever(async () => (await read()).length > 1, 500, 'a Ukrainian form drawn on an English page');
  });

  it('reads the language from the letters on a page that does not say', async () => {
    expect((await drawn('unsaid.html', 'Путіним')).names).toEqual(['Віткофф', 'Володимиром Зеленським', 'Путіним'].sort());
  });

  it('draws the Czech forms on a Czech page', async () => {
    expect((await drawn('cs.html', 'Vladimiru Putinovi')).names).toEqual(['Trump', 'Vladimiru Putinovi', 'Zelenským'].sort());
  });
});
