/** The keyboard shortcut: asks the active tab's content script to start mention navigation. */
import browser from 'webextension-polyfill';
import { askTab } from '../shared/background-client';

export const NAVIGATE_COMMAND = 'navigate-mentions';

/**
 * Listens for the shortcut where the browser has keyboard commands. Firefox for Android has
 * no `commands` API: there the background must go on to install the dataset, so nothing is
 * registered and nothing throws (the popup's button still starts navigation).
 */
export function listenForShortcut(): void {
  const commands = (browser as { commands?: typeof browser.commands }).commands;
  if (!commands) return;
  commands.onCommand.addListener((command) => {
    if (command !== NAVIGATE_COMMAND) return;
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return;
      // A tab without our content script (a browser page) has no receiver; nothing to do.
      await askTab(tab.id, { type: 'startNavigation' });
    })();
  });
}
