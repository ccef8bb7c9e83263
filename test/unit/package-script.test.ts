/**
 * `npm run package` builds the zips users install. It must refuse to build while a test-build
 * variable is set, since vite.config.ts would bake it into the extension. The package script's
 * own command line runs here, with `npm` and `web-ext` replaced by stand-ins that only note
 * that they were called, so nothing is built.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = resolve(import.meta.dirname, '../..');
const shims = mkdtempSync(join(tmpdir(), 'backstory-package-'));
const log = join(shims, 'calls.log');
for (const tool of ['npm', 'web-ext']) {
  const path = join(shims, tool);
  writeFileSync(path, `#!/usr/bin/env bash\necho "${tool} $*" >> "${log}"\n`);
  chmodSync(path, 0o755);
}
afterAll(() => rmSync(shims, { recursive: true, force: true }));

const packageScript = z
  .object({ scripts: z.object({ package: z.string() }) })
  .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))).scripts.package;

function runPackage(extra: Record<string, string>): { status: number | null; stderr: string; calls: string[] } {
  rmSync(log, { force: true });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('BACKSTORY_')) env[k] = v;
  const child = spawnSync('bash', ['-c', packageScript], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...env, ...extra, PATH: `${shims}:${env.PATH ?? ''}` },
  });
  return { status: child.status, stderr: child.stderr, calls: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
}

describe('npm run package', () => {
  it('builds and lints with no test-build variable set', () => {
    const result = runPackage({});
    expect(result.status).toBe(0);
    expect(result.calls[0]).toBe('npm run build');
    expect(result.calls.slice(1).every((c) => c.startsWith('web-ext '))).toBe(true);
  });

  for (const name of ['BACKSTORY_PINNED_KEYS', 'BACKSTORY_UPDATE_URL', 'BACKSTORY_UPDATE_TIMEOUT_MS']) {
    it(`refuses to build while ${name} is set, even empty`, () => {
      for (const value of ['[{"keyid":"x"}]', '']) {
        const result = runPackage({ [name]: value });
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain(`refusing to build release packages while ${name} is set`);
        expect(result.calls).toEqual([]);
      }
    });
  }
});
