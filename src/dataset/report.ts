/** Dataset statistics, diffs and validation reports for the maintainers' command line and the options page. */
import {
  CATEGORY_IDS,
  aliasIsAmbiguous,
  formatDatasetError,
  type CategoryId,
  type Dataset,
  type DatasetError,
  type Entity,
} from './schema';
import { perCategory } from './categories';

/**
 * A validation report lists at most this many errors and counts the rest: a file broken in
 * every entity would otherwise print (or send to the options page, and render there) hundreds
 * of thousands of lines that nobody reads past the first screen.
 */
export const MAX_REPORTED_ERRORS = 200;

export interface ErrorReport {
  /** The first MAX_REPORTED_ERRORS errors, formatted as `entity  path  message`. */
  lines: string[];
  /** How many errors were found. */
  total: number;
  /** Checking stopped early (schema.ts MAX_PARSE_ERRORS): there may be more. */
  stopped?: boolean;
}

export function reportDatasetErrors(errors: readonly DatasetError[], limit = MAX_REPORTED_ERRORS, stopped = false): ErrorReport {
  return { lines: errors.slice(0, limit).map(formatDatasetError), total: errors.length, ...(stopped ? { stopped } : {}) };
}

/** The report's lines for a terminal: the errors listed, then how many were left out. */
export function errorReportLines(report: ErrorReport): string[] {
  const left = report.total - report.lines.length;
  const lines =
    left > 0
      ? [...report.lines, `… and ${left} more error${left === 1 ? '' : 's'} not listed (the report stops after ${report.lines.length})`]
      : [...report.lines];
  if (report.stopped) lines.push(`checking stopped after ${report.total} errors; fix these and validate again`);
  return lines;
}

export interface DatasetStats {
  entities: number;
  byCategory: Record<CategoryId, number>;
  aliases: number;
  ambiguousAliases: number;
  oldestUpdate: { id: string; updatedAt: string } | null;
  withoutFacts: string[];
}

export function datasetStats(dataset: Dataset): DatasetStats {
  const byCategory = perCategory(() => 0);
  let aliases = 0;
  let ambiguousAliases = 0;
  let oldest: DatasetStats['oldestUpdate'] = null;
  const withoutFacts: string[] = [];
  for (const e of dataset.entities) {
    byCategory[e.category]++;
    aliases += e.aliases.length;
    ambiguousAliases += e.aliases.filter(aliasIsAmbiguous).length;
    if (!oldest || e.updatedAt < oldest.updatedAt) oldest = { id: e.id, updatedAt: e.updatedAt };
    if (e.facts.length === 0) withoutFacts.push(e.id);
  }
  return { entities: dataset.entities.length, byCategory, aliases, ambiguousAliases, oldestUpdate: oldest, withoutFacts };
}

export function formatStats(stats: DatasetStats): string {
  const lines = [`entities            ${stats.entities}`];
  for (const c of CATEGORY_IDS) lines.push(`  ${c.padEnd(18)}${stats.byCategory[c]}`);
  lines.push(`aliases             ${stats.aliases}`);
  lines.push(`ambiguous aliases   ${stats.ambiguousAliases}`);
  lines.push(`oldest updatedAt    ${stats.oldestUpdate ? `${stats.oldestUpdate.updatedAt} (${stats.oldestUpdate.id})` : '-'}`);
  lines.push(`without facts       ${stats.withoutFacts.length}${stats.withoutFacts.length ? `: ${stats.withoutFacts.join(', ')}` : ''}`);
  return lines.join('\n');
}

export interface DatasetDiff {
  added: string[];
  removed: string[];
  changed: { id: string; fields: string[] }[];
}

export function diffDatasets(before: Dataset, after: Dataset): DatasetDiff {
  const old = new Map(before.entities.map((e) => [e.id, e]));
  const now = new Map(after.entities.map((e) => [e.id, e]));
  const added = [...now.keys()].filter((id) => !old.has(id));
  const removed = [...old.keys()].filter((id) => !now.has(id));
  const changed: DatasetDiff['changed'] = [];
  for (const [id, entity] of now) {
    const previous = old.get(id);
    if (!previous) continue;
    const fields = (Object.keys(entity) as (keyof Entity)[]).filter((k) => JSON.stringify(entity[k]) !== JSON.stringify(previous[k]));
    if (fields.length > 0) changed.push({ id, fields });
  }
  return { added, removed, changed };
}

export function formatDiff(diff: DatasetDiff): string {
  const lines: string[] = [];
  for (const id of diff.added) lines.push(`+ ${id}`);
  for (const id of diff.removed) lines.push(`- ${id}`);
  for (const { id, fields } of diff.changed) lines.push(`~ ${id}  ${fields.join(', ')}`);
  lines.push(`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`);
  return lines.join('\n');
}
