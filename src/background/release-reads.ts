/**
 * Reading the update channel's responses: bodies read with a size cap enforced while they
 * stream (an endless body costs at most the cap), and network errors worded for the popup.
 */
import { fail, ok, type Result } from '../dataset/result';

/**
 * Why a body was not read, with a sentence for the popup. The updater words some kinds its own
 * way (a timeout names its limit), so it decides by `kind`, never by the sentence.
 */
export interface ReadFailure {
  kind: 'too-large' | 'timed-out' | 'network';
  message: string;
}

/**
 * Reads a body, refusing it as soon as it passes `cap` bytes (an endless body costs at most
 * `cap` bytes). Returns the bytes, or an error naming what was too large.
 */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  cap: number,
  what: string,
): Promise<Result<Uint8Array, ReadFailure>> {
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
        return fail({ kind: 'too-large', message: `${what} is larger than ${formatBytes(cap)}, so it was not read.` });
      }
      chunks.push(value);
    }
  } catch (error) {
    return fail({
      kind: isTimeout(error) ? 'timed-out' : 'network',
      message: `${what} could not be read: ${describeNetworkError(error)}.`,
    });
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

/** A fetch or body read given up by its AbortSignal.timeout (the signal is the only abort we use). */
export function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export function describeNetworkError(error: unknown): string {
  if (isTimeout(error)) return 'it took too long';
  return error instanceof Error ? error.message : String(error);
}
