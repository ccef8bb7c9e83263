/**
 * The golden corpus's labels (test/fixtures/golden, see its README) and how found mentions
 * are scored against them: by the unit test on the matcher's output, and by the end-to-end
 * test on the highlights the built extension draws.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const ROOT = resolve(import.meta.dirname, '../..');
const GOLDEN = join(ROOT, 'test/fixtures/golden');

export const Label = z.strictObject({
  page: z.string(),
  file: z.string(),
  notes: z.string().optional(),
  mentions: z.array(z.strictObject({ text: z.string().min(1), entity: z.string(), count: z.int().positive() })),
  /** Labelled false friends: `text` occurs `count` times on the page and must never be drawn as `entity`. */
  negatives: z
    .array(z.strictObject({ text: z.string().min(1), entity: z.string(), count: z.int().positive(), why: z.string().min(1) }))
    .optional(),
});
export type Label = z.infer<typeof Label>;

export function readLabels(): Label[] {
  return readdirSync(GOLDEN)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => Label.parse(JSON.parse(readFileSync(join(GOLDEN, f), 'utf8'))));
}

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Counts keyed "entity|surface text" ("a+b|Clinton" for a mention still ambiguous). */
export function countKeys(mentions: Iterable<{ entityIds: readonly string[]; text: string }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mentions) {
    const key = `${m.entityIds.join('+')}|${collapse(m.text)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface Score {
  page: string;
  expected: number;
  found: number;
  truePositives: number;
  misses: string[];
  extras: string[];
}

export function score(label: Label, actual: ReadonlyMap<string, number>): Score {
  const expected = countKeys(
    label.mentions.flatMap((m) => Array.from({ length: m.count }, () => ({ entityIds: [m.entity], text: m.text }))),
  );
  let truePositives = 0;
  const misses: string[] = [];
  const extras: string[] = [];
  for (const [key, count] of expected) {
    const got = actual.get(key) ?? 0;
    truePositives += Math.min(count, got);
    if (got < count) misses.push(`${key} ×${count - got}`);
  }
  for (const [key, count] of actual) {
    const want = expected.get(key) ?? 0;
    if (count > want) extras.push(`${key} ×${count - want}`);
  }
  const sum = (m: ReadonlyMap<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  return { page: label.page, expected: sum(expected), found: sum(actual), truePositives, misses, extras };
}

/** Precision and recall over several pages' scores, and a table row per page. */
export function overall(scores: readonly Score[]): { precision: number; recall: number; rows: Record<string, string | number>[] } {
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
  const rows: Record<string, string | number>[] = scores.map((s) => ({
    page: s.page,
    labelled: s.expected,
    found: s.found,
    precision: +ratio(s.truePositives, s.found).toFixed(3),
    recall: +ratio(s.truePositives, s.expected).toFixed(3),
  }));
  const tp = scores.reduce((a, s) => a + s.truePositives, 0);
  const found = scores.reduce((a, s) => a + s.found, 0);
  const expected = scores.reduce((a, s) => a + s.expected, 0);
  const precision = ratio(tp, found);
  const recall = ratio(tp, expected);
  rows.push({ page: 'OVERALL', labelled: expected, found, precision: +precision.toFixed(4), recall: +recall.toFixed(4) });
  return { precision, recall, rows };
}

/**
 * The saved pages whose text is not English, by language: their scores are also held to the
 * bar on their own, so that English pages cannot carry them.
 */
export const NON_ENGLISH_PAGES: Readonly<Record<string, string>> = {
  'lemonde-1': 'fr',
  'liberation-1': 'fr',
  'la-nacion': 'es',
  'nytimes-5': 'es',
  folha: 'pt',
  aktualne: 'cs',
  heise: 'de',
  'euronews-de': 'de',
  'dziennik-pl': 'pl',
  'unian-uk': 'uk',
  '24tv-uk': 'uk',
  'unian-ru': 'ru',
  '24tv-ru': 'ru',
};
