/**
 * Proves that something does not happen within a time, by watching for it rather than by
 * sleeping and looking once: the test fails as soon as it happens, and a slow machine only
 * makes the watch longer, never the proof weaker.
 */

/** How often `check` is asked; it usually reads the page, which takes a few milliseconds. */
const POLL_MS = 50;

/**
 * Resolves once `check` has stayed false for `ms` milliseconds (it is asked again at the end,
 * so the whole span is covered); rejects as soon as it returns true. An error thrown by
 * `check` rejects too: a state that cannot be read proves nothing.
 */
export async function expectNever(check: () => boolean | Promise<boolean>, ms: number, what = 'the condition'): Promise<void> {
  const started = Date.now();
  const deadline = started + ms;
  for (;;) {
    const askedAt = Date.now();
    if (await check()) throw new Error(`${what} happened ${Date.now() - started} ms in; it must not within ${ms} ms`);
    if (askedAt >= deadline) return;
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, deadline - askedAt)));
  }
}
