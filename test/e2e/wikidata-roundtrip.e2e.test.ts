/**
 * A person from Wikidata to a card, the whole way a maintainer would take them: the real
 * Q312013 fixture (the person, then the positions he held and his given name, as a dump) is
 * imported into a fresh dataset folder (`import wikidata`), built into a release file
 * (`build`), built into the extension, and his name is hovered on a page in Chromium. The
 * card is saved as dist/wikidata-roundtrip.png; `npm run screenshots` sets
 * BACKSTORY_SCREENSHOTS so that it replaces assets/screenshots/wikidata-roundtrip.png instead.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDatasetCli } from '../../src/cli/dataset';
import { runWikidataImport } from '../../src/cli/wikidata-import';
import { buildWithTestKeys } from './update-browsers';
import { locateHighlighted } from './page-probes';
import { startServer, type TestServer } from '../support/static-server';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = resolve(ROOT, 'test/fixtures/wikidata/Q312013-konstantinos-mitsotakis.dump.json');
// A test run leaves the committed screenshot alone; only the screenshots script refreshes it.
const SCREENSHOT = resolve(ROOT, process.env.BACKSTORY_SCREENSHOTS ? 'assets/screenshots' : 'dist', 'wikidata-roundtrip.png');
const work = mkdtempSync(join(tmpdir(), 'backstory-wikidata-e2e-'));
const datasetDir = join(work, 'dataset');
const distDir = join(work, 'dist');
const ARTICLE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Round trip</title></head>' +
  '<body><p>This page names Konstantinos Mitsotakis, imported from Wikidata for the round-trip test.</p></body></html>';

let server: TestServer;
const log: string[] = [];
const outDirBefore = process.env.BACKSTORY_OUT_DIR;

beforeAll(async () => {
  mkdirSync(join(datasetDir, 'entities'), { recursive: true });
  copyFileSync(resolve(ROOT, 'assets/dataset/dataset.meta.json'), join(datasetDir, 'dataset.meta.json'));
  const imported = await runWikidataImport(
    [FIXTURE, '--out', join(datasetDir, 'entities'), '--today', '2026-12-05'],
    { outDir: '', today: '' },
    (l) => log.push(l),
    (l) => log.push(l),
  );
  expect(imported, log.join('\n')).toBe(0);
  expect(
    runDatasetCli(
      ['build', datasetDir],
      (l) => log.push(l),
      (l) => log.push(l),
    ),
    log.join('\n'),
  ).toBe(0);
  buildWithTestKeys(distDir, { BACKSTORY_DATASET: join(datasetDir, 'dataset.json') });
  // browsers.ts reads the build's folder when it is loaded.
  process.env.BACKSTORY_OUT_DIR = distDir;
  const pages = join(work, 'pages');
  mkdirSync(pages);
  writeFileSync(join(pages, 'article.html'), ARTICLE);
  server = await startServer(pages);
});

afterAll(async () => {
  if (outDirBefore === undefined) delete process.env.BACKSTORY_OUT_DIR;
  else process.env.BACKSTORY_OUT_DIR = outDirBefore;
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('Wikidata round trip', () => {
  it("shows the imported person's card: description, latest role, birth and sources", async () => {
    const { launch, waitFor } = await import('./browsers');
    const browser = await launch('chromium');
    try {
      const page = await browser.newPage(server.url('article.html'));
      await waitFor('highlights', () => page.evaluate(() => CSS.highlights.has('backstory-person'), null));
      const point = await page.evaluate(locateHighlighted, { name: 'backstory-person', text: 'Konstantinos Mitsotakis', block: 'start' });
      expect(point).not.toBeNull();
      if (!point) return;
      await page.mouse.move(point.x, point.y);
      const text = await waitFor('the card', async () => {
        const card = (await browser.cardText(page)) ?? '';
        return card.includes('Konstantinos Mitsotakis') ? card : null;
      });
      await page.screenshot({ path: SCREENSHOT });
      expect(text).toContain('Greek politician.');
      // The role that ended last (parliament, to 2004), shown as former and titled with the position's own English label from the fixture.
      expect(text).toContain('Former Member of the Hellenic Parliament');
      expect(text).not.toContain('position label not in the Wikidata input');
      expect(text).toContain('18 Oct 1918 Born.');
      expect(text).toContain('wikidata.org');
    } finally {
      await browser.close();
    }
  });
});
