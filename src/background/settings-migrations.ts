/** Runs the numbered settings migrations (shared/settings.ts) on install and update. */
import { migrateStoredSettings, repairSettings } from '../shared/settings';
import { readStoredSettings, writeSettings } from '../shared/storage';

export async function migrateSettings(): Promise<void> {
  const stored = await readStoredSettings();
  if (stored === undefined) return; // defaults apply until the user changes something
  const { settings, repaired } = repairSettings(migrateStoredSettings(stored));
  if (repaired.length > 0) console.warn('Backstory: repaired settings fields to defaults:', repaired.join(', '));
  await writeSettings(settings);
}
