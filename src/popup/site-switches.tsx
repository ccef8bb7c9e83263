/**
 * The global on/off switch, and "Off on <host>" for the current site. The site switch stores
 * the host name in `settings.disabledSites`, so it holds for every page of that host.
 */
import type { Settings } from '../shared/settings';
import { t } from '../shared/i18n';

interface Props {
  settings: Settings;
  /** The current tab's host; null hides the site switch (a browser page, or no URL access). */
  host: string | null;
  onGlobal: (on: boolean) => void;
  onSite: (off: boolean) => void;
}

export function SiteSwitches({ settings, host, onGlobal, onSite }: Props) {
  return (
    <div class="switches">
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          data-switch="global"
          checked={settings.enabled}
          onChange={(e) => onGlobal(e.currentTarget.checked)}
        />
        <span>{t('popup_enabled')}</span>
      </label>
      {host !== null && (
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            data-switch="site"
            checked={settings.disabledSites.includes(host)}
            onChange={(e) => onSite(e.currentTarget.checked)}
          />
          <span>{t('popup_site_off', host)}</span>
        </label>
      )}
    </div>
  );
}
