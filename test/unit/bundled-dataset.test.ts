/**
 * Guards the data (docs/style.md): the bundled dataset parses and lints without errors, every
 * entity is sourced and dated, the release file is what its source folder builds, the generated
 * JSON Schemas are current, and the seed article's people hold the roles they held on 2025-11-30.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDataset, type Dataset } from '../../src/dataset/schema';
import { roleOn } from '../../src/dataset/cards';
import { datasetJsonSchemas } from '../../src/dataset/json-schema';
import { buildFolder, DATASET_DIR } from '../../src/cli/dataset-files';
import { runDatasetCli } from '../../src/cli/dataset';
import { datasetStats } from '../../src/dataset/report';
import { compileShardedIndex } from '../../src/dataset/compile';

const ROOT = resolve(import.meta.dirname, '../..');
const raw: unknown = JSON.parse(readFileSync(resolve(ROOT, 'assets/dataset/dataset.json'), 'utf8'));

function load(): Dataset {
  const parsed = parseDataset(raw);
  if (!parsed.ok) throw new Error(parsed.error.errors.map((e) => `${e.entity} ${e.path} ${e.message}`).join('\n'));
  return parsed.value;
}

describe('the bundled dataset', () => {
  const dataset = load();
  const byId = new Map(dataset.entities.map((e) => [e.id, e]));
  const role = (id: string, date: string) => {
    const entity = byId.get(id);
    if (!entity) throw new Error(`${id} is missing`);
    return roleOn(entity.roles, date);
  };

  it('keeps its whole index inside the stored head, so a live page never waits on shard reads', () => {
    // Growing past INLINE_RECORDS is a decision (docs/decisions/0007-sharded-index.md), not a side effect.
    const { head, shards } = compileShardedIndex(dataset);
    expect(head.shardBits).toBe(0);
    expect(head.inline).toBeDefined();
    expect(shards.size).toBe(0);
  });

  it('gives every entity a source and at least one dated role or fact', () => {
    const undated = dataset.entities.filter((e) => e.sources.length === 0 || e.roles.length + e.facts.length === 0);
    expect(undated.map((e) => e.id)).toEqual([]);
  });

  it('has at least 160 entities and the category minimums', () => {
    const stats = datasetStats(dataset);
    expect(stats.entities).toBeGreaterThanOrEqual(160);
    expect(stats.byCategory.proposal).toBeGreaterThanOrEqual(14);
    expect(stats.byCategory.organization).toBeGreaterThanOrEqual(10);
    expect(stats.byCategory.place).toBeGreaterThanOrEqual(12);
  });

  it('holds every person and proposal of the seed article', () => {
    for (const id of [
      'marco-rubio',
      'rustem-umerov',
      'steve-witkoff',
      'jared-kushner',
      'vladimir-putin',
      'donald-trump',
      'volodymyr-zelensky',
      'andriy-yermak',
      'mark-rutte',
      'us-28-point-peace-plan',
      'us-19-point-peace-plan',
      'donbas',
      'crimea',
      'kyiv',
      'moscow',
      'nato',
    ]) {
      expect(byId.has(id), id).toBe(true);
    }
  });

  it('pins each seed person’s role on 2025-11-30', () => {
    const on = '2025-11-30';
    expect(role('marco-rubio', on)).toMatchObject({ current: true, role: { title: 'US Secretary of State', from: '2025-01-21' } });
    const umerov = role('rustem-umerov', on);
    expect(umerov?.role.title).toMatch(/^Secretary of the National Security and Defen[cs]e Council/);
    expect(umerov?.role.from).toMatch(/^2025-07/);
    expect(role('rustem-umerov', '2025-06-01')?.role.title).toMatch(/Minister of Defen[cs]e/);
    expect(role('volodymyr-zelensky', on)).toMatchObject({ current: true, role: { title: 'President of Ukraine', from: '2019-05-20' } });
    expect(role('andriy-yermak', on)).toMatchObject({
      current: false,
      role: { title: expect.stringMatching(/^Head of the Office of the President/), from: '2020-02-11', to: '2025-11-28' },
    });
    expect(role('andriy-yermak', '2025-11-27')).toMatchObject({ current: true });
    expect(role('mark-rutte', on)).toMatchObject({
      current: true,
      role: { title: expect.stringMatching(/^Secretary General/), from: '2024-10-01' },
    });
    expect(role('donald-trump', on)).toMatchObject({
      current: true,
      role: { title: expect.stringMatching(/President of the United States$/), from: '2025-01-20' },
    });
    expect(role('vladimir-putin', on)).toMatchObject({ current: true, role: { title: expect.stringMatching(/^President of Russia/) } });
  });

  it('ships JSON Schemas generated from the current zod schema, for the release, entity and metadata files', () => {
    for (const [name, schema] of Object.entries(datasetJsonSchemas())) {
      const shipped: unknown = JSON.parse(readFileSync(resolve(ROOT, 'assets/dataset', name), 'utf8'));
      expect(shipped, `${name} is out of date; run: npm run dataset -- schema`).toEqual(schema);
    }
  });

  it('ships the release file its source folder builds (entities/, dataset.meta.json, given-names.txt)', () => {
    const built = buildFolder(DATASET_DIR);
    if (!built.ok) throw new Error(built.error.errors.map((e) => `${e.entity} ${e.path} ${e.message}`).join('\n'));
    // Compared as text, not as data, so that a hand edit of dataset.json alone fails too.
    const shipped = readFileSync(resolve(ROOT, 'assets/dataset/dataset.json'), 'utf8');
    expect(
      shipped === built.value.text,
      'assets/dataset/dataset.json is out of date with assets/dataset/entities; run: npm run dataset -- build',
    ).toBe(true);
  });

  it('passes npm run dataset -- lint with no errors (warnings are the maintainers’ work list)', () => {
    const lines: string[] = [];
    const code = runDatasetCli(
      ['lint', DATASET_DIR, '--today', '2026-12-05'],
      (l) => lines.push(l),
      (l) => lines.push(l),
    );
    expect(lines.filter((l) => / {2}error \[/.test(l))).toEqual([]);
    expect(lines.at(-1)).toMatch(/^0 errors, \d+ warnings/);
    expect(code).toBe(0);
  });

  it('re-serialises to the same data it was read from', () => {
    expect(JSON.parse(JSON.stringify(dataset))).toEqual(raw);
  });
});
