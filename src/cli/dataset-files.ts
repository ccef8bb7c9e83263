/**
 * Reading datasets for the command line: either the source folder maintainers edit
 * (assets/dataset: dataset.meta.json, given-names.txt, entities/<id>.json) or a single release
 * file (dataset.json, or a file someone sent). Every command that takes a dataset takes both.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDataset, type Dataset, type ParseFailure } from '../dataset/schema';
import { fail, ok, type Result } from '../dataset/result';
import {
  assembleDataset,
  ENTITIES_DIR,
  GIVEN_NAMES_FILE,
  META_FILE,
  RELEASE_FILE,
  type AssembledDataset,
  type DatasetSources,
} from '../dataset/layout';

const ROOT = resolve(import.meta.dirname, '../..');
/** The source folder of the bundled dataset: what `[dir|file]` defaults to. */
export const DATASET_DIR = resolve(ROOT, 'assets/dataset');
/** The bundled release file, built from DATASET_DIR by `npm run dataset -- build`. */
export const BUNDLED = resolve(DATASET_DIR, RELEASE_FILE);

export interface LoadedDataset {
  dataset: Dataset;
  /** The release file's bytes: the file as it is, or the folder as `build` writes it. */
  bytes: Uint8Array;
  /** 'folder': errors and lint paths are inside each entity's own file. */
  kind: 'folder' | 'file';
  /** Folders only: the highest entity `order`. */
  highestOrder?: number;
}

export function isDatasetFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** The folder's files, as text; a missing metadata file is reported as an error. */
export function readDatasetSources(dir: string): Result<DatasetSources, ParseFailure> {
  const metaPath = join(dir, META_FILE);
  if (!existsSync(metaPath)) {
    return fail({ errors: [{ entity: META_FILE, path: '(file)', message: `${dir} has no ${META_FILE}; is it a dataset folder?` }] });
  }
  const givenPath = join(dir, GIVEN_NAMES_FILE);
  const entitiesDir = join(dir, ENTITIES_DIR);
  const names = existsSync(entitiesDir)
    ? readdirSync(entitiesDir)
        .filter((n) => n.endsWith('.json'))
        .sort()
    : [];
  return ok({
    meta: readFileSync(metaPath, 'utf8'),
    givenNames: existsSync(givenPath) ? readFileSync(givenPath, 'utf8') : null,
    entities: names.map((n) => ({ name: n.slice(0, -'.json'.length), text: readFileSync(join(entitiesDir, n), 'utf8') })),
  });
}

/** Assembles a source folder into its release file's text and dataset. */
export function buildFolder(dir: string): Result<AssembledDataset, ParseFailure> {
  const read = readDatasetSources(dir);
  if (!read.ok) return read;
  return assembleDataset(read.value);
}

/** Reads a dataset from a source folder or a release file, and validates it. */
export function loadDataset(path: string): Result<LoadedDataset, ParseFailure> {
  const target = resolve(path);
  if (isDatasetFolder(target)) {
    const built = buildFolder(target);
    if (!built.ok) return built;
    const { dataset, text, highestOrder } = built.value;
    return ok({ dataset, bytes: new TextEncoder().encode(text), kind: 'folder', highestOrder });
  }
  let bytes: Uint8Array;
  let raw: unknown;
  try {
    bytes = new Uint8Array(readFileSync(target));
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return fail({
      errors: [
        {
          entity: '-',
          path: '(file)',
          message: `cannot read ${target} as JSON: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    });
  }
  const parsed = parseDataset(raw);
  if (!parsed.ok) return parsed;
  return ok({ dataset: parsed.value, bytes, kind: 'file' });
}
