/**
 * The background answers commands only from the extension's own pages: the popup and the
 * options page, also when a test or the user opens them as a tab. Content scripts, which run
 * inside web pages, and other extensions are refused.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const { resetFakeBrowser } = await import('../support/fake-browser');
const { isTrustedSender } = await import('../../src/background/messenger');

const OWN = 'chrome-extension://backstory-test/';
const sender = (fields: Runtime.MessageSender): Runtime.MessageSender => fields;

describe('isTrustedSender', () => {
  beforeEach(() => resetFakeBrowser());

  it('trusts the popup and the options page', () => {
    expect(isTrustedSender(sender({ id: 'backstory-test', url: `${OWN}popup/popup.html` }))).toBe(true);
    expect(isTrustedSender(sender({ id: 'backstory-test', url: `${OWN}options/options.html` }))).toBe(true);
  });

  it('trusts an extension page open in a tab', () => {
    const url = `${OWN}popup/popup.html?tab=7`;
    expect(
      isTrustedSender(
        sender({ id: 'backstory-test', url, tab: { url, index: 0, highlighted: false, active: true, pinned: false, incognito: false } }),
      ),
    ).toBe(true);
  });

  it('refuses our own content script, whose sender is the web page’s tab', () => {
    const url = 'https://www.nytimes.com/2025/11/30/world/peace.html';
    expect(
      isTrustedSender(
        sender({ id: 'backstory-test', url, tab: { url, index: 0, highlighted: false, active: true, pinned: false, incognito: false } }),
      ),
    ).toBe(false);
  });

  it('refuses an extension frame embedded in a web page', () => {
    const tab = { url: 'https://evil.example/', index: 0, highlighted: false, active: true, pinned: false, incognito: false };
    expect(isTrustedSender(sender({ id: 'backstory-test', url: `${OWN}popup/popup.html`, tab }))).toBe(false);
  });

  it('refuses other extensions and look-alike origins', () => {
    expect(isTrustedSender(sender({ id: 'another-extension', url: `${OWN}popup/popup.html` }))).toBe(false);
    expect(isTrustedSender(sender({ id: 'backstory-test', url: 'chrome-extension://backstory-test-evil/popup.html' }))).toBe(false);
  });

  it('refuses a sender without a URL', () => {
    expect(isTrustedSender(sender({ id: 'backstory-test' }))).toBe(false);
  });
});
