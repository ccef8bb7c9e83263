/** The maintainers' release commands: keygen, publish, verify (issue 7). */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReleaseCli, readPrivateKey, verifyFolder } from '../../src/cli/release';
import { MINI } from '../support/mini-dataset';

const dir = mkdtempSync(join(tmpdir(), 'backstory-release-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runReleaseCli(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

function writeDataset(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

describe('release commands', () => {
  const keyFile = join(dir, 'keys', 'test.private.key');
  const site = join(dir, 'site');

  it('keygen writes a private key readable only by its owner, and prints the public key', async () => {
    const { code, out } = await cli('keygen', '--out', keyFile);
    expect(code).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readPrivateKey(keyFile);
    expect(key.ok).toBe(true);
    if (key.ok) expect(out.join('\n')).toContain(key.value.publicKey);
    expect((await cli('keygen', '--out', keyFile)).code).toBe(1);
  });

  it('keygen warns when the key would land inside the repository', async () => {
    const inside = join(import.meta.dirname, 'never-committed.private.key');
    try {
      const { code, err } = await cli('keygen', '--out', inside);
      expect(code).toBe(0);
      expect(err.join('\n')).toMatch(/inside the repository/);
    } finally {
      rmSync(inside, { force: true });
    }
  });

  it('publish writes a content-addressed dataset and a signed manifest that verify accepts', async () => {
    const file = writeDataset('v2.json', { ...MINI, version: 2 });
    const { code, out, err } = await cli('publish', file, '--key', keyFile, '--out', site, '--expires-days', '10');
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const files = readdirSync(site).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^dataset-[0-9a-f]{64}\.json$/);
    expect(files[1]).toBe('manifest.json');
    expect(readFileSync(join(site, files[0] ?? ''), 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect(out[0]).toContain('v2');
    const key = readPrivateKey(keyFile);
    if (!key.ok) throw new Error(key.error);
    const pinned = [{ keyid: key.value.keyid, publicKey: key.value.publicKey }];
    const verified = await verifyFolder(site, pinned);
    expect(verified).toMatchObject({ ok: true, value: expect.stringMatching(/^ok: test-dataset v2, 15 entities, expires /) as unknown });
    // Against the project's keys (no test override) the test key is unknown.
    expect(await verifyFolder(site, [{ keyid: '0'.repeat(64), publicKey: key.value.publicKey }])).toEqual({
      ok: false,
      error: 'The update is signed by a key this copy of Backstory does not trust.',
    });
  });

  it('verify <dir> uses the pinned keys, overridable with BACKSTORY_PINNED_KEYS', async () => {
    const key = readPrivateKey(keyFile);
    if (!key.ok) throw new Error(key.error);
    process.env.BACKSTORY_PINNED_KEYS = JSON.stringify([{ keyid: key.value.keyid, publicKey: key.value.publicKey }]);
    try {
      expect((await cli('verify', site)).code).toBe(0);
      expect(await cli('verify', site, '--floor', '2')).toMatchObject({ code: 0, out: ['version 2 is the version floor (2): up to date'] });
      expect(await cli('verify', site, '--floor', '3')).toMatchObject({
        code: 1,
        err: ['The update offers version 2, older than version 3 already installed; going back is refused.'],
      });
    } finally {
      delete process.env.BACKSTORY_PINNED_KEYS;
    }
    expect(await cli('verify', site)).toMatchObject({
      code: 1,
      err: ['The update is signed by a key this copy of Backstory does not trust.'],
    });
  });

  it('publish refuses a key file whose keyid or public key is not its own, and writes nothing', async () => {
    const key = readPrivateKey(keyFile);
    if (!key.ok) throw new Error(key.error);
    const other = join(dir, 'keys', 'other.private.key');
    expect((await cli('keygen', '--out', other)).code).toBe(0);
    const otherKey = readPrivateKey(other);
    if (!otherKey.ok) throw new Error(otherKey.error);
    const before = readdirSync(site).sort();
    const manifest = readFileSync(join(site, 'manifest.json'), 'utf8');
    const file = writeDataset('v5-bad-key.json', { ...MINI, version: 5 });
    const broken = {
      'wrong keyid': { ...key.value, keyid: otherKey.value.keyid },
      'another key’s public half': { ...key.value, keyid: otherKey.value.keyid, publicKey: otherKey.value.publicKey },
    };
    for (const [what, contents] of Object.entries(broken)) {
      const path = join(dir, 'keys', 'broken.private.key');
      writeFileSync(path, JSON.stringify(contents));
      const { code, err } = await cli('publish', file, '--key', path, '--out', site);
      expect(code, what).toBe(1);
      expect(err.join('\n'), what).toMatch(/key file's .*; nothing was signed$/);
      rmSync(path);
    }
    expect(readdirSync(site).sort()).toEqual(before);
    expect(readFileSync(join(site, 'manifest.json'), 'utf8')).toBe(manifest);
  });

  it('publish refuses a version that is not greater than the last one published', async () => {
    const same = writeDataset('v2b.json', { ...MINI, version: 2, title: 'Again' });
    const { code, err } = await cli('publish', same, '--key', keyFile, '--out', site);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/^version 2 is not greater than version 2 already published in /);
    const older = writeDataset('v1.json', { ...MINI, version: 1 });
    expect((await cli('publish', older, '--key', keyFile, '--out', site)).code).toBe(1);
  });

  it('publish refuses an invalid dataset and prints every error', async () => {
    const bad = writeDataset('bad.json', { ...MINI, version: 9, title: '' });
    const { code, err } = await cli('publish', bad, '--key', keyFile, '--out', site);
    expect(code).toBe(1);
    expect(err.at(-1)).toMatch(/error in .*bad\.json; nothing published/);
    expect(existsSync(join(site, 'manifest.json'))).toBe(true);
  });

  it('a newer version replaces the manifest and keeps the old dataset file for clients mid-download', async () => {
    const v3 = writeDataset('v3.json', { ...MINI, version: 3 });
    expect((await cli('publish', v3, '--key', keyFile, '--out', site)).code).toBe(0);
    expect(readdirSync(site).filter((f) => f.startsWith('dataset-'))).toHaveLength(2);
  });

  it('verify reports a tampered folder', async () => {
    const manifestPath = join(site, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { payload: string };
    const payload = JSON.parse(Buffer.from(manifest.payload, 'base64').toString('utf8')) as { dataset: { path: string } };
    writeFileSync(join(site, payload.dataset.path), readFileSync(join(site, payload.dataset.path), 'utf8').replace('Marco', 'Marko'));
    const key = readPrivateKey(keyFile);
    if (!key.ok) throw new Error(key.error);
    expect(await verifyFolder(site, [{ keyid: key.value.keyid, publicKey: key.value.publicKey }])).toEqual({
      ok: false,
      error: 'The dataset file does not match the signed checksum, so it was not installed.',
    });
  });

  it('prints usage for a bad command line', async () => {
    expect((await cli('publish')).code).toBe(2);
    expect((await cli('keygen')).code).toBe(2);
    expect((await cli('verify')).code).toBe(2);
  });
});
