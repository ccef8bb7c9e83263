/**
 * Repairs the background made to damaged stored state (a settings copy, the dataset's index),
 * from the repair log (shared/storage.ts), newest first. Shown only when there are any.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { formatMoment } from '../popup/format-date';
import { t } from '../shared/i18n';
import { readRepairLog, REPAIR_LOG_KEY, type RepairEntry } from '../shared/storage';

export function describeRepair(entry: RepairEntry): string {
  const at = formatMoment(entry.at);
  switch (entry.kind) {
    case 'settings-discarded':
      return t('options_repair_settings_discarded', at);
    case 'settings-reset':
      return t('options_repair_settings_reset', [at, entry.fields.join(', ')]);
    case 'index-rebuilt':
      return t(entry.from === 'kept' ? 'options_repair_index_kept' : 'options_repair_index_bundled', [at, String(entry.version)]);
    case 'dataset-replaced':
      return t('options_repair_dataset_replaced', [at, String(entry.version), String(entry.bundledVersion)]);
  }
}

export function RepairLog() {
  const [entries, setEntries] = useState<RepairEntry[]>([]);
  useEffect(() => {
    const load = (): void => void readRepairLog().then(setEntries).catch(() => setEntries([]));
    load();
    const listener = (changes: Record<string, unknown>, area: string): void => {
      if (area === 'local' && REPAIR_LOG_KEY in changes) load();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="repairs-heading" data-repairs>
      <h2 id="repairs-heading">{t('options_repairs_heading')}</h2>
      <p class="muted">{t('options_repairs_hint')}</p>
      <ul>
        {[...entries].reverse().map((entry, i) => (
          <li key={`${entry.at}-${i}`}>{describeRepair(entry)}</li>
        ))}
      </ul>
    </section>
  );
}
