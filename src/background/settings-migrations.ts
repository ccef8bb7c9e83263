/**
 * Runs the numbered settings migrations (shared/settings.ts) on install and update, and
 * repairs what it finds: a damaged local copy is dropped in favour of the synced one (never
 * repaired into defaults that would then overwrite it), and fields that are present but
 * invalid are reset. Each repair is logged for the options page.
 */
import { migrateStoredSettings, repairSettings } from '../shared/settings';
import { localSettingsItem, readSettingsCopies, writeSettings } from '../shared/storage';
import { logRepair } from './repairs';

export async function migrateSettings(): Promise<void> {
  const { raw, discardedLocal } = await readSettingsCopies();
  if (discardedLocal) {
    await localSettingsItem.remove();
    await logRepair({ kind: 'settings-discarded' });
  }
  if (raw === undefined) return; // defaults apply until the user changes something
  const { settings, repaired } = repairSettings(migrateStoredSettings(raw));
  if (repaired.length > 0) await logRepair({ kind: 'settings-reset', fields: repaired.slice(0, 20) });
  await writeSettings(settings);
}
