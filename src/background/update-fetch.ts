/**
 * The update channel's two downloads, the manifest and the dataset file it names: each with a
 * timeout, no cookies and no redirects, read under a byte cap, and every failure worded for
 * the popup. The ordered checks of what arrives are the updater's (updater.ts).
 */
import { DATASET_MAX_BYTES, MANIFEST_MAX_BYTES, type Result } from '../dataset/update-manifest';
import { updateTimeoutMs } from '../dataset/pinned-keys';
import { describeNetworkError, isTimeout, readCapped } from './release-reads';

function httpError(status: number, statusText: string, url: string): string {
  const reason = statusText ? `${status} ${statusText}` : String(status);
  if (status === 404) return `The update server has no update manifest at ${url} (${reason}).`;
  if (status >= 500) return `The update server had a problem (${reason}); Backstory will try again later.`;
  return `The update server refused the request (${reason}).`;
}

export type ManifestFetch = { kind: 'not-modified' } | { kind: 'body'; bytes: Uint8Array; etag: string | null };

export async function fetchManifest(url: string, etag: string | undefined): Promise<Result<ManifestFetch>> {
  const timeout = updateTimeoutMs();
  let response: Response;
  try {
    response = await fetch(url, {
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
      headers: etag ? { 'If-None-Match': etag } : {},
      signal: AbortSignal.timeout(timeout),
    });
  } catch (error) {
    return {
      ok: false,
      error: isTimeout(error)
        ? `The update server did not answer within ${timeout / 1000} seconds.`
        : `Could not reach the update server (${describeNetworkError(error)}).`,
    };
  }
  if (response.status === 304) return { ok: true, value: { kind: 'not-modified' } };
  if (!response.ok) {
    void response.body?.cancel().catch(() => undefined);
    return { ok: false, error: httpError(response.status, response.statusText, url) };
  }
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > MANIFEST_MAX_BYTES) {
    void response.body?.cancel().catch(() => undefined);
    return { ok: false, error: `The update manifest is larger than ${MANIFEST_MAX_BYTES / 1024} KiB, so it was not read.` };
  }
  const body = await readCapped(response.body, MANIFEST_MAX_BYTES, 'The update manifest');
  if (!body.ok)
    return {
      ok: false,
      error:
        body.error.kind === 'timed-out'
          ? `The update server did not finish sending the manifest within ${timeout / 1000} seconds.`
          : body.error.message,
    };
  return { ok: true, value: { kind: 'body', bytes: body.value, etag: response.headers.get('etag') } };
}

export async function fetchDataset(manifestUrl: string, path: string, cap: number): Promise<Result<Uint8Array>> {
  const url = new URL(path, manifestUrl);
  if (url.origin !== new URL(manifestUrl).origin) return { ok: false, error: 'The update manifest points at another site; refused.' };
  const timeout = updateTimeoutMs() * 4;
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', credentials: 'omit', redirect: 'error', signal: AbortSignal.timeout(timeout) });
  } catch (error) {
    return {
      ok: false,
      error: isTimeout(error)
        ? `The dataset download did not start within ${timeout / 1000} seconds.`
        : `Could not download the dataset (${describeNetworkError(error)}).`,
    };
  }
  if (!response.ok) {
    void response.body?.cancel().catch(() => undefined);
    return {
      ok: false,
      error:
        response.status === 404
          ? `The dataset file named in the manifest is missing on the server (404).`
          : httpError(response.status, response.statusText, url.href),
    };
  }
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared >= cap) {
    void response.body?.cancel().catch(() => undefined);
    return {
      ok: false,
      error:
        declared > DATASET_MAX_BYTES
          ? `The dataset file is larger than ${DATASET_MAX_BYTES / 1024 / 1024} MB, so it was not read.`
          : `The dataset file is longer than the signed manifest says (${cap - 1} bytes).`,
    };
  }
  const body = await readCapped(response.body, cap, 'The dataset file');
  if (!body.ok) {
    if (body.error.kind === 'timed-out')
      return { ok: false, error: `The dataset download did not finish within ${timeout / 1000} seconds.` };
    // Past the cap: either longer than promised, or past the 20 MB hard cap.
    if (body.error.kind === 'too-large') {
      return {
        ok: false,
        error:
          cap > DATASET_MAX_BYTES
            ? `The dataset file is larger than ${DATASET_MAX_BYTES / 1024 / 1024} MB, so it was not read.`
            : `The dataset file is longer than the signed manifest says (${cap - 1} bytes).`,
      };
    }
    return { ok: false, error: body.error.message };
  }
  return body;
}
