/**
 * Signing and publishing dataset releases, reached through `npm run dataset --`:
 *
 *   keygen --out <file>                       a new Ed25519 key pair; the file holds the private key
 *   publish <dir|dataset.json> --key <file> --out <dir> [--expires-days 30]
 *                                             validate, write dataset-<sha256>.json and a signed manifest.json;
 *                                             a source folder is published as `build` writes it
 *   verify <dir> [--floor N]                  run the extension's own checks against a published folder
 *
 * Keys, signatures and checks use WebCrypto, exactly like the extension, and `verify` calls the
 * same `verifyRelease` the background's updater calls.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { z } from 'zod';
import { SCHEMA_VERSION } from '../dataset/schema';
import { loadDataset } from './dataset-files';
import {
  DATASET_MAX_BYTES,
  MANIFEST_MAX_BYTES,
  RELEASE_TYPE,
  checkPinnedKey,
  fromBase64,
  keyIdFor,
  parseManifest,
  sha256Hex,
  toBase64,
  verifyRelease,
  type ReleasePayload,
  type Result,
} from '../dataset/update-manifest';
import { encodePayload, signPayload } from './sign-release';
import { pinnedKeys } from '../dataset/pinned-keys';
import { errorReportLines, reportDatasetErrors } from '../dataset/report';

type Out = (line: string) => void;

const ROOT = resolve(import.meta.dirname, '../..');
const DAY_MS = 24 * 60 * 60 * 1000;

/** The private key file written by keygen. `*.private.key` is in .gitignore. */
export const PrivateKeyFile = z.strictObject({
  kind: z.literal('backstory-release-private-key'),
  algorithm: z.literal('Ed25519'),
  keyid: z.string().regex(/^[0-9a-f]{64}$/),
  publicKey: z.string(),
  /** PKCS #8, base64. */
  privateKey: z.string(),
});
export type PrivateKeyFile = z.infer<typeof PrivateKeyFile>;

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function positional(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === undefined) continue;
    if (arg.startsWith('--')) i++;
    else out.push(arg);
  }
  return out;
}

function insideRepo(path: string): boolean {
  const rel = relative(ROOT, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export async function generateKeyPair(): Promise<PrivateKeyFile> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  return {
    kind: 'backstory-release-private-key',
    algorithm: 'Ed25519',
    keyid: await keyIdFor(raw),
    publicKey: toBase64(raw),
    privateKey: toBase64(pkcs8),
  };
}

export function readPrivateKey(path: string): Result<PrivateKeyFile> {
  try {
    const parsed = PrivateKeyFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) return { ok: false, error: `${path} is not a Backstory private key written by keygen` };
    return { ok: true, value: parsed.data };
  } catch (error) {
    return { ok: false, error: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The one field of an exported Ed25519 JWK that names its public key (base64url). */
const PublicJwk = z.object({ crv: z.literal('Ed25519'), x: z.string() });

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The signing key of a key file, after checking that the file describes one key: its keyid is
 * the sha256 of its public key (as the extension checks pinned keys), and that public key is
 * the private key's own. A file edited by hand, or pasted together from two keys, would
 * otherwise sign manifests that announce a keyid no client can match to the key that signed.
 */
export async function loadSigningKey(file: PrivateKeyFile): Promise<Result<CryptoKey>> {
  const pinned = await checkPinnedKey({ keyid: file.keyid, publicKey: file.publicKey });
  if (!pinned.ok)
    return { ok: false, error: `the key file's keyid ${file.keyid.slice(0, 16)}… is not the sha256 of its public key; nothing was signed` };
  const pkcs8 = fromBase64(file.privateKey);
  if (!pkcs8) return { ok: false, error: "the key file's private key is not base64; nothing was signed" };
  let extractable: CryptoKey;
  try {
    extractable = await crypto.subtle.importKey('pkcs8', pkcs8.slice().buffer, { name: 'Ed25519' }, true, ['sign']);
  } catch {
    return { ok: false, error: "the key file's private key is not an Ed25519 key; nothing was signed" };
  }
  const jwk = PublicJwk.safeParse(await crypto.subtle.exportKey('jwk', extractable));
  if (!jwk.success || jwk.data.x !== toBase64Url(pinned.value)) {
    return { ok: false, error: "the key file's public key does not belong to its private key; nothing was signed" };
  }
  return { ok: true, value: await crypto.subtle.importKey('pkcs8', pkcs8.slice().buffer, { name: 'Ed25519' }, false, ['sign']) };
}

/** Writes via a temporary file and a rename, so a reader never sees half a file. */
function writeAtomically(path: string, data: string | Uint8Array, mode = 0o644): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, data, { mode });
  renameSync(temp, path);
}

async function keygen(args: string[], out: Out, err: Out): Promise<number> {
  const target = flag(args, '--out');
  if (!target) {
    err('usage: dataset keygen --out <file>   (for example ~/backstory-release-2027.private.key)');
    return 2;
  }
  const path = resolve(target);
  if (existsSync(path)) {
    err(`refusing to overwrite ${path}`);
    return 1;
  }
  if (insideRepo(path)) {
    err(
      `warning: ${path} is inside the repository. Keep private keys outside it; ${path.endsWith('.private.key') ? '.gitignore covers *.private.key, but a copy in the working tree is still one careless command away from a commit' : 'this name is NOT covered by .gitignore (use *.private.key)'}.`,
    );
  }
  const key = await generateKeyPair();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  out(`wrote the private key to ${path} (readable by you only). Never commit it.`);
  out('Public key, for src/dataset/pinned-keys.ts (PROJECT_KEYS):');
  out(JSON.stringify({ keyid: key.keyid, publicKey: key.publicKey }));
  return 0;
}

function lastPublishedVersion(dir: string): Result<number> {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return { ok: true, value: 0 };
  const parsed = parseManifest(new Uint8Array(readFileSync(path)));
  if (!parsed.ok) return { ok: false, error: `${path} exists but cannot be read (${parsed.error}); move it away to start a new channel` };
  return { ok: true, value: parsed.value.payload.version };
}

async function publish(args: string[], out: Out, err: Out): Promise<number> {
  const [datasetPath] = positional(args);
  const keyPath = flag(args, '--key');
  const outDir = flag(args, '--out');
  const days = Number(flag(args, '--expires-days') ?? '30');
  if (!datasetPath || !keyPath || !outDir) {
    err('usage: dataset publish <dir|dataset.json> --key <private-key> --out <dir> [--expires-days 30]');
    return 2;
  }
  if (!Number.isFinite(days) || days <= 0 || days > 366) {
    err('--expires-days must be a number of days between 1 and 366');
    return 2;
  }
  // A source folder is published exactly as `build` writes its dataset.json.
  const loaded = loadDataset(datasetPath);
  if (!loaded.ok) {
    const { errors, stopped } = loaded.error;
    for (const line of errorReportLines(reportDatasetErrors(errors, undefined, stopped))) err(line);
    err(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${datasetPath}; nothing published`);
    return 1;
  }
  const { dataset, bytes } = loaded.value;
  if (bytes.length > DATASET_MAX_BYTES) {
    err(`${datasetPath} is ${bytes.length} bytes; the extension refuses datasets over ${DATASET_MAX_BYTES} bytes`);
    return 1;
  }
  const key = readPrivateKey(resolve(keyPath));
  if (!key.ok) {
    err(key.error);
    return 1;
  }
  const signingKey = await loadSigningKey(key.value);
  if (!signingKey.ok) {
    err(signingKey.error);
    return 1;
  }
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const last = lastPublishedVersion(dir);
  if (!last.ok) {
    err(last.error);
    return 1;
  }
  const version = dataset.version;
  if (version <= last.value) {
    err(`version ${version} is not greater than version ${last.value} already published in ${dir}; raise "version" in the dataset`);
    return 1;
  }
  const sha256 = await sha256Hex(bytes);
  const name = `dataset-${sha256}.json`;
  const payload: ReleasePayload = {
    type: RELEASE_TYPE,
    version,
    expires: new Date(Date.now() + days * DAY_MS).toISOString(),
    schemaVersion: SCHEMA_VERSION,
    dataset: { path: name, length: bytes.length, sha256 },
  };
  const envelope = await signPayload(encodePayload(payload), signingKey.value, key.value.keyid);
  const manifest = `${JSON.stringify(envelope, null, 2)}\n`;
  if (manifest.length > MANIFEST_MAX_BYTES) {
    err('the manifest would exceed 16 KiB');
    return 1;
  }
  // The dataset first, the manifest last: a client never sees a manifest without its file.
  writeAtomically(join(dir, name), bytes);
  writeAtomically(join(dir, 'manifest.json'), manifest);
  // Self-check against the signing key with the extension's own code.
  const check = await verifyFolder(dir, [{ keyid: key.value.keyid, publicKey: key.value.publicKey }], last.value);
  if (!check.ok) {
    err(`published, but the self-check failed: ${check.error}`);
    return 1;
  }
  out(`published ${dataset.id} v${version} to ${dir}`);
  out(`  ${name}  ${bytes.length} bytes`);
  out(`  manifest.json  expires ${payload.expires}, signed by ${key.value.keyid.slice(0, 16)}…`);
  out('Upload both files (keep older dataset-*.json files for clients mid-download).');
  return 0;
}

/** Runs the extension's checks (verifyRelease) on a published folder. */
export async function verifyFolder(dir: string, keys = pinnedKeys(), floor = 0, now = new Date()): Promise<Result<string>> {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return { ok: false, error: `${manifestPath} does not exist` };
  const result = await verifyRelease(new Uint8Array(readFileSync(manifestPath)), {
    keys,
    now,
    floor,
    loadDataset: async (payload, cap) => {
      const path = join(dir, payload.dataset.path);
      if (!existsSync(path)) return { ok: false, error: `The dataset file ${payload.dataset.path} is missing.` };
      const bytes = new Uint8Array(readFileSync(path));
      // Same observable result as the streaming cap: at most `cap` bytes are considered.
      return { ok: true, value: bytes.length > cap ? bytes.subarray(0, cap) : bytes };
    },
  });
  if (!result.ok) return result;
  const value = result.value;
  if (value.kind === 'current') return { ok: true, value: `version ${value.payload.version} is the version floor (${floor}): up to date` };
  return {
    ok: true,
    value: `ok: ${value.dataset.id} v${value.payload.version}, ${value.dataset.entities.length} entities, expires ${value.payload.expires}, signed by ${value.keyid.slice(0, 16)}…`,
  };
}

async function verify(args: string[], out: Out, err: Out): Promise<number> {
  const [dir] = positional(args);
  if (!dir) {
    err('usage: dataset verify <dir> [--floor N]');
    return 2;
  }
  const floor = Number(flag(args, '--floor') ?? '0');
  if (!Number.isSafeInteger(floor) || floor < 0) {
    err('--floor must be a whole number');
    return 2;
  }
  const result = await verifyFolder(resolve(dir), pinnedKeys(), floor);
  if (!result.ok) {
    err(result.error);
    return 1;
  }
  out(result.value);
  return 0;
}

export async function runReleaseCli(argv: string[], out: Out = console.log, err: Out = console.error): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'keygen':
        return await keygen(rest, out, err);
      case 'publish':
        return await publish(rest, out, err);
      case 'verify':
        return await verify(rest, out, err);
      default:
        err(
          'usage: dataset <keygen --out <file> | publish <dir|dataset.json> --key <file> --out <dir> [--expires-days 30] | verify <dir>>',
        );
        return 2;
    }
  } catch (error) {
    err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
