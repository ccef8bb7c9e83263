/**
 * Test pages made at run time: a React 19 page (server-rendered with react-dom/server and
 * hydrated by a bundle built here) and a 100,000-word article. Written to a temporary folder
 * that the test server serves.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { build } from 'vite';
import { App } from '../fixtures/react/app';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/** A React page as a server renders it: `markup` in its root element, and `client`, bundled here, to hydrate it. */
export async function writeReactPage(
  dir: string,
  page: { client: string; script: string; page: string; title: string; markup: string; root: 'div' | 'main' },
): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: true,
      lib: { entry: page.client, formats: ['iife'], name: page.script.replace(/\W/g, '_'), fileName: () => page.script },
    },
  });
  writeFileSync(
    join(dir, page.page),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${page.title}</title></head><body><${page.root} id="root">${page.markup}</${page.root}><script src="${page.script}"></script></body></html>`,
  );
}

export async function writeGeneratedPages(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-pages-'));
  await writeReactPage(dir, {
    client: join(FIXTURES, 'react/client.ts'),
    script: 'react-client.js',
    page: 'react.html',
    title: 'React page',
    markup: renderToString(h(App, { lead: 'Rustem Umerov' })),
    root: 'div',
  });
  writeFileSync(join(dir, 'long.html'), longArticle(100_000));
  return dir;
}

/** The names longArticle repeats, one every 200 words. */
export const LONG_ARTICLE_NAMES = ['Steve Witkoff', 'Marco Rubio', 'Vladimir Putin', 'Volodymyr Zelensky', 'Mark Rutte'];

/** A plain article of `words` words, with a known name every 200 words. */
export function longArticle(words: number): string {
  const filler = ['the', 'talks', 'continued', 'late', 'into', 'the', 'night', 'while', 'officials', 'waited', 'for', 'news'];
  const names = LONG_ARTICLE_NAMES;
  const paragraphs: string[] = [];
  let text: string[] = [];
  for (let i = 0; i < words; i++) {
    text.push(i % 200 === 100 ? (names[((i / 200) % names.length) | 0] as string) : (filler[i % filler.length] as string));
    if (text.length === 120) {
      paragraphs.push(`<p>${text.join(' ')}.</p>`);
      text = [];
    }
  }
  if (text.length) paragraphs.push(`<p>${text.join(' ')}.</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long read</title></head><body><article>${paragraphs.join('\n')}</article></body></html>`;
}
