/**
 * Everything the benchmark builds for itself, under .tmp/bench (never the shared dist/):
 * the synthetic datasets, the extension with each dataset (BACKSTORY_OUT_DIR +
 * BACKSTORY_DATASET), the bench bundle, and the generated pages.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { parseDataset, formatDatasetError, type Dataset } from '../../src/dataset/schema';
import { syntheticDataset } from './synthetic';

export const ROOT = resolve(import.meta.dirname, '../..');
export const WORK = resolve(ROOT, '.tmp/bench');

export function readDataset(path: string): Dataset {
  const parsed = parseDataset(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok)
    throw new Error(`${path} is not a valid dataset:\n${parsed.error.errors.slice(0, 10).map(formatDatasetError).join('\n')}`);
  return parsed.value;
}

/** Writes the synthetic dataset of `aliases` aliases and checks it with parseDataset. */
export function writeSyntheticDataset(aliases: number): string {
  const dir = join(WORK, 'datasets');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `bench-${aliases}.json`);
  writeFileSync(path, JSON.stringify(syntheticDataset(aliases)));
  readDataset(path);
  return path;
}

/** Builds the extension with `dataset` into .tmp/bench/dist-<name>; returns the folder and the build's output. */
export function buildExtension(name: string, dataset: string | null): { dir: string; log: string } {
  const dir = join(WORK, `dist-${name}`);
  const env: NodeJS.ProcessEnv = { ...process.env, BACKSTORY_OUT_DIR: dir };
  if (dataset) env.BACKSTORY_DATASET = dataset;
  else delete env.BACKSTORY_DATASET;
  const result = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`extension build failed:\n${result.stdout}\n${result.stderr}`);
  return { dir, log: result.stdout };
}

/** The bench bundle (scripts/bench/page/entry.ts) as one IIFE; returns its source. */
export async function buildBenchBundle(): Promise<string> {
  const outDir = join(WORK, 'bundle');
  await build({
    configFile: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: resolve(import.meta.dirname, 'page/entry.ts'), formats: ['iife'], name: 'backstoryBench', fileName: () => 'bench.js' },
    },
  });
  return readFileSync(join(outDir, 'bench.js'), 'utf8');
}

/** Peer libraries as plain scripts, straight from node_modules. */
export function peerScripts(): { mark: string; findAndReplace: string; ahoCorasick: string } {
  const read = (path: string): string => readFileSync(resolve(ROOT, 'node_modules', path), 'utf8');
  return {
    mark: read('mark.js/dist/mark.min.js'),
    findAndReplace: read('findandreplacedomtext/src/findAndReplaceDOMText.js'),
    ahoCorasick: read('ahocorasick/src/main.js'),
  };
}

export function writePage(name: string, html: string): void {
  const dir = join(WORK, 'pages');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), html);
}

export function copyPage(from: string, name: string): void {
  const dir = join(WORK, 'pages');
  mkdirSync(dir, { recursive: true });
  copyFileSync(from, join(dir, name));
}
