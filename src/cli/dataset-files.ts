/**
 * Reading datasets for the command line: either the source folder maintainers edit
 * (assets/dataset: dataset.meta.json, given-names.txt, entities/<id>.json) or a single release
 * file (dataset.json, or a file someone sent). Every command that takes a dataset takes both.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDataset, type Dataset, type DatasetError } from '../dataset/schema';
import {
  assembleDataset,
  ENTITIES_DIR,
  GIVEN_NAMES_FILE,
  META_FILE,
  RELEASE_FILE,
  type AssembleResult,
  type DatasetSources,
} from '../dataset/layout';

const ROOT = resolve(import.meta.dirname, '../..');
/** The source folder of the bundled dataset: what `[dir|file]` defaults to. */
export const DATASET_DIR = resolve(ROOT, 'assets/dataset');
/** The bundled release file, built from DATASET_DIR by `npm run dataset -- build`. */
export const BUNDLED = resolve(DATASET_DIR, RELEASE_FILE);

export type LoadedDataset =
  | {
      ok: true;
      dataset: Dataset;
      /** The release file's bytes: the file as it is, or the folder as `build` writes it. */
      bytes: Uint8Array;
      /** 'folder': errors and lint paths are inside each entity's own file. */
      kind: 'folder' | 'file';
      /** Folders only: the highest entity `order`. */
      highestOrder?: number;
    }
  /** `stopped`: checking stopped after the first 200 errors (schema.ts). */
  | { ok: false; errors: DatasetError[]; stopped?: true };

export function isDatasetFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** The folder's files, as text; a missing metadata file is reported as an error. */
export function readDatasetSources(dir: string): { ok: true; sources: DatasetSources } | { ok: false; errors: DatasetError[] } {
  const metaPath = join(dir, META_FILE);
  if (!existsSync(metaPath)) {
    return { ok: false, errors: [{ entity: META_FILE, path: '(file)', message: `${dir} has no ${META_FILE}; is it a dataset folder?` }] };
  }
  const givenPath = join(dir, GIVEN_NAMES_FILE);
  const entitiesDir = join(dir, ENTITIES_DIR);
  const names = existsSync(entitiesDir) ? readdirSync(entitiesDir).filter((n) => n.endsWith('.json')).sort() : [];
  return {
    ok: true,
    sources: {
      meta: readFileSync(metaPath, 'utf8'),
      givenNames: existsSync(givenPath) ? readFileSync(givenPath, 'utf8') : null,
      entities: names.map((n) => ({ name: n.slice(0, -'.json'.length), text: readFileSync(join(entitiesDir, n), 'utf8') })),
    },
  };
}

/** Assembles a source folder into its release file's text and dataset. */
export function buildFolder(dir: string): AssembleResult {
  const read = readDatasetSources(dir);
  if (!read.ok) return read;
  return assembleDataset(read.sources);
}

/** Reads a dataset from a source folder or a release file, and validates it. */
export function loadDataset(path: string): LoadedDataset {
  const target = resolve(path);
  if (isDatasetFolder(target)) {
    const built = buildFolder(target);
    if (!built.ok) return built;
    return { ok: true, dataset: built.dataset, bytes: new TextEncoder().encode(built.text), kind: 'folder', highestOrder: built.highestOrder };
  }
  let bytes: Uint8Array;
  let raw: unknown;
  try {
    bytes = new Uint8Array(readFileSync(target));
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { ok: false, errors: [{ entity: '-', path: '(file)', message: `cannot read ${target} as JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const parsed = parseDataset(raw);
  if (!parsed.ok) return parsed;
  return { ok: true, dataset: parsed.dataset, bytes, kind: 'file' };
}
