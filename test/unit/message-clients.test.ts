/**
 * The senders' side of messages: askTab parses what the content script answers with the
 * schema messages.ts declares for the request, and tells "nobody listens" from a reply that
 * does not parse, both as values.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const { fakeBrowser, resetFakeBrowser } = await import('../support/fake-browser');
const { askTab, askBackground } = await import('../../src/shared/background-client');
const { StatusResponse } = await import('../../src/shared/messages');
const { askPageMentions, revealEntity, startNavigation } = await import('../../src/popup/page-report');

const MENTIONS = {
  entities: [{ id: 'marco-rubio', name: 'Marco Rubio', category: 'person', count: 2 }],
  counts: { person: 2 },
  host: 'www.nytimes.com',
};

describe('askTab', () => {
  beforeEach(() => resetFakeBrowser());

  it('returns the page’s mentions, checked, and sends the request to that tab', async () => {
    fakeBrowser.tabs.onContent = () => MENTIONS;
    expect(await askTab(7, { type: 'getPageMentions' })).toEqual({ ok: true, value: MENTIONS });
    expect(fakeBrowser.tabs.sent).toEqual([{ tabId: 7, message: { type: 'getPageMentions' } }]);
  });

  it('says the tab is unreachable when no content script answers (a browser page)', async () => {
    expect(await askTab(7, { type: 'startNavigation' })).toEqual({ ok: false, error: 'unreachable' });
    expect(await askPageMentions(7)).toEqual({ kind: 'unavailable' });
    expect(await startNavigation(7)).toBe(false);
  });

  it('refuses a reply that is not the declared shape instead of trusting it', async () => {
    fakeBrowser.tabs.onContent = () => ({ ...MENTIONS, host: 'evil.example/<script>' });
    expect(await askTab(7, { type: 'getPageMentions' })).toEqual({ ok: false, error: 'unexpected-reply' });
    fakeBrowser.tabs.onContent = () => ({ ok: true });
    expect(await askTab(7, { type: 'revealEntity', entityId: 'marco-rubio' })).toEqual({ ok: false, error: 'unexpected-reply' });
    expect(await revealEntity(7, 'marco-rubio')).toBe(false);
  });

  it('passes on whether the page could do what was asked', async () => {
    fakeBrowser.tabs.onContent = (_tab, message) => ({ done: (message as { entityId?: string }).entityId === 'marco-rubio' });
    expect(await revealEntity(7, 'marco-rubio')).toBe(true);
    expect(await revealEntity(7, 'jd-vance')).toBe(false);
  });

  it('accepts a null debug report from a page that has not been read yet', async () => {
    fakeBrowser.tabs.onContent = () => null;
    expect(await askTab(7, { type: 'getDebugReport' })).toEqual({ ok: true, value: null });
  });
});

describe('askBackground', () => {
  beforeEach(() => resetFakeBrowser());

  it('passes the background’s error on as a value', async () => {
    fakeBrowser.runtime.onBackground = () => ({ ok: false, error: 'sender not allowed' });
    expect(await askBackground({ type: 'getStatus' }, StatusResponse)).toEqual({ ok: false, error: 'sender not allowed' });
  });

  it('turns a reply that does not parse into an error value', async () => {
    fakeBrowser.runtime.onBackground = () => ({ ok: true, value: { dataset: 'v2' } });
    expect(await askBackground({ type: 'getStatus' }, StatusResponse)).toEqual({
      ok: false,
      error: 'unexpected reply from the background',
    });
  });
});
