/**
 * The popup: category toggles that apply live in every open tab (through storage), and the
 * active dataset's version and date. Settings are written to storage; content scripts pick
 * the change up from storage.onChanged, so no message is needed.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { CATEGORY_IDS, type CategoryId } from '../dataset/schema';
import { StatusResponse } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { readSettings, SETTINGS_KEY, updateSettings } from '../shared/storage';
import { t } from '../shared/i18n';

const SWATCHES: Record<CategoryId, string> = {
  person: '#1f6feb',
  proposal: '#b35900',
  organization: '#8250df',
  place: '#1a7f37',
};

async function fetchStatus(): Promise<StatusResponse | null> {
  const reply: unknown = await browser.runtime.sendMessage({ type: 'getStatus' });
  if (typeof reply !== 'object' || reply === null || !('ok' in reply) || reply.ok !== true || !('value' in reply)) return null;
  const parsed = StatusResponse.safeParse(reply.value);
  return parsed.success ? parsed.data : null;
}

/** One switch per category, labelled and coloured like its highlight. */
function CategoryToggle({ id, checked, onChange }: { id: CategoryId; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label class="toggle">
      <input type="checkbox" checked={checked} data-category={id} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span class="swatch" style={{ background: SWATCHES[id] }} aria-hidden="true" />
      <span>{t(`category_${id}`)}</span>
    </label>
  );
}

export function Popup() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<StatusResponse | null>(null);

  useEffect(() => {
    void readSettings().then(setSettings);
    void fetchStatus().then(setStatus).catch(() => setStatus(null));
    const listener = (changes: Record<string, unknown>, area: string): void => {
      if (area === 'sync' && SETTINGS_KEY in changes) void readSettings().then(setSettings);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);

  const toggle = (id: CategoryId, on: boolean): void => {
    void updateSettings((s) => ({ ...s, categories: { ...s.categories, [id]: on } })).then(setSettings);
  };

  return (
    <main>
      <h1>{t('extName')}</h1>
      <fieldset>
        <legend>{t('popup_highlight')}</legend>
        {settings &&
          CATEGORY_IDS.map((id) => (
            <CategoryToggle key={id} id={id} checked={settings.categories[id]} onChange={(on) => toggle(id, on)} />
          ))}
      </fieldset>
      <section class="status" aria-live="polite">
        {status?.dataset ? (
          <p>
            {t('popup_dataset', [status.dataset.title, String(status.dataset.version), status.dataset.publishedAt])}
          </p>
        ) : (
          <p>{t('popup_dataset_missing')}</p>
        )}
        {status?.update.kind === 'not-configured' && <p class="muted">{t('popup_updates_not_configured')}</p>}
      </section>
    </main>
  );
}
