/** The keyboard shortcut: asks the active tab's content script to start mention navigation. */
import browser from 'webextension-polyfill';

export const NAVIGATE_COMMAND = 'navigate-mentions';

export function listenForShortcut(): void {
  browser.commands.onCommand.addListener((command) => {
    if (command !== NAVIGATE_COMMAND) return;
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return;
      // A tab without our content script (a browser page) has no receiver; nothing to do.
      await browser.tabs.sendMessage(tab.id, { type: 'startNavigation' }).catch(() => undefined);
    })();
  });
}
