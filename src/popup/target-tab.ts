/**
 * Which tab the popup is about, and what it can do there.
 *
 * Normally that is the active tab of the popup's window. The extension asks for no permission
 * to read tab URLs (no "activeTab", no "tabs"): the tab's URL is usually undefined here, and the
 * page's host name for the site switch comes from the content script's reply (PageMentions.host,
 * popup.tsx). Where the browser does give the URL (Firefox counts the content scripts' matches),
 * it tells browser pages apart at once. `popup.html?tab=<id>` names a tab instead. It exists
 * for the end-to-end tests: they open the popup as an ordinary tab (Firefox's WebDriver BiDi
 * cannot open the real toolbar popup, see
 * docs/decisions/0013-firefox-popup-tests-through-the-welcome-tab.md), and there the
 * active tab is the popup itself, not the article. The parameter only picks a tab; it grants
 * nothing new.
 *
 * The tests also pass `&host=<host name>`, used only when the content script does not report
 * one. It is read only together with `?tab=`, and web pages cannot open extension pages that
 * are not web-accessible, so only the extension itself or the user at the address bar can set it.
 */
import browser from 'webextension-polyfill';

export interface TargetTab {
  id: number;
  /** The host name ("www.nytimes.com"), or null when the popup may not read the URL. */
  host: string | null;
  /** False for pages content scripts never run on: browser pages, the store, file: URLs. */
  scriptable: boolean;
}

export function tabIdFromSearch(search: string): number | null {
  const value = new URLSearchParams(search).get('tab');
  if (value === null || !/^\d{1,10}$/.test(value)) return null;
  return Number(value);
}

/** `?host=` from a test (see above): a plain host name, or null. */
export function hostFromSearch(search: string): string | null {
  const params = new URLSearchParams(search);
  const host = params.get('host');
  if (!params.has('tab') || host === null || !/^[a-z0-9.-]{1,253}$/i.test(host)) return null;
  return host.toLowerCase();
}

export function describeTab(id: number, url: string | undefined, fallbackHost: string | null = null): TargetTab {
  if (url === undefined) return { id, host: fallbackHost, scriptable: true };
  try {
    const parsed = new URL(url);
    const web = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    return { id, host: web && parsed.hostname !== '' ? parsed.hostname : null, scriptable: web };
  } catch {
    return { id, host: null, scriptable: false };
  }
}

export async function findTargetTab(search: string): Promise<TargetTab | null> {
  const named = tabIdFromSearch(search);
  try {
    const tab = named !== null ? await browser.tabs.get(named) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    if (tab?.id === undefined) return null;
    return describeTab(tab.id, tab.url, hostFromSearch(search));
  } catch {
    return null;
  }
}

/** True when the popup runs as the toolbar popup, which closes itself after sending the reader to the page. */
export function isToolbarPopup(search: string): boolean {
  return tabIdFromSearch(search) === null;
}
