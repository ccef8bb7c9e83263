/**
 * Dataset updates: how often to check, and (advanced) where. The URL must be https (plain
 * http only for this computer, to test a release) and is validated with its schema before it
 * is sent; an empty field means the project's own channel. The URL is not a synced setting:
 * the background keeps it in its trusted store (docs/decisions/0015-trusted-state-in-extension-indexeddb.md).
 */
import { useState } from 'preact/hooks';
import { UpdateUrl, type Settings } from '../shared/settings';
import { SettingsNumberField } from './settings-number-field';
import { t } from '../shared/i18n';

interface Props {
  settings: Settings;
  defaultUrl: string;
  onChange: (edit: (s: Settings) => Settings) => Promise<boolean>;
  /** The update URL set now (null: the project's own). */
  updateUrl: string | null;
  /** Saves the update URL (null: the project's own); resolves to whether it was stored. */
  onUrlChange: (url: string | null) => Promise<boolean>;
}

export function UpdateOptions({ settings, defaultUrl, onChange, updateUrl, onUrlChange }: Props) {
  const [url, setUrl] = useState(updateUrl ?? '');
  const [urlError, setUrlError] = useState(false);
  /** Whether the last save was stored; null while none finished since the last edit. */
  const [urlSaved, setUrlSaved] = useState<boolean | null>(null);

  const saveUrl = (event: Event): void => {
    event.preventDefault();
    const value = url.trim();
    setUrlSaved(null);
    const parsed = value === '' ? null : UpdateUrl.safeParse(value);
    setUrlError(parsed !== null && !parsed.success);
    if (parsed !== null && !parsed.success) return;
    // "Saved." only once the background has stored it.
    void onUrlChange(parsed === null ? null : parsed.data).then(setUrlSaved);
  };

  return (
    <section aria-labelledby="updates-heading">
      <h2 id="updates-heading">{t('options_updates_heading')}</h2>
      <SettingsNumberField
        id="update-interval"
        field="updateIntervalHours"
        label={t('options_update_interval')}
        invalidText={t('options_update_interval_invalid')}
        min={1}
        max={168}
        step={1}
        settings={settings}
        onChange={onChange}
      />
      <form class="field" onSubmit={saveUrl} noValidate>
        <label for="update-url">{t('options_update_url')}</label>
        <p id="update-url-hint" class="muted">
          {t('options_update_url_hint', defaultUrl)}
        </p>
        <div class="row">
          <input
            id="update-url"
            type="url"
            spellcheck={false}
            autoComplete="off"
            placeholder={defaultUrl}
            value={url}
            aria-invalid={urlError}
            aria-describedby={urlError ? 'update-url-hint update-url-error' : 'update-url-hint'}
            onInput={(e) => {
              setUrl(e.currentTarget.value);
              setUrlSaved(null);
            }}
          />
          <button type="submit" class="secondary">
            {t('options_save')}
          </button>
        </div>
        <p role="status" class={urlError || urlSaved === false ? 'error' : 'muted'} id="update-url-error">
          {urlError
            ? t('options_update_url_invalid')
            : urlSaved === true
              ? t('options_saved')
              : urlSaved === false
                ? t('options_not_saved')
                : ''}
        </p>
      </form>
    </section>
  );
}
