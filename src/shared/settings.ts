/**
 * User preferences: one zod schema with defaults and a version (docs/style.md). A stored value
 * that fails to parse is repaired field by field to its default and logged, never fatal.
 */
import * as z from 'zod/mini';
import { lazySchema } from '../dataset/lazy-schema';
import { CATEGORY_IDS, perCategory, type CategoryId } from '../dataset/categories';

export const SETTINGS_VERSION = 2;

/** How mentions are marked (the options page's choice; content/highlights.ts draws each). */
export const HIGHLIGHT_STYLES = ['underline', 'background'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

export const CategoryToggles = lazySchema(() => z.strictObject(perCategory(() => z.boolean())));
export type CategoryToggles = z.infer<typeof CategoryToggles>;

export const DEFAULT_CATEGORIES: CategoryToggles = { person: true, proposal: true, organization: false, place: false };

/**
 * The update channel's address, set on the options page: https:// only; plain http:// only for
 * this computer (127.0.0.1, localhost), to test a release. It is not one of the settings below:
 * the background keeps it in its trusted store (docs/decisions/0015-trusted-state-in-extension-indexeddb.md).
 */
export const UpdateUrl = lazySchema(() =>
  z.string().check(
    z.maxLength(2000),
    z.refine((value) => {
      try {
        const url = new URL(value);
        if (url.protocol === 'https:') return true;
        return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      } catch {
        return false;
      }
    }, 'must be an https:// URL'),
  ),
);

export const Settings = lazySchema(() =>
  z.strictObject({
    version: z.literal(SETTINGS_VERSION),
    /** The global switch. */
    enabled: z.boolean(),
    categories: CategoryToggles,
    /** Host names where the user switched Backstory off ("www.nytimes.com"). */
    disabledSites: z.array(z.string().check(z.maxLength(253))).check(z.maxLength(10_000)),
    highlightStyle: z.enum(HIGHLIGHT_STYLES),
    firstMentionOnly: z.boolean(),
    hoverDelayMs: z.int().check(z.minimum(0), z.maximum(3000)),
    /** Hours between automatic dataset update checks; the options page sets it. */
    updateIntervalHours: z.int().check(z.minimum(1), z.maximum(168)),
    /**
     * Reading aid: a small button after names, for screen readers (content/reading-aid.ts). The
     * only mode that adds nodes inside the page, so it is off unless chosen; stored settings
     * from before it existed parse with it off.
     */
    readingAid: z._default(z.boolean(), false),
  }),
);
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  enabled: true,
  categories: DEFAULT_CATEGORIES,
  disabledSites: [],
  highlightStyle: 'underline',
  firstMentionOnly: false,
  hoverDelayMs: 350,
  updateIntervalHours: 6,
  readingAid: false,
};

export interface RepairedSettings {
  settings: Settings;
  /** Fields that were replaced by their defaults, for the log. */
  repaired: string[];
}

/** Parses stored settings, keeping every valid field and defaulting the rest. */
export function repairSettings(raw: unknown): RepairedSettings {
  const whole = Settings.safeParse(raw);
  if (whole.success) return { settings: whole.data, repaired: [] };
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const repaired: string[] = [];
  const field = <K extends keyof Settings>(key: K): Settings[K] => {
    const parsed = Settings.shape[key].safeParse(record[key]);
    if (parsed.success) return parsed.data as Settings[K];
    if (key in record) repaired.push(key);
    return DEFAULT_SETTINGS[key];
  };
  const categories = { ...DEFAULT_CATEGORIES };
  const storedCategories = record.categories;
  if (typeof storedCategories === 'object' && storedCategories !== null) {
    for (const id of CATEGORY_IDS) {
      const value = (storedCategories as Record<string, unknown>)[id];
      if (typeof value === 'boolean') categories[id] = value;
      else if (value !== undefined) repaired.push(`categories.${id}`);
    }
  } else if (storedCategories !== undefined) repaired.push('categories');
  return {
    settings: {
      version: SETTINGS_VERSION,
      enabled: field('enabled'),
      categories,
      disabledSites: field('disabledSites'),
      highlightStyle: field('highlightStyle'),
      firstMentionOnly: field('firstMentionOnly'),
      hoverDelayMs: field('hoverDelayMs'),
      updateIntervalHours: field('updateIntervalHours'),
      readingAid: field('readingAid'),
    },
    repaired,
  };
}

export function isSiteEnabled(settings: Settings, hostname: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(hostname);
}

export function enabledCategories(settings: Settings): CategoryId[] {
  return CATEGORY_IDS.filter((id) => settings.categories[id]);
}

/*
 * Numbered migrations, run by the background on install and update. Version 0 is the
 * unversioned shape (`{categories, disabledSites}` only); later versions append a step.
 * Version 2 has no `updateUrl`: synced settings can be written by any tab's content script,
 * so the update URL moved to the background's trusted store (the background moves a stored
 * one there once, background/legacy-state.ts, before this step drops it).
 */
type Migration = (stored: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n object into a version-(n+1) object. */
const MIGRATIONS: Migration[] = [(v0) => ({ ...v0, version: 1 }), ({ updateUrl: _moved, ...v1 }) => ({ ...v1, version: 2 })];

export function migrateStoredSettings(raw: unknown): Record<string, unknown> {
  let stored: Record<string, unknown> = typeof raw === 'object' && raw !== null ? { ...(raw as Record<string, unknown>) } : {};
  let version = typeof stored.version === 'number' ? stored.version : 0;
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) break;
    stored = step(stored);
    version++;
  }
  return stored;
}
