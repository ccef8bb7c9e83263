/**
 * The maintainers' command line: `npm run dataset -- <command>`.
 *
 *   validate [file]      exit 0 when valid; else exit 1 and print every error as
 *                        `entity-id  json.path  message`
 *   stats [file]         counts by category, aliases, ambiguous aliases, oldest updatedAt,
 *                        entities without facts
 *   diff <old> <new>     added, removed and changed entities, with the fields that changed
 *   schema               regenerates assets/dataset/dataset.schema.json
 *
 * [file] defaults to the bundled dataset, assets/dataset/dataset.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { datasetJsonSchema } from '../dataset/json-schema';
import { parseDataset, type Dataset } from '../dataset/schema';
import { datasetStats, diffDatasets, errorReportLines, formatStats, formatDiff, reportDatasetErrors } from '../dataset/report';

const ROOT = resolve(import.meta.dirname, '../..');
export const BUNDLED = resolve(ROOT, 'assets/dataset/dataset.json');
export const SCHEMA_FILE = resolve(ROOT, 'assets/dataset/dataset.schema.json');

type Out = (line: string) => void;

function load(file: string, err: Out): Dataset | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    err(`-  (file)  cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  const parsed = parseDataset(raw);
  if (!parsed.ok) {
    for (const line of errorReportLines(reportDatasetErrors(parsed.errors, undefined, parsed.stopped))) err(line);
    err(`${parsed.stopped ? 'at least ' : ''}${parsed.errors.length} error${parsed.errors.length === 1 ? '' : 's'} in ${file}`);
    return null;
  }
  return parsed.dataset;
}

/** Runs one command; returns the exit code. Separate from process.argv so tests can call it. */
export function runDatasetCli(argv: string[], out: Out = console.log, err: Out = console.error): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate': {
      const file = resolve(rest[0] ?? BUNDLED);
      const dataset = load(file, err);
      if (!dataset) return 1;
      out(`ok: ${file} (${dataset.id} v${dataset.version}, ${dataset.entities.length} entities)`);
      return 0;
    }
    case 'stats': {
      const dataset = load(resolve(rest[0] ?? BUNDLED), err);
      if (!dataset) return 1;
      out(formatStats(datasetStats(dataset)));
      return 0;
    }
    case 'diff': {
      const [before, after] = rest;
      if (!before || !after) {
        err('usage: dataset diff <old.json> <new.json>');
        return 2;
      }
      const a = load(resolve(before), err);
      const b = load(resolve(after), err);
      if (!a || !b) return 1;
      out(formatDiff(diffDatasets(a, b)));
      return 0;
    }
    case 'schema': {
      writeFileSync(SCHEMA_FILE, `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
      out(`wrote ${SCHEMA_FILE}`);
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
      err('usage: npm run dataset -- <validate [file] | stats [file] | diff <old> <new> | schema | keygen | publish | verify>');
      return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = runDatasetCli(process.argv.slice(2));
}
