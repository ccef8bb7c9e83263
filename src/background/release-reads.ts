/**
 * Reading the update channel's responses: bodies read with a size cap enforced while they
 * stream (an endless body costs at most the cap), and network errors worded for the popup.
 */
import type { Result } from '../dataset/update-manifest';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T = never>(error: string): Result<T> => ({ ok: false, error });

/**
 * Reads a body, refusing it as soon as it passes `cap` bytes (an endless body costs at most
 * `cap` bytes). Returns the bytes, or an error naming what was too large.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, cap: number, what: string): Promise<Result<Uint8Array>> {
  if (!body) return ok(new Uint8Array(0));
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > cap) {
        void reader.cancel().catch(() => undefined);
        return fail(`${what} is larger than ${formatBytes(cap)}, so it was not read.`);
      }
      chunks.push(value);
    }
  } catch (error) {
    return fail(`${what} could not be read: ${describeNetworkError(error)}.`);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return ok(out);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${bytes / 1024 / 1024} MB`;
  if (bytes >= 1024) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export function describeNetworkError(error: unknown): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'it took too long';
  return error instanceof Error ? error.message : String(error);
}
