/**
 * The sending side of every message: askBackground for the background's endpoint (from the
 * extension pages), askTab for a tab's content script (from the popup and the background).
 * Each sends a typed request and parses the reply with zod, so a malformed reply is an error
 * value rather than a crash. Errors cross the boundary as values (docs/style.md).
 */
import browser from 'webextension-polyfill';
import * as z from 'zod/mini';
import { ContentReplies, type BackgroundRequest, type ContentReply, type ContentRequest, type Result } from './messages';

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

/**
 * Why a tab gave no answer: `unreachable` when nothing there listens (a browser page, the
 * store, a tab opened before the extension was installed), `unexpected-reply` when the answer
 * does not parse.
 */
export type TabFailure = 'unreachable' | 'unexpected-reply';

export async function askTab<R extends ContentRequest>(tabId: number, request: R): Promise<Result<ContentReply<R['type']>, TabFailure>> {
  let raw: unknown;
  try {
    raw = await browser.tabs.sendMessage(tabId, request);
  } catch {
    return { ok: false, error: 'unreachable' };
  }
  const type: R['type'] = request.type;
  const reply = ContentReplies[type].safeParse(raw);
  return reply.success ? { ok: true, value: reply.data } : { ok: false, error: 'unexpected-reply' };
}
