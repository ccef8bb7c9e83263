/**
 * Background entry: a service worker in Chrome, an event page in Firefox. Installs the
 * bundled dataset, keeps settings valid, and answers commands. Listeners are registered
 * synchronously at the top level so a woken worker never misses the event that woke it.
 */
import browser from 'webextension-polyfill';
import { ensureDatasetInstalled } from './dataset-installer';
import { listenForCommands } from './messenger';
import { listenForShortcut } from './commands';
import { migrateSettings } from './settings-migrations';

const WELCOME_PAGE = 'welcome/welcome.html';

listenForCommands();
listenForShortcut();

async function prepare(reason: string): Promise<void> {
  try {
    await migrateSettings();
    const active = await ensureDatasetInstalled();
    console.info(`Backstory: ${reason}; dataset ${active.datasetId} v${active.version} (${active.origin}) active`);
  } catch (error) {
    console.error('Backstory: could not prepare the dataset', error);
  }
}

browser.runtime.onInstalled.addListener((details) => {
  void prepare(`installed (${details.reason})`);
  // A first install explains what Backstory does and what it never sends anywhere.
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
});
browser.runtime.onStartup.addListener(() => {
  void prepare('browser start-up');
});
