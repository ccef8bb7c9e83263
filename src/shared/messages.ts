/**
 * Commands between the extension's parts (DESIGN.md §5: storage is the bus, messages carry
 * commands only). Each message is declared once with a zod schema; receivers parse what
 * arrives and the background checks the sender.
 */
import { z } from 'zod';
import { ActiveDataset } from './storage';

/** Popup -> background. */
export const BackgroundRequest = z.discriminatedUnion('type', [
  /** The active dataset and the update channel's state, for the popup. */
  z.strictObject({ type: z.literal('getStatus') }),
  /** "Check for updates now". */
  z.strictObject({ type: z.literal('checkForUpdates') }),
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequest>;

export const UpdateState = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('not-configured') }),
  z.strictObject({ kind: z.literal('up-to-date'), checkedAt: z.string() }),
  z.strictObject({ kind: z.literal('error'), checkedAt: z.string(), message: z.string() }),
]);
export type UpdateState = z.infer<typeof UpdateState>;

export const StatusResponse = z.strictObject({
  dataset: ActiveDataset.nullable(),
  update: UpdateState,
});
export type StatusResponse = z.infer<typeof StatusResponse>;

/** Errors cross boundaries as values, never as thrown strings. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Popup -> content script in the active tab. */
export const ContentRequest = z.discriminatedUnion('type', [
  /** Entities found on the page, with mention counts, for "In this story". */
  z.strictObject({ type: z.literal('getPageMentions') }),
  /** Enter keyboard navigation between mentions (command shortcut or popup button). */
  z.strictObject({ type: z.literal('startNavigation') }),
  /** Scroll to an entity's first mention and open its card ("In this story"). */
  z.strictObject({ type: z.literal('revealEntity'), entityId: z.string().max(120) }),
]);
export type ContentRequest = z.infer<typeof ContentRequest>;

export const PageMentions = z.strictObject({
  entities: z.array(
    z.strictObject({ id: z.string(), name: z.string(), category: z.string(), count: z.number().int() }),
  ),
  counts: z.record(z.string(), z.number().int()),
});
export type PageMentions = z.infer<typeof PageMentions>;
