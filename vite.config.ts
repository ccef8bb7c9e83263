/**
 * One `vite build` makes both extensions.
 *
 * Why this shape: extension pages (the popup) are ordinary HTML entries, which Vite builds
 * best as ES modules. The content script, though, must be a classic script with no top-level
 * `import` (browsers do not load content scripts as modules), and a background script shared
 * by Chrome's service worker and Firefox's event page is simplest as a classic script too.
 * So the main build emits the pages, and a small plugin then runs library builds in IIFE
 * format, one per script (the content script is a loader plus the script it imports, which
 * loads as a module: a self-contained IIFE is valid module code), and assembles dist/chrome
 * and dist/firefox: the files, plus a manifest merged from manifest/base.json and the
 * browser's overlay. Nothing in dist/ is edited by hand.
 */
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const here = import.meta.dirname;
/** BACKSTORY_OUT_DIR builds elsewhere (the update tests build with test keys into their own folder). */
const dist = resolve(here, process.env.BACKSTORY_OUT_DIR ?? 'dist');
// One staging folder per build process, so parallel builds never delete each other's files.
const stage = resolve(dist, `.stage-${process.pid}`);
const BROWSERS = ['chrome', 'firefox'] as const;
/** The dataset shipped in the build; the benchmark builds with synthetic ones instead. */
const bundledDataset = resolve(here, process.env.BACKSTORY_DATASET ?? 'assets/dataset/dataset.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Deep merge for manifests: objects merge key by key, everything else is replaced. */
export function mergeManifest(base: Json, overlay: Json): Json {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return overlay;
  if (typeof overlay !== 'object' || overlay === null || Array.isArray(overlay)) return overlay;
  const out: { [key: string]: Json } = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = current === undefined ? value : mergeManifest(current, value);
  }
  return out;
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

async function buildScript(entry: string, name: string, format: 'iife' | 'es' = 'iife'): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    define: {
      'process.env.NODE_ENV': JSON.stringify('production'),
      // Signed updates (src/dataset/pinned-keys.ts): empty means the project's keys and URL.
      __BACKSTORY_PINNED_KEYS__: JSON.stringify(process.env.BACKSTORY_PINNED_KEYS ?? ''),
      __BACKSTORY_UPDATE_URL__: JSON.stringify(process.env.BACKSTORY_UPDATE_URL ?? ''),
      __BACKSTORY_UPDATE_TIMEOUT_MS__: JSON.stringify(process.env.BACKSTORY_UPDATE_TIMEOUT_MS ?? ''),
    },
    build: {
      outDir: resolve(stage, 'scripts'),
      emptyOutDir: false,
      target: 'es2022',
      minify: process.env.BACKSTORY_NO_MINIFY ? false : true,
      lib: { entry: resolve(here, entry), formats: [format], name: `backstory_${name.replace(/-/g, '_')}`, fileName: () => `${name}.js` },
    },
  });
}

function extensionBundles(): Plugin {
  return {
    name: 'backstory-extension-bundles',
    apply: 'build',
    // writeBundle runs only after the pages were written, so a failed page build is never masked.
    async writeBundle() {
      // The manifest's content script is a small loader; the real one is a module it imports
      // (src/content/loader.ts says why).
      await buildScript('src/content/loader.ts', 'content');
      await buildScript('src/content/index.ts', 'content-main');
      // The reading aid, a module content-main.js imports only for readers who turn it on.
      await buildScript('src/content/reading-aid.ts', 'content-aid', 'es');
      await buildScript('src/background/index.ts', 'background');
      const pkg = JSON.parse(readFileSync(resolve(here, 'package.json'), 'utf8')) as { version: string };
      const base = readJson(resolve(here, 'manifest/base.json'));
      for (const browser of BROWSERS) {
        const out = resolve(dist, browser);
        rmSync(out, { recursive: true, force: true });
        mkdirSync(out, { recursive: true });
        cpSync(resolve(stage, 'pages'), out, { recursive: true });
        cpSync(resolve(stage, 'scripts'), out, { recursive: true });
        cpSync(resolve(here, 'assets/_locales'), resolve(out, '_locales'), { recursive: true });
        cpSync(resolve(here, 'assets/icons'), resolve(out, 'icons'), { recursive: true });
        mkdirSync(resolve(out, 'dataset'), { recursive: true });
        cpSync(bundledDataset, resolve(out, 'dataset/dataset.json'));
        cpSync(resolve(here, 'src/content/highlights.css'), resolve(out, 'content.css'));
        const manifest = mergeManifest(mergeManifest(base, { version: pkg.version }), readJson(resolve(here, `manifest/${browser}.json`)));
        writeFileSync(resolve(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      }
      for (const name of ['content.js', 'content-main.js']) {
        const content = readFileSync(resolve(stage, 'scripts', name));
        console.log(`${name}: ${(content.length / 1024).toFixed(1)} KB, ${(gzipSync(content).length / 1024).toFixed(1)} KB gzipped`);
      }
      rmSync(stage, { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  root: resolve(here, 'src'),
  base: '',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(stage, 'pages'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    rollupOptions: {
      input: {
        popup: resolve(here, 'src/popup/popup.html'),
        options: resolve(here, 'src/options/options.html'),
        welcome: resolve(here, 'src/welcome/welcome.html'),
      },
    },
  },
  plugins: [extensionBundles()],
  test: {
    root: here,
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The corpus tests match the whole bundled dataset against every saved page; on two busy
    // cores that can pass five seconds. Speed is judged by the bench, never by a test's clock.
    testTimeout: 30_000,
  },
});
