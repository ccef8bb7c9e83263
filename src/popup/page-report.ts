/**
 * What the content script in the target tab found: entities with mention counts, and counts
 * per category. A tab without our content script (a browser page, the store) cannot be asked;
 * that is the "cannot run here" state, not an empty list.
 */
import { askTab } from '../shared/background-client';
import type { PageMentions } from '../shared/messages';

export type PageReport = { kind: 'mentions'; mentions: PageMentions } | { kind: 'unavailable' };

export async function askPageMentions(tabId: number): Promise<PageReport> {
  const reply = await askTab(tabId, { type: 'getPageMentions' });
  return reply.ok ? { kind: 'mentions', mentions: reply.value } : { kind: 'unavailable' };
}

/** Asks the page to scroll to the entity's first mention and open its card; false when it could not. */
export async function revealEntity(tabId: number, entityId: string): Promise<boolean> {
  const reply = await askTab(tabId, { type: 'revealEntity', entityId });
  return reply.ok && reply.value.done;
}

export async function startNavigation(tabId: number): Promise<boolean> {
  const reply = await askTab(tabId, { type: 'startNavigation' });
  return reply.ok && reply.value.done;
}
