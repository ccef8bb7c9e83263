/**
 * The keyboard shortcut that starts mention navigation. Browsers let only their own settings
 * page change it: chrome://extensions/shortcuts in Chrome (opened with tabs.create, since a
 * plain link to chrome:// is blocked), and the add-ons manager in Firefox
 * (`commands.openShortcutSettings`, Firefox 137+; about:addons cannot be opened by an extension).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';

/** The command declared in manifest/base.json. */
const NAVIGATE_COMMAND = 'navigate-mentions';

type OpenShortcutSettings = () => Promise<void>;

function firefoxShortcutSettings(): OpenShortcutSettings | null {
  const commands = browser.commands as unknown as { openShortcutSettings?: unknown };
  return typeof commands.openShortcutSettings === 'function' ? (commands.openShortcutSettings as OpenShortcutSettings).bind(browser.commands) : null;
}

function isChrome(): boolean {
  return browser.runtime.getURL('').startsWith('chrome-extension://');
}

export function ShortcutOptions() {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void browser.commands
      .getAll()
      .then((all) => setShortcut(all.find((c) => c.name === NAVIGATE_COMMAND)?.shortcut || null))
      .catch(() => setShortcut(null));
  }, []);
  const openFirefox = firefoxShortcutSettings();
  const open = (): void => {
    if (isChrome()) void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    else if (openFirefox) void openFirefox();
  };
  return (
    <section aria-labelledby="shortcut-heading">
      <h2 id="shortcut-heading">{t('options_shortcut_heading')}</h2>
      <p data-shortcut>
        {shortcut === undefined ? '' : shortcut ? t('options_shortcut_current', shortcut) : t('options_shortcut_none')}
      </p>
      {isChrome() || openFirefox ? (
        <button type="button" class="secondary" onClick={open}>
          {t('options_shortcut_change')}
        </button>
      ) : (
        <p class="muted">{t('options_shortcut_firefox_hint')}</p>
      )}
    </section>
  );
}
