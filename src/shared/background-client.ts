/**
 * The extension pages' side of the background's message endpoint: sends a typed request and
 * parses the `Result` envelope and its value with zod, so a malformed reply is an error value
 * rather than a crash. Errors cross the boundary as values (docs/style.md).
 */
import browser from 'webextension-polyfill';
import * as z from 'zod/mini';
import type { BackgroundRequest, Result } from './messages';

const Envelope = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);

export async function askBackground<T>(request: BackgroundRequest, reply: z.ZodMiniType<T>): Promise<Result<T>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) return { ok: false, error: 'unexpected reply from the background' };
  if (!envelope.data.ok) return { ok: false, error: envelope.data.error };
  const value = reply.safeParse(envelope.data.value);
  return value.success ? { ok: true, value: value.data } : { ok: false, error: 'unexpected reply from the background' };
}
