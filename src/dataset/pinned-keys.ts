/**
 * The Ed25519 public keys that may sign dataset releases, pinned in the build (docs/design.md §7).
 * A release is valid when any one of them signed it, so there are two slots: the current key,
 * and the next one. Rotation: ship the next key in a release (slot 2) first; once that
 * extension version is out, sign with the new key; later releases can drop the old one.
 *
 * Test builds replace the list: `BACKSTORY_PINNED_KEYS` (a JSON array of
 * `{ "keyid": "<sha256 hex of the raw key>", "publicKey": "<base64 raw key>" }`) is read by
 * vite.config.ts and injected as `__BACKSTORY_PINNED_KEYS__`. The same variable also works
 * for the Node command line (`npm run dataset -- verify`), which is not built by Vite.
 * Likewise `BACKSTORY_UPDATE_URL` replaces the default update URL.
 *
 * The list's shape is checked here; that each keyid really is the sha256 of its key is checked
 * (asynchronously, with WebCrypto) by `checkPinnedKey` before a key verifies anything, and a
 * mismatched entry is never used.
 */
import { z } from 'zod';
import type { PinnedKey } from './update-manifest';

declare const __BACKSTORY_PINNED_KEYS__: string | undefined;
declare const __BACKSTORY_UPDATE_URL__: string | undefined;
declare const __BACKSTORY_UPDATE_TIMEOUT_MS__: string | undefined;
// Node's process, where there is one (the command line, the unit tests); in the extension it
// is undefined. Declared here because src/dataset/tsconfig.json has no Node types.
declare const process: { readonly env: Readonly<Record<string, string | undefined>> } | undefined;

/** The project's release keys. The private halves are kept offline by the maintainers. */
export const PROJECT_KEYS: readonly PinnedKey[] = [
  // Slot 1: "backstory-release-2026a", the key releases are signed with now.
  { keyid: 'c81c0d013c31478508a1a2613203dab5f2438505078e1766fdb70524977be0da', publicKey: 'A0i6L+RE6b5JPO/yCSiHO/BdCsX3RWIKbAe+u/CfKGE=' },
  // Slot 2: "backstory-release-2026b", the next key, pinned ahead of rotation.
  { keyid: 'c848eded680007e1f55d8e7cd686c6a58d3bfc725152515667d34523527ccaf6', publicKey: '0pRfmp7x6G02EakNNeRNxq7FOJtmdDrrHGpgl44bZbQ=' },
];

/** Where every install looks for `manifest.json`, unless the options page sets another URL. */
export const PROJECT_UPDATE_URL = 'https://backstory.news/updates/manifest.json';

const PinnedKeyList = z
  .array(
    z.strictObject({ keyid: z.string().regex(/^[0-9a-f]{64}$/), publicKey: z.string().regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/) }),
  )
  .min(1)
  .max(8);

/** Default time allowed for the manifest request; the dataset download gets four times as long. */
export const DEFAULT_UPDATE_TIMEOUT_MS = 30_000;

function injected(name: 'keys' | 'url' | 'timeout'): string {
  const built =
    name === 'keys'
      ? typeof __BACKSTORY_PINNED_KEYS__ === 'string'
        ? __BACKSTORY_PINNED_KEYS__
        : ''
      : name === 'url'
        ? typeof __BACKSTORY_UPDATE_URL__ === 'string'
          ? __BACKSTORY_UPDATE_URL__
          : ''
        : typeof __BACKSTORY_UPDATE_TIMEOUT_MS__ === 'string'
          ? __BACKSTORY_UPDATE_TIMEOUT_MS__
          : '';
  if (built !== '') return built;
  const env = typeof process === 'object' && process !== null ? process.env : undefined;
  const fromEnv =
    name === 'keys' ? env?.BACKSTORY_PINNED_KEYS : name === 'url' ? env?.BACKSTORY_UPDATE_URL : env?.BACKSTORY_UPDATE_TIMEOUT_MS;
  return fromEnv ?? '';
}

/** Parses a pinned-key list (the JSON format of BACKSTORY_PINNED_KEYS). */
export function parsePinnedKeys(text: string): PinnedKey[] | null {
  try {
    const parsed = PinnedKeyList.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function pinnedKeys(): readonly PinnedKey[] {
  const override = injected('keys');
  if (override !== '') {
    const keys = parsePinnedKeys(override);
    if (!keys) throw new Error('BACKSTORY_PINNED_KEYS is not a valid key list');
    return keys;
  }
  return PROJECT_KEYS;
}

export function defaultUpdateUrl(): string {
  const override = injected('url');
  return override !== '' ? override : PROJECT_UPDATE_URL;
}

/** Test builds shorten it with BACKSTORY_UPDATE_TIMEOUT_MS. */
export function updateTimeoutMs(): number {
  const value = Number(injected('timeout'));
  return Number.isInteger(value) && value >= 100 && value <= 600_000 ? value : DEFAULT_UPDATE_TIMEOUT_MS;
}
