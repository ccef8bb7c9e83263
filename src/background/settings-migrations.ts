/**
 * Numbered settings migrations, run on install and update. Version 0 is the unversioned
 * shape (`{categories, disabledSites}` only); later versions append a step here.
 */
import browser from 'webextension-polyfill';
import { repairSettings, SETTINGS_VERSION } from '../shared/settings';
import { SETTINGS_KEY } from '../shared/storage';

type Migration = (stored: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n object into a version-(n+1) object. */
const MIGRATIONS: Migration[] = [(v0) => ({ ...v0, version: 1 })];

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

export async function migrateSettings(): Promise<void> {
  const current = await browser.storage.sync.get(SETTINGS_KEY);
  if (current[SETTINGS_KEY] === undefined) return; // defaults apply until the user changes something
  const { settings, repaired } = repairSettings(migrateStoredSettings(current[SETTINGS_KEY]));
  if (repaired.length > 0) console.warn('Backstory: repaired settings fields to defaults:', repaired.join(', '));
  await browser.storage.sync.set({ [SETTINGS_KEY]: settings });
}
