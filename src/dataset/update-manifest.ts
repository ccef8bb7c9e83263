/**
 * Signed dataset releases (docs/design.md §7): the published `manifest.json`, the
 * DSSE-style signature over its payload, and the ordered checks every copy of Backstory runs
 * before a byte of stored state changes. Everything here is plain TypeScript over web
 * standards (WebCrypto, streams, TextDecoder), shared by the background's updater and the
 * maintainers' `verify` command, so both run exactly the same checks.
 *
 * The manifest is an envelope:
 *
 *   { "payloadType": "application/vnd.backstory.release+json",
 *     "payload": "<base64 of the payload's exact bytes>",
 *     "signatures": [{ "keyid": "<sha256 hex of the raw public key>", "sig": "<base64>" }] }
 *
 * and the payload, once decoded, is
 *
 *   { "type": "backstory-dataset", "version": 7, "expires": "2026-01-01T00:00:00.000Z",
 *     "schemaVersion": 1, "dataset": { "path": "dataset-<sha256>.json", "length": 12345, "sha256": "…" } }
 *
 * The signature covers PAE(payloadType, payload bytes) exactly as DSSE defines it, so the
 * payload type is signed too and no canonical JSON is ever needed: the bytes that were signed
 * are the bytes that are parsed.
 */
import { z } from 'zod';
import { compileMatchIndex } from './compile';
import { formatDatasetError, parseDataset, SCHEMA_VERSION, type Dataset } from './schema';

import { fail, ok, type Result } from './result';

export type { Result };

export const PAYLOAD_TYPE = 'application/vnd.backstory.release+json';
export const RELEASE_TYPE = 'backstory-dataset';
/** Check 1: the manifest is small; anything bigger is refused while it streams in. */
export const MANIFEST_MAX_BYTES = 16 * 1024;
/** Check 6's hard cap, whatever `length` claims. */
export const DATASET_MAX_BYTES = 20 * 1024 * 1024;
const MAX_SIGNATURES = 8;
/**
 * Check 4's horizon: a manifest may be trusted for at most this long. One that claims longer
 * would keep a signed release "fresh" for years and hide that publishing stopped (or that an
 * old manifest is being replayed), so it is refused, by the client and by `publish`.
 */
export const MAX_EXPIRY_DAYS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;

import { BASE64_PATTERN, fromBase64, toBase64 } from './base64';
import { buffer, preAuthEncoding, sha256Hex, toHex } from './release-encoding';

export { fromBase64, toBase64, buffer, preAuthEncoding, sha256Hex, toHex };

// ---------------------------------------------------------------------------------------------
// Schemas

const Base64String = z.string().max(MANIFEST_MAX_BYTES).regex(BASE64_PATTERN, 'must be base64');
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

export const Envelope = z.strictObject({
  payloadType: z.string().max(200),
  payload: Base64String,
  signatures: z
    .array(z.strictObject({ keyid: z.string().max(128), sig: Base64String }))
    .min(1)
    .max(MAX_SIGNATURES),
});
export type Envelope = z.infer<typeof Envelope>;

export const ReleasePayload = z.strictObject({
  type: z.literal(RELEASE_TYPE),
  /** A whole number that only ever grows; `2^53` and beyond are refused (not exactly representable). */
  version: z
    .number({ error: 'must be a number (not text)' })
    .refine(Number.isInteger, { message: 'must be a whole number', abort: true })
    .refine((n) => n >= 1, { message: 'must be 1 or more', abort: true })
    .refine((n) => n <= Number.MAX_SAFE_INTEGER, 'must be below 2^53 (9007199254740992)'),
  /** ISO 8601 date-time with an offset or Z. */
  expires: z.iso.datetime({ offset: true }),
  schemaVersion: z.int().positive().max(1000),
  dataset: z.strictObject({
    /** A plain file name beside manifest.json: no slashes, no scheme, so it cannot point elsewhere. */
    path: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'must be a plain file name next to manifest.json'),
    length: z.int().positive().max(DATASET_MAX_BYTES),
    sha256: Sha256Hex,
  }),
});
export type ReleasePayload = z.infer<typeof ReleasePayload>;

/** A public key the build trusts; `keyid` is the sha256 hex of the 32 raw key bytes. */
export interface PinnedKey {
  keyid: string;
  /** Base64 of the 32-byte raw Ed25519 public key. */
  publicKey: string;
}

export interface ParsedManifest {
  envelope: Envelope;
  /** The exact payload bytes that the signature covers. */
  payloadBytes: Uint8Array;
  payload: ReleasePayload;
}

/** The value at `path` inside `input`, to tell a missing field from a wrong one. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || typeof key === 'symbol') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

export function describeIssues(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'its shape is wrong';
  const path = issue.path.map(String).join('.');
  const what =
    issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined
      ? 'is missing'
      : issue.code === 'invalid_format' && path === 'expires'
        ? 'is not a date and time (like 2026-01-31T00:00:00Z)'
        : issue.message;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `${path || 'the whole manifest'} ${what}${more}`;
}

// ---------------------------------------------------------------------------------------------
// The checks, in the order the updater runs them. Each is a pure function.

/** 1. Size cap. The updater also enforces it while streaming; this covers bytes from anywhere. */
export function checkManifestSize(bytes: Uint8Array): Result<Uint8Array> {
  if (bytes.length === 0) return fail('The update server sent an empty manifest.');
  if (bytes.length > MANIFEST_MAX_BYTES)
    return fail(`The update manifest is larger than ${MANIFEST_MAX_BYTES / 1024} KiB, so it was not read.`);
  return ok(bytes);
}

/** 2. JSON shape of the envelope and of the payload it carries. */
export function parseManifest(bytes: Uint8Array): Result<ParsedManifest> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('The update manifest is not text (it is not valid UTF-8).');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const looksHtml = /^\s*</.test(text);
    return fail(looksHtml ? 'The update server sent a web page instead of the update manifest.' : 'The update manifest is not valid JSON.');
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) return fail(`The update manifest is malformed: ${describeIssues(envelope.error, json)}.`);
  if (envelope.data.payloadType !== PAYLOAD_TYPE) {
    return fail(`The update manifest has an unknown payload type "${envelope.data.payloadType.slice(0, 80)}".`);
  }
  const payloadBytes = fromBase64(envelope.data.payload);
  if (!payloadBytes) return fail('The update manifest is malformed: payload must be base64.');
  let payloadJson: unknown;
  try {
    payloadJson = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
  } catch {
    return fail('The update manifest is malformed: its payload is not JSON.');
  }
  const payload = ReleasePayload.safeParse(payloadJson);
  if (!payload.success) return fail(`The update manifest is malformed: ${describeIssues(payload.error, payloadJson)}.`);
  return ok({ envelope: envelope.data, payloadBytes, payload: payload.data });
}

export async function keyIdFor(rawPublicKey: Uint8Array): Promise<string> {
  return sha256Hex(rawPublicKey);
}

/**
 * A pinned key is usable only when its public key is 32 bytes of canonical base64 and its
 * keyid is the sha256 of exactly those bytes: a keyid paired with another key (a copy-paste
 * slip in PROJECT_KEYS or BACKSTORY_PINNED_KEYS) is never used. Returns the raw key.
 */
export async function checkPinnedKey(key: PinnedKey): Promise<Result<Uint8Array>> {
  const raw = fromBase64(key.publicKey);
  if (!raw || raw.length !== 32)
    return fail(`The pinned update key ${key.keyid.slice(0, 16)}… is not a 32-byte Ed25519 public key, so it is not used.`);
  if ((await keyIdFor(raw)) !== key.keyid)
    return fail(`The pinned update key ${key.keyid.slice(0, 16)}… is not the key its keyid names, so it is not used.`);
  return ok(raw);
}

/** 3. Signature: valid when any pinned key signed PAE(payloadType, payload). */
export async function checkSignature(manifest: ParsedManifest, keys: readonly PinnedKey[]): Promise<Result<PinnedKey>> {
  if (keys.length === 0) return fail('This copy of Backstory has no update keys, so it cannot accept updates.');
  const message = buffer(preAuthEncoding(manifest.envelope.payloadType, manifest.payloadBytes));
  let knownKeySigned = false;
  let pinnedKeyError: string | null = null;
  for (const signature of manifest.envelope.signatures) {
    const key = keys.find((k) => k.keyid === signature.keyid);
    if (!key) continue;
    const pinned = await checkPinnedKey(key);
    if (!pinned.ok) {
      pinnedKeyError = pinned.error;
      continue;
    }
    knownKeySigned = true;
    const raw = pinned.value;
    const sig = fromBase64(signature.sig);
    if (!sig || sig.length !== 64) continue;
    try {
      const publicKey = await crypto.subtle.importKey('raw', buffer(raw), { name: 'Ed25519' }, false, ['verify']);
      if (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, buffer(sig), message)) return ok(key);
    } catch {
      // An unusable key or signature is simply not a valid signature.
    }
  }
  if (knownKeySigned) return fail('The update manifest’s signature does not match its contents, so it was not trusted.');
  return fail(pinnedKeyError ?? 'The update is signed by a key this copy of Backstory does not trust.');
}

/** 4. Expiry: a manifest is only good until `expires`, which is at most MAX_EXPIRY_DAYS ahead. */
export function checkExpiry(payload: ReleasePayload, now: Date): Result<ReleasePayload> {
  const expires = Date.parse(payload.expires);
  if (!Number.isFinite(expires)) return fail('The update manifest is malformed: expires is not a date and time.');
  if (expires <= now.getTime()) return fail(`The update manifest expired on ${new Date(expires).toISOString()}, so it was not trusted.`);
  if (expires > now.getTime() + MAX_EXPIRY_DAYS * DAY_MS) {
    return fail(
      `The update manifest claims to stay valid until ${new Date(expires).toISOString()}, more than ${MAX_EXPIRY_DAYS} days ahead, so it was not trusted.`,
    );
  }
  return ok(payload);
}

/**
 * 5. Version floor. Newer proceeds; equal means "already up to date" (a quiet stop, not an
 * error); older is a rollback and is refused.
 */
export function checkVersion(payload: ReleasePayload, floor: number): Result<'newer' | 'current'> {
  if (payload.version === floor) return ok('current');
  if (payload.version < floor) {
    return fail(`The update offers version ${payload.version}, older than version ${floor} already installed; going back is refused.`);
  }
  return ok('newer');
}

/** 6. Length: exactly what the signed manifest promised, never over the hard cap. */
export function checkDatasetLength(bytes: Uint8Array, payload: ReleasePayload): Result<Uint8Array> {
  if (bytes.length > DATASET_MAX_BYTES)
    return fail(`The dataset file is larger than ${DATASET_MAX_BYTES / 1024 / 1024} MB, so it was not read.`);
  if (bytes.length !== payload.dataset.length) {
    return fail(
      `The dataset file is ${bytes.length > payload.dataset.length ? 'longer' : 'shorter'} than the signed manifest says (${payload.dataset.length} bytes).`,
    );
  }
  return ok(bytes);
}

/** 7. sha256 over the exact bytes. */
export async function checkDatasetHash(bytes: Uint8Array, payload: ReleasePayload): Promise<Result<Uint8Array>> {
  const actual = await sha256Hex(bytes);
  if (actual !== payload.dataset.sha256) return fail('The dataset file does not match the signed checksum, so it was not installed.');
  return ok(bytes);
}

/** 8. Dataset schema, and agreement with the manifest's version and schema version. */
export function checkDatasetSchema(bytes: Uint8Array, payload: ReleasePayload): Result<Dataset> {
  if (payload.schemaVersion !== SCHEMA_VERSION) {
    return fail(
      `The update uses dataset format ${payload.schemaVersion}, which this version of Backstory cannot read (it reads format ${SCHEMA_VERSION}).`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('The signed dataset file is not valid JSON.');
  }
  const parsed = parseDataset(raw);
  if (!parsed.ok) {
    const first = parsed.error.errors[0];
    const more = parsed.error.errors.length > 1 ? ` (and ${parsed.error.errors.length - 1} more)` : '';
    return fail(`The signed dataset is not valid: ${first ? formatDatasetError(first) : 'unknown problem'}${more}.`);
  }
  if (parsed.value.version !== payload.version) {
    return fail(`The dataset file says version ${parsed.value.version} but the signed manifest says ${payload.version}.`);
  }
  return ok(parsed.value);
}

/** 9. The index compiles (a dataset that cannot be compiled must never become active). */
export function checkCompiles(dataset: Dataset): Result<Dataset> {
  try {
    compileMatchIndex(dataset);
    return ok(dataset);
  } catch (error) {
    return fail(`The signed dataset could not be prepared for matching: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

// ---------------------------------------------------------------------------------------------
// The whole sequence

export type VerifyOutcome =
  { kind: 'current'; payload: ReleasePayload } | { kind: 'newer'; payload: ReleasePayload; dataset: Dataset; keyid: string };

export interface VerifyOptions {
  keys: readonly PinnedKey[];
  now: Date;
  /** The persisted version floor; the release must be above it. */
  floor: number;
  /**
   * The version installed now, when it is a release below the floor (a reset to the bundled
   * dataset, or a fallback to it): a release at the floor is then downloaded and checked
   * again, to be reinstalled, instead of being "current".
   */
  installed?: number;
  /**
   * Fetches `payload.dataset.path` with the cap min(length + 1, DATASET_MAX_BYTES + 1) already
   * enforced while reading, so a longer-than-promised or endless body stops early.
   */
  loadDataset: (payload: ReleasePayload, cap: number) => Promise<Result<Uint8Array>>;
}

/** Runs checks 1–9 in order and stops at the first failure. Touches no stored state. */
export async function verifyRelease(manifestBytes: Uint8Array, options: VerifyOptions): Promise<Result<VerifyOutcome>> {
  const size = checkManifestSize(manifestBytes);
  if (!size.ok) return size;
  const manifest = parseManifest(manifestBytes);
  if (!manifest.ok) return manifest;
  const signed = await checkSignature(manifest.value, options.keys);
  if (!signed.ok) return signed;
  const payload = manifest.value.payload;
  const fresh = checkExpiry(payload, options.now);
  if (!fresh.ok) return fresh;
  const version = checkVersion(payload, options.floor);
  if (!version.ok) return version;
  if (version.value === 'current' && (options.installed === undefined || options.installed >= payload.version))
    return ok({ kind: 'current', payload });
  const bytes = await options.loadDataset(payload, Math.min(payload.dataset.length + 1, DATASET_MAX_BYTES + 1));
  if (!bytes.ok) return bytes;
  const length = checkDatasetLength(bytes.value, payload);
  if (!length.ok) return length;
  const hash = await checkDatasetHash(bytes.value, payload);
  if (!hash.ok) return hash;
  const dataset = checkDatasetSchema(bytes.value, payload);
  if (!dataset.ok) return dataset;
  const compiled = checkCompiles(dataset.value);
  if (!compiled.ok) return compiled;
  return ok({ kind: 'newer', payload, dataset: compiled.value, keyid: signed.value.keyid });
}
