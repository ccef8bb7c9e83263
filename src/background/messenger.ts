/**
 * The background's message endpoint. It answers only the extension's own pages (the popup
 * and options page), parses every request with zod, and returns errors as values.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { BackgroundRequest, type Result, type StatusResponse } from '../shared/messages';
import { readInstalledDataset } from './dataset-installer';
import { checkForUpdates, readUpdateState, readUpdateUrl, setUpdateUrl } from './updater';
import { installLocalDataset, resetToBundledDataset } from './local-dataset';
import { readRepairLog } from './repairs';

/** Only our own extension pages may send commands; content scripts (sender.tab set) may not. */
export function isTrustedSender(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  if (sender.tab !== undefined && !isExtensionUrl(sender.tab.url)) return false;
  return isExtensionUrl(sender.url);
}

function isExtensionUrl(url: string | undefined): boolean {
  return url !== undefined && url.startsWith(browser.runtime.getURL(''));
}

async function handle(request: BackgroundRequest): Promise<Result<unknown>> {
  switch (request.type) {
    case 'getStatus': {
      const status: StatusResponse = { dataset: await readInstalledDataset(), update: await readUpdateState() };
      return { ok: true, value: status };
    }
    case 'checkForUpdates':
      // Fetches only the configured update URL; the request carries no URL.
      return { ok: true, value: await checkForUpdates('check now') };
    case 'installLocalDataset':
      return { ok: true, value: await installLocalDataset(request.json) };
    case 'resetToBundled':
      return { ok: true, value: await resetToBundledDataset() };
    case 'getUpdateUrl':
      return { ok: true, value: await readUpdateUrl() };
    case 'setUpdateUrl':
      // Parsed as an update URL with the request; the trusted store parses it again.
      return { ok: true, value: await setUpdateUrl(request.url) };
    case 'getRepairLog':
      return { ok: true, value: await readRepairLog() };
  }
}

export function listenForCommands(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isTrustedSender(sender)) {
      return Promise.resolve({ ok: false, error: 'sender not allowed' } satisfies Result<never>);
    }
    const parsed = BackgroundRequest.safeParse(message);
    if (!parsed.success) {
      return Promise.resolve({ ok: false, error: 'malformed request' } satisfies Result<never>);
    }
    return handle(parsed.data).catch((error: unknown) => ({ ok: false, error: String(error) }) satisfies Result<never>);
  });
}
