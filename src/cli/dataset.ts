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
 *   lint [dir|file] [--today YYYY-MM-DD] [--max-age DAYS]
 *                        warnings and errors beyond the schema (src/dataset/lint.ts), one a
 *                        line as `entity  path  reason`, then a summary; exit 1 on any error.
 *                        Its word and domain lists are in assets/dataset/lint/
 *   import wikidata <file> [--ids Q1,Q2] [--out dir] [--category c] [--today YYYY-MM-DD]
 *                        entity files from Wikidata's entity JSON, a dump or a wbgetentities
 *                        response, read as a stream (src/cli/wikidata-import.ts)
 *
 * [dir|file] is a source folder or a single release file, and defaults to the bundled dataset's
 * folder, assets/dataset.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { datasetJsonSchemas } from '../dataset/json-schema';
import { IsoDay, type Dataset, type DatasetError } from '../dataset/schema';
import {
  formatFinding,
  lintDataset,
  LIST_FILES,
  parseLintList,
  summariseFindings,
  type LintFinding,
  type LintLists,
} from '../dataset/lint';
import { REVIEW_MAX_AGE_DAYS } from '../dataset/review';
import { localIsoDate } from '../shared/local-date';
import { ENTITIES_DIR, RELEASE_FILE } from '../dataset/layout';
import { datasetStats, diffDatasets, errorReportLines, formatStats, formatDiff, reportDatasetErrors } from '../dataset/report';
import { buildFolder, isDatasetFolder, loadDataset, DATASET_DIR, BUNDLED, type LoadedDataset } from './dataset-files';

export { BUNDLED, DATASET_DIR };

type Out = (line: string) => void;

const USAGE =
  'usage: npm run dataset -- <validate [dir|file] | stats [dir|file] | diff <old> <new> | build [dir] [--check] | schema | lint [dir|file] [--today YYYY-MM-DD] [--max-age DAYS] | import wikidata <file> [--ids Q1,Q2] [--out dir] | keygen | publish | verify>';
/** The maintainers' lists that lint reads. */
export const LINT_DIR = resolve(DATASET_DIR, 'lint');

/** Flags that take a value: the word after them is not a positional argument. */
const VALUED_FLAGS = new Set(['--today', '--max-age']);

function positional(args: readonly string[]): string[] {
  return args.filter((a, i) => !a.startsWith('--') && !VALUED_FLAGS.has(args[i - 1] ?? ''));
}

function flag(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

const MaxAge = z.coerce.number().int().min(0).max(36_500);

function readLintLists(err: Out): LintLists | null {
  const lists: Partial<Record<keyof LintLists, string[]>> = {};
  const errors: DatasetError[] = [];
  for (const [list, name] of Object.entries(LIST_FILES) as [keyof LintLists, string][]) {
    const path = join(LINT_DIR, name);
    if (!existsSync(path)) {
      errors.push({ entity: name, path: '(file)', message: `${path} is missing; lint needs it (it may hold only comments)` });
      continue;
    }
    const parsed = parseLintList(list, readFileSync(path, 'utf8'));
    if (parsed.ok) lists[list] = parsed.value;
    else errors.push(...parsed.error.errors);
  }
  if (errors.length > 0) {
    reportErrors(errors, LINT_DIR, err);
    return null;
  }
  return { unreliableDomains: lists.unreliableDomains ?? [], loadedWords: lists.loadedWords ?? [], commonWords: lists.commonWords ?? [] };
}

function lint(args: readonly string[], out: Out, err: Out): number {
  const path = resolve(positional(args)[0] ?? DATASET_DIR);
  const today = IsoDay.safeParse(flag(args, '--today') ?? localIsoDate());
  if (!today.success) {
    err('--today must be a day written YYYY-MM-DD');
    return 2;
  }
  const maxAge = MaxAge.safeParse(flag(args, '--max-age') ?? REVIEW_MAX_AGE_DAYS);
  if (!maxAge.success) {
    err('--max-age must be a whole number of days');
    return 2;
  }
  const lists = readLintLists(err);
  if (!lists) return 1;
  const loaded = loadDataset(path);
  let findings: LintFinding[];
  if (!loaded.ok) {
    // The validator's errors, shared aliases among them, come first: nothing else can be checked.
    findings = loaded.error.errors.map((e) => ({ entity: e.entity, path: e.path, rule: 'invalid', severity: 'error', message: e.message }));
  } else {
    const { dataset, kind } = loaded.value;
    const index = new Map(dataset.entities.map((e, i) => [e.id, i]));
    findings = lintDataset(dataset, { ...lists, today: today.data, maxAgeDays: maxAge.data }).map((f) =>
      // In a release file, paths start at the file's root, as validate prints them.
      kind === 'file' ? { ...f, path: `entities[${index.get(f.entity) ?? '?'}].${f.path}` } : f,
    );
  }
  for (const f of findings) out(formatFinding(f));
  out(`${summariseFindings(findings)} in ${path}, reviews judged on ${today.data} (at most ${maxAge.data} days old)`);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** The first errors (the report stops at 200), and how many were found. */
function reportErrors(errors: readonly DatasetError[], where: string, err: Out, stopped = false): void {
  for (const line of errorReportLines(reportDatasetErrors(errors, undefined, stopped))) err(line);
  err(`${stopped ? 'at least ' : ''}${errors.length} error${errors.length === 1 ? '' : 's'} in ${where}`);
}

function load(path: string, err: Out): Dataset | null {
  const loaded = loadFolderOrFile(path, err);
  return loaded ? loaded.dataset : null;
}

function loadFolderOrFile(path: string, err: Out): LoadedDataset | null {
  const loaded = loadDataset(path);
  if (!loaded.ok) {
    reportErrors(loaded.error.errors, path, err, loaded.error.stopped);
    return null;
  }
  return loaded.value;
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
          reportErrors(built.error.errors, path, err);
          return 1;
        }
        const { dataset, text } = built.value;
        if (existsSync(join(path, RELEASE_FILE)) && !releaseFileIsCurrent(path, text)) {
          err(`${RELEASE_FILE}  (file)  is out of date with the folder; run: npm run dataset -- build`);
          return 1;
        }
        out(`ok: ${path} (${dataset.id} v${dataset.version}, ${dataset.entities.length} entities)`);
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
        reportErrors(built.error.errors, dir, err);
        err(`nothing written`);
        return 1;
      }
      const { dataset, text } = built.value;
      const target = join(dir, RELEASE_FILE);
      const summary = `${dataset.id} v${dataset.version}, ${dataset.entities.length} entities`;
      if (releaseFileIsCurrent(dir, text)) {
        out(`up to date: ${target} (${summary})`);
        return 0;
      }
      if (rest.includes('--check')) {
        err(`${target} is out of date with the folder; run: npm run dataset -- build`);
        return 1;
      }
      writeFileSync(target, text);
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
    case 'lint':
      return lint(rest, out, err);
    case 'import': {
      if (rest[0] !== 'wikidata') {
        err('usage: npm run dataset -- import wikidata <file> [--ids Q1,Q2] [--out dir]; Wikidata is the only source');
        return 2;
      }
      // Reading a dump is a stream: the exit code is set when the import finishes.
      const defaults = { outDir: join(DATASET_DIR, ENTITIES_DIR), today: localIsoDate() };
      void import('./wikidata-import')
        .then(({ runWikidataImport }) => runWikidataImport(rest.slice(1), defaults, out, err))
        .then((code) => {
          process.exitCode = code;
        });
      return 0;
    }
    case 'keygen':
    case 'publish':
    case 'verify':
      // Signing and release checks (src/cli/release.ts) are asynchronous (WebCrypto): the
      // exit code is set when the command finishes.
      void import('./release')
        .then(({ runReleaseCli }) => runReleaseCli(argv, out, err))
        .then((code) => {
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
