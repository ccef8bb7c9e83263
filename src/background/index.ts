/**
 * Background entry: a service worker in Chrome, an event page in Firefox. Installs the
 * bundled dataset, keeps settings valid, and answers commands. Listeners are registered
 * synchronously at the top level so a woken worker never misses the event that woke it.
 */
import browser from 'webextension-polyfill';
import { ensureDatasetInstalled } from './dataset-installer';
import { listenForCommands } from './messenger';
import { listenForShortcut } from './commands';
import { moveLegacyState } from './legacy-state';
import { migrateSettings } from './settings-migrations';
import { checkForUpdates, exclusive, scheduleUpdates, startUpdater } from './updater';

const WELCOME_PAGE = 'welcome/welcome.html';

listenForCommands();
startUpdater();
listenForShortcut();

async function prepare(reason: string): Promise<void> {
  try {
    // Before the settings migration, which drops the settings' update URL that this moves.
    await moveLegacyState();
    await migrateSettings();
    // Never interleaved with an update install (both write the active dataset).
    const active = await exclusive(ensureDatasetInstalled);
    console.info(`Backstory: ${reason}; dataset ${active.datasetId} v${active.version} (${active.origin}) active`);
  } catch (error) {
    console.error('Backstory: could not prepare the dataset', error);
  }
  // Signed dataset updates: an alarm every few hours, and a check now.
  await scheduleUpdates().catch((error: unknown) => console.error('Backstory: could not schedule updates', error));
  await checkForUpdates(reason);
}

browser.runtime.onInstalled.addListener((details) => {
  void prepare(`installed (${details.reason})`);
  // A first install explains what Backstory does and what it never sends anywhere.
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
});
browser.runtime.onStartup.addListener(() => {
  void prepare('browser start-up');
});
