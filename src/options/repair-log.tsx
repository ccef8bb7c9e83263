/**
 * Repairs the background made to damaged stored state (a settings copy, the dataset's index),
 * from the repair log, newest first. Shown only when there are any. The log is in the
 * background's trusted store, so it is asked for (getRepairLog), again whenever the active
 * dataset changes: rebuilding a damaged index changes it.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatMoment } from '../popup/format-date';
import { askBackground } from '../shared/background-client';
import { t } from '../shared/i18n';
import { RepairLog as RepairLogReply, type RepairEntry } from '../shared/messages';
import { activeDatasetItem } from '../shared/storage';

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
    const load = (): void =>
      void askBackground({ type: 'getRepairLog' }, RepairLogReply).then((reply) => setEntries(reply.ok ? reply.value : []));
    load();
    return activeDatasetItem.watch(load);
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
