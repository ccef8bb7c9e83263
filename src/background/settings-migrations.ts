/** Runs the numbered settings migrations (shared/settings.ts) on install and update. */
import browser from 'webextension-polyfill';
import { migrateStoredSettings, repairSettings } from '../shared/settings';
import { SETTINGS_KEY } from '../shared/storage';

export async function migrateSettings(): Promise<void> {
  const current = await browser.storage.sync.get(SETTINGS_KEY);
  if (current[SETTINGS_KEY] === undefined) return; // defaults apply until the user changes something
  const { settings, repaired } = repairSettings(migrateStoredSettings(current[SETTINGS_KEY]));
  if (repaired.length > 0) console.warn('Backstory: repaired settings fields to defaults:', repaired.join(', '));
  await browser.storage.sync.set({ [SETTINGS_KEY]: settings });
}
