/**
 * The debug report's shape (content script -> popup or test). Kept apart from messages.ts,
 * which reads storage types, so a test in Node can check a report without a browser.
 */
import * as z from 'zod/mini';
import { lazySchema } from '../dataset/lazy-schema';
import { CATEGORY_IDS } from '../dataset/categories';

/** Why a name found on the page is not drawn now. */
export const DROP_REASONS = [
  'hidden',
  'category off',
  'first mention only',
  'outside the near area',
  'given-name rule',
  'context rule',
  'needs context',
  'not drawn',
] as const;

/**
 * The debug report (content script -> popup or test): every name found on the page, drawn or
 * not, with the reason it is not. `url` is the page's origin and path only.
 */
export const DebugReport = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    url: z.string(),
    found: z.int(),
    drawn: z.int(),
    entries: z.array(
      z.strictObject({
        text: z.string(),
        entityIds: z.array(z.string()),
        category: z.enum(CATEGORY_IDS),
        drawn: z.boolean(),
        reason: z.optional(z.enum(DROP_REASONS)),
        /** Where the name starts and ends: a text node's position among the body's text nodes in document order, and an offset in it. */
        start: z.tuple([z.int(), z.int()]),
        end: z.tuple([z.int(), z.int()]),
      }),
    ),
  }),
);
export type DebugReport = z.infer<typeof DebugReport>;
export type DropReason = (typeof DROP_REASONS)[number];
