/**
 * The maintainers' command line: `npm run dataset -- <command>`.
 *
 *   validate [dir|file]  exit 0 when valid; else exit 1 and print every error as
 *                        `entity-id  json.path  message`. For the source folder, also checks
 *                        that its built dataset.json is up to date
 *   stats [dir|file]     counts by category, aliases, ambiguous aliases, oldest updatedAt,
 *                        entities without facts, and for a folder the highest `order`
 *   diff <old> <new>     added, removed and changed entities, with the fields that changed
 *   build [dir] [--check]
 *                        assembles dir/dataset.json from dir/dataset.meta.json,
 *                        dir/given-names.txt and dir/entities/*.json; --check only says
 *                        whether the built file is up to date (exit 1 when not)
 *   schema               regenerates the JSON Schemas in assets/dataset/
 *
 * [dir|file] is a source folder or a single release file, and defaults to the bundled dataset's
 * folder, assets/dataset.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { datasetJsonSchemas } from '../dataset/json-schema';
import { formatDatasetError, type Dataset, type DatasetError } from '../dataset/schema';
import { RELEASE_FILE } from '../dataset/layout';
import { datasetStats, diffDatasets, formatStats, formatDiff } from '../dataset/report';
import { buildFolder, isDatasetFolder, loadDataset, DATASET_DIR, BUNDLED, type LoadedDataset } from './dataset-files';

export { BUNDLED, DATASET_DIR };

type Out = (line: string) => void;

const USAGE = 'usage: npm run dataset -- <validate [dir|file] | stats [dir|file] | diff <old> <new> | build [dir] [--check] | schema | keygen | publish | verify>';

function positional(args: readonly string[]): string[] {
  return args.filter((a) => !a.startsWith('--'));
}

function reportErrors(errors: readonly DatasetError[], where: string, err: Out): void {
  for (const e of errors) err(formatDatasetError(e));
  err(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${where}`);
}

function load(path: string, err: Out): Dataset | null {
  const loaded = loadFolderOrFile(path, err);
  return loaded ? loaded.dataset : null;
}

function loadFolderOrFile(path: string, err: Out): Extract<LoadedDataset, { ok: true }> | null {
  const loaded = loadDataset(path);
  if (!loaded.ok) {
    reportErrors(loaded.errors, path, err);
    return null;
  }
  return loaded;
}

/** Whether dir/dataset.json holds exactly what `build` would write. */
function releaseFileIsCurrent(dir: string, text: string): boolean {
  const file = join(dir, RELEASE_FILE);
  return existsSync(file) && readFileSync(file, 'utf8') === text;
}

/** Runs one command; returns the exit code. Separate from process.argv so tests can call it. */
export function runDatasetCli(argv: string[], out: Out = console.log, err: Out = console.error): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate': {
      const path = resolve(positional(rest)[0] ?? DATASET_DIR);
      if (isDatasetFolder(path)) {
        const built = buildFolder(path);
        if (!built.ok) {
          reportErrors(built.errors, path, err);
          return 1;
        }
        if (existsSync(join(path, RELEASE_FILE)) && !releaseFileIsCurrent(path, built.text)) {
          err(`${RELEASE_FILE}  (file)  is out of date with the folder; run: npm run dataset -- build`);
          return 1;
        }
        out(`ok: ${path} (${built.dataset.id} v${built.dataset.version}, ${built.dataset.entities.length} entities)`);
        return 0;
      }
      const dataset = load(path, err);
      if (!dataset) return 1;
      out(`ok: ${path} (${dataset.id} v${dataset.version}, ${dataset.entities.length} entities)`);
      return 0;
    }
    case 'stats': {
      const path = resolve(positional(rest)[0] ?? DATASET_DIR);
      const loaded = loadFolderOrFile(path, err);
      if (!loaded) return 1;
      out(formatStats(datasetStats(loaded.dataset)));
      if (loaded.highestOrder !== undefined) out(`highest order       ${loaded.highestOrder} (a new last entity takes a higher one)`);
      return 0;
    }
    case 'diff': {
      const [before, after] = positional(rest);
      if (!before || !after) {
        err('usage: npm run dataset -- diff <old dir|file> <new dir|file>');
        return 2;
      }
      const a = load(resolve(before), err);
      const b = load(resolve(after), err);
      if (!a || !b) return 1;
      out(formatDiff(diffDatasets(a, b)));
      return 0;
    }
    case 'build': {
      const dir = resolve(positional(rest)[0] ?? DATASET_DIR);
      if (!isDatasetFolder(dir)) {
        err(`${dir} is not a folder; build assembles a dataset folder (dataset.meta.json, given-names.txt, entities/)`);
        return 2;
      }
      const built = buildFolder(dir);
      if (!built.ok) {
        reportErrors(built.errors, dir, err);
        err(`nothing written`);
        return 1;
      }
      const target = join(dir, RELEASE_FILE);
      const summary = `${built.dataset.id} v${built.dataset.version}, ${built.dataset.entities.length} entities`;
      if (releaseFileIsCurrent(dir, built.text)) {
        out(`up to date: ${target} (${summary})`);
        return 0;
      }
      if (rest.includes('--check')) {
        err(`${target} is out of date with the folder; run: npm run dataset -- build`);
        return 1;
      }
      writeFileSync(target, built.text);
      out(`wrote ${target} (${summary})`);
      return 0;
    }
    case 'schema': {
      for (const [name, schema] of Object.entries(datasetJsonSchemas())) {
        const file = resolve(DATASET_DIR, name);
        writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
        out(`wrote ${file}`);
      }
      return 0;
    }
    case 'keygen':
    case 'publish':
    case 'verify':
      // Signing and release checks (src/cli/release.ts) are asynchronous (WebCrypto): the
      // exit code is set when the command finishes.
      void import('./release').then(({ runReleaseCli }) => runReleaseCli(argv, out, err)).then((code) => {
        process.exitCode = code;
      });
      return 0;
    default:
      err(USAGE);
      return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = runDatasetCli(process.argv.slice(2));
}
