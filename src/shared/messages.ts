/**
 * Commands between the extension's parts (docs/design.md §5: storage is the bus, messages carry
 * commands only). Each message is declared once with a zod schema; receivers parse what
 * arrives and the background checks the sender.
 */
import * as z from 'zod/mini';
import { lazySchema } from '../dataset/lazy-schema';
import { UpdateUrl } from './settings';
import { ActiveDataset } from './storage';
import { DebugReport } from './debug-report';
import { CATEGORY_IDS } from '../dataset/categories';

/** The largest local dataset file the options page sends (the update channel's cap, too). */
export const LOCAL_DATASET_MAX_CHARS = 20 * 1024 * 1024;

/** Popup -> background. */
// Built on first use: the content script bundles this module, and the bundler keeps the
// `.check()` call of an unused eager schema, which then built zod objects in every tab's
// start-up task.
export const BackgroundRequest = lazySchema(() =>
  z.discriminatedUnion('type', [
    /** The active dataset and the update channel's state, for the popup. */
    z.strictObject({ type: z.literal('getStatus') }),
    /** "Check for updates now". */
    z.strictObject({ type: z.literal('checkForUpdates') }),
    /** Options page: a maintainer's dataset file, validated again here, installed as "local". */
    z.strictObject({ type: z.literal('installLocalDataset'), json: z.string().check(z.maxLength(LOCAL_DATASET_MAX_CHARS)) }),
    /** Options page: remove the local dataset and activate the bundled one again. */
    z.strictObject({ type: z.literal('resetToBundled') }),
    /** Options page: the update URL set there (null: the project's own). Reply: UpdateUrlReply. */
    z.strictObject({ type: z.literal('getUpdateUrl') }),
    /** Options page: set the update URL (null: back to the project's own). Reply: UpdateUrlReply. */
    z.strictObject({ type: z.literal('setUpdateUrl'), url: z.nullable(UpdateUrl) }),
    /** Options page: the repairs the background made to stored state. Reply: RepairLog. */
    z.strictObject({ type: z.literal('getRepairLog') }),
  ]),
);
export type BackgroundRequest = z.infer<typeof BackgroundRequest>;

/**
 * The signed update channel's state, for the popup. Times are ISO 8601; `message`
 * is a plain-language sentence. `staleSince` on an error: the installed release's manifest
 * has expired too (Backstory keeps working with it).
 */
export const UpdateState = z.discriminatedUnion('kind', [
  /** A build without pinned keys: updates are off. */
  z.strictObject({ kind: z.literal('not-configured') }),
  z.strictObject({ kind: z.literal('never-checked') }),
  z.strictObject({ kind: z.literal('up-to-date'), checkedAt: z.string(), version: z.int() }),
  z.strictObject({ kind: z.literal('updated'), checkedAt: z.string(), version: z.int(), from: z.optional(z.int()) }),
  /**
   * Release `version` is verified, but an older dataset is active: a maintainer's local file
   * (`local`), or the bundled one after a reset until the release is installed again.
   */
  z.strictObject({ kind: z.literal('behind'), checkedAt: z.string(), version: z.int(), local: z.boolean() }),
  /** The installed release's manifest expired and nothing newer is published: "stale since DATE". */
  z.strictObject({ kind: z.literal('stale'), since: z.string(), checkedAt: z.string() }),
  z.strictObject({ kind: z.literal('error'), checkedAt: z.string(), message: z.string(), staleSince: z.optional(z.string()) }),
]);
export type UpdateState = z.infer<typeof UpdateState>;

/** The reply to `installLocalDataset`: the new active dataset, or every error, formatted like the CLI's. */
export const LocalDatasetOutcome = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('installed'), dataset: ActiveDataset }),
  /** The first errors (dataset/report.ts caps the list) and how many there are in all. */
  z.strictObject({ kind: z.literal('invalid'), errors: z.array(z.string()), total: z.int() }),
  /** A valid file whose version another dataset already uses (background/local-dataset.ts). */
  z.strictObject({
    kind: z.literal('refused'),
    reason: z.enum(['same-as-active', 'same-as-bundled', 'same-as-kept-release']),
    version: z.int(),
  }),
]);
export type LocalDatasetOutcome = z.infer<typeof LocalDatasetOutcome>;

export const StatusResponse = z.strictObject({
  dataset: z.nullable(ActiveDataset),
  update: UpdateState,
});
export type StatusResponse = z.infer<typeof StatusResponse>;

/** The update URL the options page set; null means the project's own. */
export const UpdateUrlReply = lazySchema(() => z.nullable(UpdateUrl));

/** At most this many repairs are kept, the newest. */
export const REPAIR_LOG_LIMIT = 20;

/**
 * A repair the background made to stored state, for the options page: what was found damaged,
 * and what was done about it.
 */
export const RepairEntry = lazySchema(() =>
  z.discriminatedUnion('kind', [
    /** A damaged local copy of the settings was discarded; the synced copy was kept. */
    z.strictObject({ kind: z.literal('settings-discarded'), at: z.string() }),
    /** Settings fields that were present but invalid were reset to their defaults. */
    z.strictObject({
      kind: z.literal('settings-reset'),
      at: z.string(),
      fields: z.array(z.string().check(z.maxLength(60))).check(z.maxLength(20)),
    }),
    /** The stored match index of `version` was damaged and was rebuilt from the kept source or the bundle. */
    z.strictObject({ kind: z.literal('index-rebuilt'), at: z.string(), version: z.int(), from: z.enum(['kept', 'bundled']) }),
    /** Dataset `version` could not be rebuilt (no kept source); the bundled `bundledVersion` took its place. */
    z.strictObject({ kind: z.literal('dataset-replaced'), at: z.string(), version: z.int(), bundledVersion: z.int() }),
  ]),
);
export type RepairEntry = z.infer<typeof RepairEntry>;

/** The repair log, oldest first. */
export const RepairLog = lazySchema(() => z.array(RepairEntry).check(z.maxLength(REPAIR_LOG_LIMIT)));

/** Errors cross boundaries as values, never as thrown strings (dataset/result.ts). */
export type { Result } from '../dataset/result';

/** Popup -> content script in the active tab. */
export const ContentRequest = lazySchema(() =>
  z.discriminatedUnion('type', [
    /** Entities found on the page, with mention counts, for "In this story". */
    z.strictObject({ type: z.literal('getPageMentions') }),
    /** Enter keyboard navigation between mentions (command shortcut or popup button). */
    z.strictObject({ type: z.literal('startNavigation') }),
    /** Scroll to an entity's first mention and open its card ("In this story"). */
    z.strictObject({ type: z.literal('revealEntity'), entityId: z.string().check(z.maxLength(120)) }),
    /** Every name found on the page, drawn or not, and why not (bug reports, tests). */
    z.strictObject({ type: z.literal('getDebugReport') }),
  ]),
);
export type ContentRequest = z.infer<typeof ContentRequest>;

export const PageMentions = z.strictObject({
  entities: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      category: z.enum(CATEGORY_IDS),
      count: z.int(),
      /** The role held on the article's date, when the content script sends it; else the popup uses today's. */
      role: z.optional(z.string()),
    }),
  ),
  counts: z.record(z.string(), z.int()),
  /**
   * The page's host name (`location.hostname`), for the popup's site switch: the content script
   * says where it runs, so the popup needs no permission to read the tab's URL. Checked as a
   * host name, since the page's renderer could alter it.
   */
  host: z.optional(z.string().check(z.regex(/^(?:[a-z0-9.-]{1,253}|\[[0-9a-f:.]{2,45}\])$/i))),
});
export type PageMentions = z.infer<typeof PageMentions>;

/** The content script's answer to a command it may not be able to carry out (no mentions yet, no such entity). */
export const Done = /* @__PURE__ */ lazySchema(() => z.strictObject({ done: z.boolean() }));
export type Done = z.infer<typeof Done>;

/**
 * What the content script answers to each ContentRequest, by type: askTab parses the reply
 * with the schema here, and the content script's handler is typed by it. Marked pure so that
 * the content script, which uses only the types, does not bundle them.
 */
const contentReplies = {
  getPageMentions: PageMentions,
  startNavigation: Done,
  revealEntity: Done,
  /** Null before the page has been read. */
  getDebugReport: /* @__PURE__ */ lazySchema(() => z.nullable(DebugReport)),
};
export type ContentReply<K extends ContentRequest['type']> = z.infer<(typeof contentReplies)[K]>;
/** Typed per request type, so that a request's reply schema can be looked up generically. */
export const ContentReplies: { [K in ContentRequest['type']]: z.ZodMiniType<ContentReply<K>> } = contentReplies;
