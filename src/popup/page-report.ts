/**
 * What the content script in the target tab found: entities with mention counts, and counts
 * per category. A tab without our content script (a browser page, the store) makes
 * `tabs.sendMessage` reject; that is the "cannot run here" state, not an empty list.
 */
import browser from 'webextension-polyfill';
import { PageMentions } from '../shared/messages';

export type PageReport = { kind: 'mentions'; mentions: PageMentions } | { kind: 'unavailable' };

export async function askPageMentions(tabId: number): Promise<PageReport> {
  try {
    const reply: unknown = await browser.tabs.sendMessage(tabId, { type: 'getPageMentions' });
    const parsed = PageMentions.safeParse(reply);
    return parsed.success ? { kind: 'mentions', mentions: parsed.data } : { kind: 'unavailable' };
  } catch {
    return { kind: 'unavailable' };
  }
}

/** Asks the page to scroll to the entity's first mention and open its card; false when it could not. */
export async function revealEntity(tabId: number, entityId: string): Promise<boolean> {
  try {
    const reply: unknown = await browser.tabs.sendMessage(tabId, { type: 'revealEntity', entityId });
    return typeof reply === 'object' && reply !== null && 'ok' in reply && reply.ok === true;
  } catch {
    return false;
  }
}

export async function startNavigation(tabId: number): Promise<boolean> {
  try {
    const reply: unknown = await browser.tabs.sendMessage(tabId, { type: 'startNavigation' });
    return typeof reply === 'object' && reply !== null && 'ok' in reply && reply.ok === true;
  } catch {
    return false;
  }
}
