/**
 * The options page: how highlights look, the reading aid, the keyboard shortcut, dataset
 * updates, a local dataset for maintainers, and the privacy statement. Every change is saved at once through
 * the settings schema (an invalid value is shown as an error and never saved); content
 * scripts apply it live from storage.onChanged.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { defaultUpdateUrl } from '../dataset/pinned-keys';
import { askBackground } from '../shared/background-client';
import { StatusResponse, UpdateUrlReply } from '../shared/messages';
import { Settings } from '../shared/settings';
import { activeDatasetItem, onSettingsChanged, readSettings, updateSettings } from '../shared/storage';
import { t } from '../shared/i18n';
import { HighlightOptions } from './highlight-options';
import { LocalDataset } from './local-dataset';
import { PrivacyStatement } from './privacy-statement';
import { ReadingAidOption } from './reading-aid-option';
import { RepairLog } from './repair-log';
import { ShortcutOptions } from './shortcut-options';
import { UpdateOptions } from './update-options';

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<StatusResponse | null>(null);

  /** The update URL the background keeps (null: the project's own); undefined until it answers. */
  const [updateUrl, setUpdateUrl] = useState<string | null | undefined>(undefined);

  const loadStatus = useCallback(async () => {
    const reply = await askBackground({ type: 'getStatus' }, StatusResponse);
    setStatus(reply.ok ? reply.value : null);
  }, []);

  useEffect(() => {
    void readSettings().then(setSettings);
    void loadStatus();
    void askBackground({ type: 'getUpdateUrl' }, UpdateUrlReply).then((reply) => setUpdateUrl(reply.ok ? reply.value : null));
    const stopSettings = onSettingsChanged(() => void readSettings().then(setSettings));
    const stopDataset = activeDatasetItem.watch(() => void loadStatus());
    return () => {
      stopSettings();
      stopDataset();
    };
  }, [loadStatus]);

  const [saveError, setSaveError] = useState<string | null>(null);
  /** Saves a change; resolves to whether it was stored. A failure is shown at the top of the page. */
  const change = async (edit: (s: Settings) => Settings): Promise<boolean> => {
    try {
      setSettings(await updateSettings((current) => Settings.parse(edit(current))));
      setSaveError(null);
      return true;
    } catch (error) {
      console.error('Backstory: could not save settings', error);
      setSaveError(error instanceof Error ? error.message : String(error));
      // What is stored is what the page shows again (a new object, so controls that the user
      // changed are drawn again even when the stored value is the very object shown).
      void readSettings()
        .then((stored) => setSettings({ ...stored }))
        .catch(() => undefined);
      return false;
    }
  };

  /** Saves the update URL through the background; a failure is shown at the top of the page. */
  const changeUrl = async (url: string | null): Promise<boolean> => {
    const reply = await askBackground({ type: 'setUpdateUrl', url }, UpdateUrlReply);
    if (!reply.ok) {
      console.error('Backstory: could not save the update URL', reply.error);
      setSaveError(reply.error);
      return false;
    }
    setUpdateUrl(reply.value);
    setSaveError(null);
    return true;
  };

  const defaultUrl = defaultUpdateUrl();
  return (
    <main>
      <h1>{t('options_title')}</h1>
      <div role="alert">{saveError !== null && <p class="error">{t('settings_save_failed', saveError)}</p>}</div>
      {settings && updateUrl !== undefined ? (
        <>
          <HighlightOptions settings={settings} onChange={change} />
          <ReadingAidOption settings={settings} onChange={change} />
          <ShortcutOptions />
          <UpdateOptions settings={settings} defaultUrl={defaultUrl} onChange={change} updateUrl={updateUrl} onUrlChange={changeUrl} />
          <LocalDataset active={status?.dataset ?? null} onInstalled={() => void loadStatus()} />
          <RepairLog />
          <PrivacyStatement status={status} intervalHours={settings.updateIntervalHours} updateUrl={updateUrl ?? defaultUrl} />
        </>
      ) : (
        <p class="muted">{t('popup_story_loading')}</p>
      )}
    </main>
  );
}
