/**
 * The release checks of issue 7, one by one and in order, against releases crafted with keys
 * generated here. The updater and `dataset verify` both run exactly this code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DATASET_MAX_BYTES,
  MANIFEST_MAX_BYTES,
  PAYLOAD_TYPE,
  checkDatasetLength,
  checkExpiry,
  checkManifestSize,
  checkVersion,
  parseManifest,
  preAuthEncoding,
  verifyRelease,
  type PinnedKey,
  type Result,
  type VerifyOutcome,
} from '../../src/dataset/update-manifest';
import { readCapped } from '../../src/background/release-reads';
import { encodePayload, signPayload } from '../../src/cli/sign-release';
import { parsePinnedKeys, pinnedKeys, PROJECT_KEYS } from '../../src/dataset/pinned-keys';
import {
  craftRelease,
  datasetBytes,
  flipByte,
  testKey,
  type CraftedRelease,
  type CraftOptions,
  type TestKey,
} from '../support/release-server';
import { MINI, dataset, entity } from '../support/mini-dataset';

let key: TestKey;
let otherKey: TestKey;
let keys: PinnedKey[];
const NOW = new Date();

beforeAll(async () => {
  key = await testKey();
  otherKey = await testKey();
  keys = [key.pinned];
});

const v = (version: number) => datasetBytes({ ...MINI, version });

async function run(
  release: CraftedRelease,
  options: { floor?: number; keys?: PinnedKey[]; datasetBody?: Uint8Array; now?: Date } = {},
): Promise<Result<VerifyOutcome>> {
  return verifyRelease(new TextEncoder().encode(release.manifest), {
    keys: options.keys ?? keys,
    now: options.now ?? NOW,
    floor: options.floor ?? 1,
    loadDataset: async (payload, cap) => {
      if (payload.dataset.path !== release.datasetPath) return { ok: false, error: 'missing' };
      const body = options.datasetBody ?? release.dataset;
      return { ok: true, value: body.length > cap ? body.subarray(0, cap) : body };
    },
  });
}

async function errorOf(
  bytes: Uint8Array,
  version: unknown,
  craft: Omit<CraftOptions, 'key'> & { key?: TestKey } = {},
  options: Parameters<typeof run>[1] = {},
): Promise<string> {
  const result = await run(await craftRelease(bytes, version, { key, ...craft }), options);
  if (result.ok) throw new Error(`expected a failure, got ${result.value.kind}`);
  return result.error;
}

describe('DSSE pre-authentication encoding', () => {
  it('follows the DSSE v1 layout with byte lengths', () => {
    const pae = new TextDecoder().decode(preAuthEncoding('t/y', new TextEncoder().encode('héllo')));
    expect(pae).toBe('DSSEv1 3 t/y 6 héllo');
  });
});

describe('verifyRelease: a good release', () => {
  it('accepts a newer version signed by a pinned key, and returns the parsed dataset', async () => {
    const result = await run(await craftRelease(v(2), 2, { key }));
    expect(result.ok).toBe(true);
    if (result.ok && result.value.kind === 'newer') {
      expect(result.value.dataset.version).toBe(2);
      expect(result.value.keyid).toBe(key.pinned.keyid);
    } else throw new Error('expected newer');
  });

  it('accepts a release signed by the second pinned key (rotation)', async () => {
    const result = await run(await craftRelease(v(2), 2, { key: otherKey }), { keys: [key.pinned, otherKey.pinned] });
    expect(result.ok && result.value.kind).toBe('newer');
  });

  it('treats the same version as up to date, quietly', async () => {
    const result = await run(await craftRelease(v(3), 3, { key }), { floor: 3 });
    expect(result).toMatchObject({ ok: true, value: { kind: 'current' } });
  });
});

describe('verifyRelease: every bad input is refused with a plain-language error', () => {
  it('rollback: a lower version', async () => {
    expect(await errorOf(v(2), 2, {}, { floor: 5 })).toBe(
      'The update offers version 2, older than version 5 already installed; going back is refused.',
    );
  });

  it('an expired manifest', async () => {
    expect(await errorOf(v(2), 2, { expires: '2020-01-01T00:00:00Z' })).toBe(
      'The update manifest expired on 2020-01-01T00:00:00.000Z, so it was not trusted.',
    );
  });

  it('a manifest that claims to stay valid more than 400 days ahead', async () => {
    const far = new Date(NOW.getTime() + 401 * 86_400_000).toISOString();
    expect(await errorOf(v(2), 2, { expires: far })).toBe(
      `The update manifest claims to stay valid until ${far}, more than 400 days ahead, so it was not trusted.`,
    );
    const withinHorizon = new Date(NOW.getTime() + 399 * 86_400_000).toISOString();
    expect((await run(await craftRelease(v(2), 2, { key, expires: withinHorizon }))).ok).toBe(true);
  });

  it('a missing expires', async () => {
    expect(await errorOf(v(2), 2, { payload: { expires: undefined } })).toBe('The update manifest is malformed: expires is missing.');
  });

  it('a malformed expires', async () => {
    expect(await errorOf(v(2), 2, { expires: 'next tuesday' })).toBe(
      'The update manifest is malformed: expires is not a date and time (like 2026-01-31T00:00:00Z).',
    );
    expect(await errorOf(v(2), 2, { payload: { expires: 1893456000 } })).toMatch(/^The update manifest is malformed: expires /);
  });

  it('an unknown key', async () => {
    expect(await errorOf(v(2), 2, { key: otherKey })).toBe('The update is signed by a key this copy of Backstory does not trust.');
  });

  it('an unknown key claiming a pinned keyid', async () => {
    expect(await errorOf(v(2), 2, { key: otherKey, keyid: key.pinned.keyid })).toBe(
      'The update manifest’s signature does not match its contents, so it was not trusted.',
    );
  });

  it('a pinned keyid paired with another key is never used, even when that key signed', async () => {
    // A copy-paste slip in the pinned list: key's keyid beside otherKey's public key.
    const mismatched = [{ keyid: key.pinned.keyid, publicKey: otherKey.pinned.publicKey }];
    expect(await errorOf(v(2), 2, { key: otherKey, keyid: key.pinned.keyid }, { keys: mismatched })).toBe(
      `The pinned update key ${key.pinned.keyid.slice(0, 16)}… is not the key its keyid names, so it is not used.`,
    );
    // The correct entry beside the broken one still verifies.
    const result = await run(await craftRelease(v(2), 2, { key }), {
      keys: [{ keyid: otherKey.pinned.keyid, publicKey: key.pinned.publicKey }, key.pinned],
    });
    expect(result.ok && result.value.kind).toBe('newer');
  });

  it('a signature over other bytes', async () => {
    const other = new TextEncoder().encode('{"type":"backstory-dataset"}');
    expect(await errorOf(v(2), 2, { signBytes: other })).toBe(
      'The update manifest’s signature does not match its contents, so it was not trusted.',
    );
  });

  it('a signature over a different payload type', async () => {
    expect(await errorOf(v(2), 2, { signPayloadType: 'application/json' })).toBe(
      'The update manifest’s signature does not match its contents, so it was not trusted.',
    );
  });

  it('an envelope announcing a different payload type', async () => {
    const release = await craftRelease(v(2), 2, { key });
    const changed = { ...release, manifest: release.manifest.replace(PAYLOAD_TYPE, 'application/json') };
    const result = await run(changed);
    expect(result).toEqual({ ok: false, error: 'The update manifest has an unknown payload type "application/json".' });
  });

  it('one byte changed anywhere in the signed payload', async () => {
    const release = await craftRelease(v(2), 2, { key });
    const envelope = JSON.parse(release.manifest) as { payload: string };
    const start = release.manifest.indexOf(envelope.payload);
    const errors = new Set<string>();
    for (const offset of [0, 10, 40, 77, Math.floor(envelope.payload.length / 2), envelope.payload.length - 8]) {
      const result = await run({ ...release, manifest: flipByte(release.manifest, start + offset) });
      expect(result.ok).toBe(false);
      if (!result.ok) errors.add(result.error);
    }
    // Depending on where the byte lands, the payload stops being JSON or the signature fails.
    for (const error of errors) expect(error).toMatch(/signature does not match|malformed/);
  });

  it('one byte changed in the signature', async () => {
    const release = await craftRelease(v(2), 2, { key });
    const envelope = JSON.parse(release.manifest) as { signatures: { sig: string }[] };
    const sig = envelope.signatures[0]?.sig ?? '';
    const at = release.manifest.indexOf(sig) + 5;
    expect((await run({ ...release, manifest: flipByte(release.manifest, at) })).ok).toBe(false);
  });

  it('a dataset hash mismatch', async () => {
    const release = await craftRelease(v(2), 2, { key });
    const tampered = v(2).slice();
    tampered[20] = tampered[20] === 0x20 ? 0x09 : 0x20;
    expect(await run(release, { datasetBody: tampered })).toEqual({
      ok: false,
      error: 'The dataset file does not match the signed checksum, so it was not installed.',
    });
  });

  it('a dataset longer than length', async () => {
    const release = await craftRelease(v(2), 2, { key });
    const longer = new Uint8Array([...v(2), 0x20, 0x20]);
    expect(await run(release, { datasetBody: longer })).toEqual({
      ok: false,
      error: `The dataset file is longer than the signed manifest says (${release.dataset.length} bytes).`,
    });
  });

  it('a dataset shorter than length', async () => {
    const release = await craftRelease(v(2), 2, { key });
    expect(await run(release, { datasetBody: v(2).subarray(0, 100) })).toEqual({
      ok: false,
      error: `The dataset file is shorter than the signed manifest says (${release.dataset.length} bytes).`,
    });
  });

  it('a manifest over 16 KiB', async () => {
    const huge = new Uint8Array(MANIFEST_MAX_BYTES + 1).fill(0x20);
    expect(checkManifestSize(huge)).toEqual({ ok: false, error: 'The update manifest is larger than 16 KiB, so it was not read.' });
  });

  it('HTML, or an empty body, with status 200', () => {
    expect(parseManifest(new TextEncoder().encode('<!doctype html><title>Oops</title>'))).toEqual({
      ok: false,
      error: 'The update server sent a web page instead of the update manifest.',
    });
    expect(checkManifestSize(new Uint8Array(0))).toEqual({ ok: false, error: 'The update server sent an empty manifest.' });
    expect(parseManifest(new TextEncoder().encode('{"payloadType"'))).toEqual({
      ok: false,
      error: 'The update manifest is not valid JSON.',
    });
    expect(parseManifest(new Uint8Array([0xff, 0xfe]))).toEqual({
      ok: false,
      error: 'The update manifest is not text (it is not valid UTF-8).',
    });
  });

  it('versions 2^53, -1, 1.5 and "3"', async () => {
    for (const version of [2 ** 53, -1, 1.5, '3', 0, null]) {
      const error = await errorOf(v(2), version);
      expect(error).toMatch(/^The update manifest is malformed: version /);
    }
    expect(await errorOf(v(2), 2 ** 53)).toBe('The update manifest is malformed: version must be below 2^53 (9007199254740992).');
    expect(await errorOf(v(2), -1)).toBe('The update manifest is malformed: version must be 1 or more.');
    expect(await errorOf(v(2), 1.5)).toBe('The update manifest is malformed: version must be a whole number.');
    expect(await errorOf(v(2), '3')).toBe('The update manifest is malformed: version must be a number (not text).');
    expect(await errorOf(v(2), undefined)).toBe('The update manifest is malformed: version is missing.');
  });

  it('a correctly signed dataset that fails the schema', async () => {
    const bad = datasetBytes({ ...MINI, version: 2, entities: [{ ...entity('x', 'person', 'X'), sources: ['http://insecure.example'] }] });
    expect(await errorOf(bad, 2)).toBe('The signed dataset is not valid: x  entities[0].sources[0]  must be an https:// URL.');
    expect(await errorOf(new TextEncoder().encode('not json'), 2)).toBe('The signed dataset file is not valid JSON.');
  });

  it('a dataset whose own version differs from the signed one', async () => {
    expect(await errorOf(v(7), 2)).toBe('The dataset file says version 7 but the signed manifest says 2.');
  });

  it('a dataset path that points elsewhere', async () => {
    for (const path of ['../secret.json', 'https://evil.example/d.json', '/etc/passwd', 'a/b.json']) {
      const error = await errorOf(v(2), 2, { payload: { dataset: { path, length: 10, sha256: '0'.repeat(64) } } });
      expect(error).toBe('The update manifest is malformed: dataset.path must be a plain file name next to manifest.json.');
    }
  });

  it('a length over the 20 MB cap, or a newer schema version', async () => {
    expect(
      await errorOf(v(2), 2, { payload: { dataset: { path: 'd.json', length: DATASET_MAX_BYTES + 1, sha256: '0'.repeat(64) } } }),
    ).toMatch(/^The update manifest is malformed: dataset.length Too big/);
    expect(await errorOf(v(2), 2, { payload: { schemaVersion: 2 } })).toBe(
      'The update uses dataset format 2, which this version of Backstory cannot read (it reads format 1).',
    );
  });

  it('unknown payload fields, or no signatures', async () => {
    expect(await errorOf(v(2), 2, { payload: { extra: 1 } })).toMatch(/^The update manifest is malformed: /);
    const release = await craftRelease(v(2), 2, { key });
    const unsigned = JSON.stringify({ ...(JSON.parse(release.manifest) as object), signatures: [] });
    expect((await run({ ...release, manifest: unsigned })).ok).toBe(false);
  });

  it('no pinned keys at all', async () => {
    expect(await errorOf(v(2), 2, {}, { keys: [] })).toBe('This copy of Backstory has no update keys, so it cannot accept updates.');
  });
});

describe('the checks run in order and stop at the first failure', () => {
  it('checks the signature before expiry and version', async () => {
    expect(await errorOf(v(2), 1, { key: otherKey, expires: '2020-01-01T00:00:00Z' }, { floor: 5 })).toMatch(/does not trust/);
  });

  it('checks expiry before the version', async () => {
    expect(await errorOf(v(2), 1, { expires: '2020-01-01T00:00:00Z' }, { floor: 5 })).toMatch(/expired/);
  });

  it('never downloads the dataset for a rollback, an equal version, or an expired manifest', async () => {
    let downloads = 0;
    const release = await craftRelease(v(2), 2, { key });
    for (const floor of [2, 3]) {
      await verifyRelease(new TextEncoder().encode(release.manifest), {
        keys,
        now: NOW,
        floor,
        loadDataset: async () => {
          downloads++;
          return { ok: true, value: new Uint8Array() };
        },
      });
    }
    expect(downloads).toBe(0);
  });

  it('checkVersion and checkExpiry in isolation', () => {
    const payload = {
      type: 'backstory-dataset' as const,
      version: 4,
      expires: '2030-01-01T00:00:00Z',
      schemaVersion: 1,
      dataset: { path: 'd.json', length: 1, sha256: '0'.repeat(64) },
    };
    expect(checkVersion(payload, 3)).toEqual({ ok: true, value: 'newer' });
    expect(checkVersion(payload, 4)).toEqual({ ok: true, value: 'current' });
    expect(checkVersion(payload, 5).ok).toBe(false);
    expect(checkExpiry(payload, new Date('2029-12-31T23:59:59Z')).ok).toBe(true);
    expect(checkExpiry(payload, new Date('2030-01-01T00:00:00Z')).ok).toBe(false);
    expect(
      checkDatasetLength(new Uint8Array(DATASET_MAX_BYTES + 1), { ...payload, dataset: { ...payload.dataset, length: DATASET_MAX_BYTES } }),
    ).toEqual({ ok: false, error: 'The dataset file is larger than 20 MB, so it was not read.' });
  });
});

describe('signing', () => {
  const payload = (expires: string) => ({
    type: 'backstory-dataset' as const,
    version: 4,
    expires,
    schemaVersion: 1,
    dataset: { path: 'd.json', length: 1, sha256: '0'.repeat(64) },
  });

  it('signs a payload the clients accept, and refuses one expiring more than 400 days ahead or already expired', async () => {
    const soon = new Date(NOW.getTime() + 30 * 86_400_000).toISOString();
    const envelope = await signPayload(encodePayload(payload(soon)), key.privateKey, key.pinned.keyid, NOW);
    expect(envelope.signatures[0]?.keyid).toBe(key.pinned.keyid);
    const far = new Date(NOW.getTime() + 401 * 86_400_000).toISOString();
    await expect(signPayload(encodePayload(payload(far)), key.privateKey, key.pinned.keyid, NOW)).rejects.toThrow(
      /^refusing to sign: .*more than 400 days ahead/,
    );
    await expect(signPayload(encodePayload(payload('2020-01-01T00:00:00Z')), key.privateKey, key.pinned.keyid, NOW)).rejects.toThrow(
      /^refusing to sign: .*expired/,
    );
  });
});

describe('readCapped', () => {
  const stream = (chunks: number, size: number) =>
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (chunks-- <= 0) controller.close();
        else controller.enqueue(new Uint8Array(size));
      },
    });

  it('reads a body under the cap', async () => {
    const result = await readCapped(stream(3, 100), 1000, 'x');
    expect(result.ok && result.value.length).toBe(300);
  });

  it('stops an endless body at the cap', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => {
        pulled++;
        c.enqueue(new Uint8Array(1024));
      },
    });
    expect(await readCapped(endless, 16 * 1024, 'The update manifest')).toEqual({
      ok: false,
      error: { kind: 'too-large', message: 'The update manifest is larger than 16 KiB, so it was not read.' },
    });
    expect(pulled).toBeLessThan(40);
  });

  it('tells a body cut off by its time limit from other read failures by kind, not by wording', async () => {
    const failing = (error: unknown) => new ReadableStream<Uint8Array>({ pull: (c) => c.error(error) });
    const timedOut = await readCapped(failing(new DOMException('signal timed out', 'TimeoutError')), 1000, 'The dataset file');
    expect(timedOut).toEqual({ ok: false, error: { kind: 'timed-out', message: 'The dataset file could not be read: it took too long.' } });
    // A server's error text that happens to say "took too long" is still a network failure.
    const dropped = await readCapped(failing(new TypeError('the connection took too long to reset')), 1000, 'The dataset file');
    expect(dropped.ok === false && dropped.error.kind).toBe('network');
  });
});

describe('pinned keys', () => {
  it('pins at least two project keys, so keys can be rotated', () => {
    expect(PROJECT_KEYS.length).toBeGreaterThanOrEqual(2);
    expect(new Set(PROJECT_KEYS.map((k) => k.keyid)).size).toBe(PROJECT_KEYS.length);
  });

  it('project keyids are the sha256 of the public keys', async () => {
    const { keyIdFor, fromBase64 } = await import('../../src/dataset/update-manifest');
    for (const k of PROJECT_KEYS) expect(await keyIdFor(fromBase64(k.publicKey) ?? new Uint8Array())).toBe(k.keyid);
  });

  it('parses the BACKSTORY_PINNED_KEYS format and refuses junk', () => {
    expect(parsePinnedKeys(JSON.stringify([key.pinned]))).toEqual([key.pinned]);
    expect(parsePinnedKeys('[]')).toBeNull();
    expect(parsePinnedKeys('nope')).toBeNull();
    expect(parsePinnedKeys(JSON.stringify([{ keyid: 'x', publicKey: 'y' }]))).toBeNull();
    // 43 characters and "=" but with padding bits set: not canonical base64, not 32 clean bytes.
    expect(parsePinnedKeys(JSON.stringify([{ ...key.pinned, publicKey: `${key.pinned.publicKey.slice(0, 42)}B=` }]))).toBeNull();
  });

  it('uses the project keys unless a test build overrides them', () => {
    if (!process.env.BACKSTORY_PINNED_KEYS) expect(pinnedKeys()).toBe(PROJECT_KEYS);
  });
});

describe('a dataset built in code stays valid for these tests', () => {
  it('has version 1 by default', () => {
    expect(dataset([]).version).toBe(1);
  });
});
