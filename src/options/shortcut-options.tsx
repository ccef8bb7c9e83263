/**
 * The keyboard shortcut that starts mention navigation. Browsers let only their own settings
 * page change it: chrome://extensions/shortcuts in Chrome (opened with tabs.create, since a
 * plain link to chrome:// is blocked), and the add-ons manager in Firefox
 * (`commands.openShortcutSettings`, Firefox 137+; about:addons cannot be opened by an extension).
 * Firefox for Android has no commands API at all: there the section says so, and points to
 * the popup's button, which starts the same navigation.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';

/** The command declared in manifest/base.json. */
const NAVIGATE_COMMAND = 'navigate-mentions';

type OpenShortcutSettings = () => Promise<void>;
type Commands = typeof browser.commands;

/** The commands API, or null where the browser has none (Firefox for Android). */
function commandsApi(): Commands | null {
  return (browser as { commands?: Commands }).commands ?? null;
}

function firefoxShortcutSettings(api: Commands): OpenShortcutSettings | null {
  const commands = api as unknown as { openShortcutSettings?: unknown };
  return typeof commands.openShortcutSettings === 'function' ? (commands.openShortcutSettings as OpenShortcutSettings).bind(api) : null;
}

function isChrome(): boolean {
  return browser.runtime.getURL('').startsWith('chrome-extension://');
}

export function ShortcutOptions() {
  const api = commandsApi();
  return api ? <Shortcut api={api} /> : <NoShortcuts />;
}

function NoShortcuts() {
  return (
    <section aria-labelledby="shortcut-heading">
      <h2 id="shortcut-heading">{t('options_shortcut_heading')}</h2>
      <p>{t('options_shortcut_unavailable')}</p>
    </section>
  );
}

function Shortcut({ api }: { api: Commands }) {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void api
      .getAll()
      .then((all) => setShortcut(all.find((c) => c.name === NAVIGATE_COMMAND)?.shortcut || null))
      .catch(() => setShortcut(null));
  }, [api]);
  const openFirefox = firefoxShortcutSettings(api);
  const open = (): void => {
    if (isChrome()) void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    else if (openFirefox) void openFirefox();
  };
  return (
    <section aria-labelledby="shortcut-heading">
      <h2 id="shortcut-heading">{t('options_shortcut_heading')}</h2>
      <p data-shortcut>{shortcut === undefined ? '' : shortcut ? t('options_shortcut_current', shortcut) : t('options_shortcut_none')}</p>
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
