import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runDatasetCli } from '../../src/cli/dataset';
import { MINI } from '../support/mini-dataset';

const dir = mkdtempSync(join(tmpdir(), 'backstory-cli-'));
const ROOT = resolve(import.meta.dirname, '../..');

function write(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDatasetCli(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

const broken = JSON.parse(JSON.stringify(MINI)) as { entities: Record<string, unknown>[] };
(broken.entities[0] as Record<string, unknown>).sources = ['http://insecure.example'];
(broken.entities[1] as Record<string, unknown>).related = ['no-such-entity'];

describe('npm run dataset', () => {
  it('validate exits 0 on a valid file', () => {
    const result = run(['validate', write('good.json', MINI)]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^ok: .*good\.json \(test-dataset v1, 15 entities\)$/);
  });

  it('validate exits 1 and prints every error as entity, path and message', () => {
    const result = run(['validate', write('broken.json', broken)]);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      'marco-rubio  entities[0].sources[0]  must be an https:// URL',
      'donald-trump  entities[1].related[0]  no entity has id "no-such-entity"',
      expect.stringMatching(/^2 errors in .*broken\.json$/),
    ]);
  });

  it('validate stops checking a file broken everywhere after 200 errors, and says so', () => {
    const everywhere = JSON.parse(JSON.stringify(MINI)) as { entities: Record<string, unknown>[] };
    const template = everywhere.entities[0] ?? {};
    everywhere.entities = Array.from({ length: 300 }, (_, i) => ({
      ...template,
      id: `person-${i}`,
      name: `Person ${i}`,
      aliases: [],
      sources: ['http://insecure.example'],
    }));
    const result = run(['validate', write('everywhere.json', everywhere)]);
    expect(result.code).toBe(1);
    expect(result.err).toHaveLength(202);
    expect(result.err[0]).toBe('person-0  entities[0].sources[0]  must be an https:// URL');
    expect(result.err[199]).toBe('person-199  entities[199].sources[0]  must be an https:// URL');
    expect(result.err[200]).toBe('checking stopped after 200 errors; fix these and validate again');
    expect(result.err[201]).toMatch(/^at least 200 errors in .*everywhere\.json$/);
  });

  it('validate reports a file that is not JSON', () => {
    const result = run(['validate', write('not-json.json', '{"entities": [')]);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^- {2}\(file\) {2}cannot read .* as JSON/);
  });

  it('stats counts entities by category', () => {
    const result = run(['stats', write('stats.json', MINI)]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toContain('entities            15');
    expect(result.out[0]).toMatch(/person\s+12/);
    expect(result.out[0]).toMatch(/ambiguous aliases\s+4/);
  });

  it('diff lists added, removed and changed entities with their fields', () => {
    const after = JSON.parse(JSON.stringify(MINI)) as { entities: Record<string, unknown>[] };
    after.entities = after.entities.filter((e) => e.id !== 'mark-rutte');
    (after.entities[0] as Record<string, unknown>).summary = 'Changed.';
    after.entities.push({ ...(after.entities[0] as Record<string, unknown>), id: 'new-person', name: 'New Person', aliases: [] });
    const result = run(['diff', write('a.json', MINI), write('b.json', after)]);
    expect(result.code).toBe(0);
    expect(result.out[0]?.split('\n')).toEqual(['+ new-person', '- mark-rutte', '~ marco-rubio  summary', '1 added, 1 removed, 1 changed']);
  });

  it('exits 1 from the real command line on a broken file', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/dataset.ts', 'validate', write('broken2.json', broken)], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain('marco-rubio  entities[0].sources[0]  must be an https:// URL');
  });
});
