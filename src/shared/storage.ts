/**
 * Typed access to extension storage. Preferences live in `storage.sync` (they follow the
 * user); dataset state lives in `storage.local`. Every read is parsed with zod.
 */
import browser from 'webextension-polyfill';
import { z } from 'zod';
import { StoredMatchIndex } from '../dataset/match-index';
import { EntityCard } from '../dataset/cards';
import { DEFAULT_SETTINGS, repairSettings, type Settings } from './settings';

export const SETTINGS_KEY = 'settings';
/** The active dataset's index: written in the same `set` call as ACTIVE_DATASET_KEY. */
export const ACTIVE_INDEX_KEY = 'activeIndex';
export const ACTIVE_DATASET_KEY = 'activeDataset';

export const ActiveDataset = z.strictObject({
  datasetId: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  publishedAt: z.string(),
  issueTracker: z.string().optional(),
  installedAt: z.string(),
  origin: z.enum(['bundled', 'update', 'local']),
  entityCount: z.number().int().nonnegative(),
});
export type ActiveDataset = z.infer<typeof ActiveDataset>;

export function cardKey(version: number, id: string): string {
  return `card:${version}:${id}`;
}

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  if (stored[SETTINGS_KEY] === undefined) return DEFAULT_SETTINGS;
  const { settings, repaired } = repairSettings(stored[SETTINGS_KEY]);
  if (repaired.length > 0) console.warn('Backstory: repaired settings fields to defaults:', repaired.join(', '));
  return settings;
}

export async function writeSettings(settings: Settings): Promise<void> {
  await browser.storage.sync.set({ [SETTINGS_KEY]: settings });
}

export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = change(await readSettings());
  await writeSettings(next);
  return next;
}

export async function readActiveIndex(): Promise<StoredMatchIndex | null> {
  const stored = await browser.storage.local.get(ACTIVE_INDEX_KEY);
  const parsed = StoredMatchIndex.safeParse(stored[ACTIVE_INDEX_KEY]);
  return parsed.success ? parsed.data : null;
}

export async function readActiveDataset(): Promise<ActiveDataset | null> {
  const stored = await browser.storage.local.get(ACTIVE_DATASET_KEY);
  const parsed = ActiveDataset.safeParse(stored[ACTIVE_DATASET_KEY]);
  return parsed.success ? parsed.data : null;
}

export async function readCards(version: number, ids: readonly string[]): Promise<Map<string, EntityCard>> {
  const stored = await browser.storage.local.get(ids.map((id) => cardKey(version, id)));
  const cards = new Map<string, EntityCard>();
  for (const id of ids) {
    const parsed = EntityCard.safeParse(stored[cardKey(version, id)]);
    if (parsed.success) cards.set(id, parsed.data);
  }
  return cards;
}
