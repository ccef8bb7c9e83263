/**
 * The dataset's source folder: one file per entity, a metadata file and a given-names list,
 * assembled by `npm run dataset -- build` into the release file, and accepted by validate,
 * stats, diff and publish wherever a release file is.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDatasetCli } from '../../src/cli/dataset';
import { runReleaseCli } from '../../src/cli/release';
import { splitDataset } from '../../src/dataset/layout';
import { MINI } from '../support/mini-dataset';

const base = mkdtempSync(join(tmpdir(), 'backstory-folder-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let folders = 0;
/** Writes `dataset` as a source folder, numbering entities 10, 20, 30… in their current order. */
function folder(dataset: object = MINI, givenNames: string[] = ['Melania', 'Hunter']): string {
  const dir = join(base, `f${folders++}`);
  const files = splitDataset({ ...dataset, givenNames });
  mkdirSync(join(dir, 'entities'), { recursive: true });
  writeFileSync(join(dir, 'dataset.meta.json'), files.meta);
  writeFileSync(join(dir, 'given-names.txt'), files.givenNames ?? '');
  for (const e of files.entities) writeFileSync(join(dir, 'entities', `${e.name}.json`), e.text);
  return dir;
}

function editEntity(dir: string, id: string, change: (entity: Record<string, unknown>) => void): void {
  const path = join(dir, 'entities', `${id}.json`);
  const entity = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  change(entity);
  writeFileSync(path, `${JSON.stringify(entity, null, 2)}\n`);
}

function run(...args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDatasetCli(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

function built(dir: string): { entities: { id: string }[]; givenNames?: string[]; $schema?: string } {
  return JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')) as {
    entities: { id: string }[];
    givenNames?: string[];
    $schema?: string;
  };
}

describe('the dataset folder', () => {
  it('builds dataset.json from the folder, in the entities’ order, with the given names', () => {
    const dir = folder();
    const result = run('build', dir);
    expect(result.code).toBe(0);
    expect(result.out).toEqual([expect.stringMatching(/^wrote .*dataset\.json \(test-dataset v1, 15 entities\)$/)]);
    const release = built(dir);
    expect(release.$schema).toBe('./dataset.schema.json');
    expect(release.entities.map((e) => e.id)).toEqual(MINI.entities.map((e) => e.id));
    expect(release.givenNames).toEqual(['Melania', 'Hunter']);
    expect(run('build', dir).out[0]).toMatch(/^up to date: /);
  });

  it('moves an entity by changing the order number in its own file, and nothing else', () => {
    const dir = folder();
    editEntity(dir, 'nato', (e) => void (e.order = 5));
    // Two entities with the same number go by id.
    editEntity(dir, 'mark-rutte', (e) => void (e.order = 5));
    expect(run('build', dir).code).toBe(0);
    expect(
      built(dir)
        .entities.map((e) => e.id)
        .slice(0, 3),
    ).toEqual(['mark-rutte', 'nato', 'marco-rubio']);
  });

  it('skips blank lines and # comments in given-names.txt', () => {
    const dir = folder();
    writeFileSync(join(dir, 'given-names.txt'), '# people the dataset does not hold\n\nMelania\n  Barron  \n');
    expect(run('build', dir).code).toBe(0);
    expect(built(dir).givenNames).toEqual(['Melania', 'Barron']);
  });

  it('reports each error against the file that holds it, with the path inside that file', () => {
    const dir = folder();
    editEntity(dir, 'marco-rubio', (e) => void (e.sources = ['http://insecure.example']));
    editEntity(dir, 'donald-trump', (e) => void (e.related = ['no-such-entity']));
    editEntity(dir, 'nato', (e) => void delete e.order);
    editEntity(dir, 'mark-rutte', (e) => void (e.id = 'mark-rute'));
    writeFileSync(join(dir, 'entities', 'broken.json'), '{ "id": ');
    const meta = JSON.parse(readFileSync(join(dir, 'dataset.meta.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'dataset.meta.json'), JSON.stringify({ ...meta, version: 0 }));
    writeFileSync(join(dir, 'given-names.txt'), `Melania\n${'x'.repeat(61)}\n`);
    const result = run('validate', dir);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      'dataset.meta.json  version  Too small: expected number to be >0',
      'given-names.txt  line 2  Too big: expected string to have <=60 characters',
      'marco-rubio  sources[0]  must be an https:// URL',
      'donald-trump  related[0]  no entity has id "no-such-entity"',
      'mark-rutte  id  is "mark-rute" but the file is mark-rutte.json; name the file after the id',
      'nato  order  is missing: a whole number that places the entity in dataset.json',
      'broken  (file)  is not JSON: Unexpected end of JSON input',
      expect.stringMatching(/^7 errors in .*f\d+$/),
    ]);
    expect(run('build', dir).err.at(-1)).toBe('nothing written');
  });

  it('refuses entities or given names in the metadata file', () => {
    const dir = folder();
    const meta = JSON.parse(readFileSync(join(dir, 'dataset.meta.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'dataset.meta.json'), JSON.stringify({ ...meta, givenNames: ['Melania'] }));
    expect(run('validate', dir).err[0]).toBe('dataset.meta.json  givenNames  given names belong in given-names.txt, one a line');
  });

  it('validate says when dataset.json is out of date with the folder, and build --check agrees', () => {
    const dir = folder();
    expect(run('build', dir).code).toBe(0);
    expect(run('validate', dir)).toMatchObject({ code: 0, out: [expect.stringMatching(/^ok: .* \(test-dataset v1, 15 entities\)$/)] });
    editEntity(dir, 'nato', (e) => void (e.summary = 'The North Atlantic alliance.'));
    expect(run('validate', dir)).toMatchObject({
      code: 1,
      err: ['dataset.json  (file)  is out of date with the folder; run: npm run dataset -- build'],
    });
    expect(run('build', dir, '--check').code).toBe(1);
    expect(built(dir).entities.find((e) => e.id === 'nato')).not.toMatchObject({ summary: 'The North Atlantic alliance.' });
    expect(run('build', dir).code).toBe(0);
    expect(run('build', dir, '--check').code).toBe(0);
  });

  it('stats and diff take a folder as well as a release file', () => {
    const before = folder();
    expect(run('build', before).code).toBe(0);
    const after = folder();
    editEntity(after, 'nato', (e) => void (e.summary = 'Changed.'));
    rmSync(join(after, 'entities', 'mark-rutte.json'));
    const stats = run('stats', after);
    expect(stats.out[0]).toContain('entities            14');
    expect(stats.out[1]).toBe('highest order       150 (a new last entity takes a higher one)');
    const diff = run('diff', join(before, 'dataset.json'), after);
    expect(diff.code).toBe(0);
    expect(diff.out[0]?.split('\n')).toEqual(['- mark-rutte', '~ nato  summary', '0 added, 1 removed, 1 changed']);
  });

  it('publishes a folder as the very bytes of its built dataset.json', async () => {
    const dir = folder();
    const meta = JSON.parse(readFileSync(join(dir, 'dataset.meta.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'dataset.meta.json'), JSON.stringify({ ...meta, version: 2 }));
    expect(run('build', dir).code).toBe(0);
    const key = join(base, 'release.private.key');
    expect(
      await runReleaseCli(
        ['keygen', '--out', key],
        () => undefined,
        () => undefined,
      ),
    ).toBe(0);
    const fromFolder = join(base, 'site-folder');
    const fromFile = join(base, 'site-file');
    const quiet = (): void => undefined;
    expect(await runReleaseCli(['publish', dir, '--key', key, '--out', fromFolder], quiet, quiet)).toBe(0);
    expect(await runReleaseCli(['publish', join(dir, 'dataset.json'), '--key', key, '--out', fromFile], quiet, quiet)).toBe(0);
    const published = (site: string): string =>
      readdirSync(site)
        .filter((n) => n.startsWith('dataset-'))
        .join();
    expect(published(fromFolder)).toMatch(/^dataset-[0-9a-f]{64}\.json$/);
    expect(published(fromFolder)).toBe(published(fromFile));
    expect(readFileSync(join(fromFolder, published(fromFolder)), 'utf8')).toBe(readFileSync(join(dir, 'dataset.json'), 'utf8'));
  });
});
