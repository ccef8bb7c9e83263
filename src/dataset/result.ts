/**
 * The one shape for an outcome that may fail: errors cross boundaries (messages, the update
 * channel, the command line) as values, never as thrown exceptions that arrive as a bare
 * string (docs/style.md). `E` is a sentence by default; a caller that must act on the kind of
 * failure gets a typed error instead, so nothing branches on the wording.
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E = string>(error: E): Result<never, E> => ({ ok: false, error });
