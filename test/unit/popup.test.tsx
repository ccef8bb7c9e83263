// @vitest-environment happy-dom
/**
 * The popup's views, with a fake WebExtension API: toggles and switches write settings,
 * "In this story" groups and reveals, the dataset status reports honestly, and pages
 * Backstory cannot run on say so.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../support/fake-browser';
import { Popup } from '../../src/popup/popup';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import type { ActiveDataset } from '../../src/shared/storage';
import type { StatusResponse, UpdateState } from '../../src/shared/messages';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const SOURCE = 'https://en.wikipedia.org/wiki/Main_Page';
const DATASET: ActiveDataset = {
  datasetId: 'backstory-core',
  version: 3,
  title: 'Backstory core',
  publishedAt: '2025-11-30',
  installedAt: '2025-12-01T10:00:00.000Z',
  origin: 'bundled',
  entityCount: 40,
};
const MENTIONS = {
  entities: [
    { id: 'steve-witkoff', name: 'Steve Witkoff', category: 'person', count: 2 },
    { id: 'donald-trump', name: 'Donald Trump', category: 'person', count: 4 },
    { id: 'us-28-point-peace-plan', name: 'US 28-point peace plan', category: 'proposal', count: 1 },
    { id: 'nato', name: 'NATO', category: 'organization', count: 3 },
  ],
  counts: { person: 6, proposal: 1, organization: 3 },
};

function card(id: string, name: string, role: string) {
  return {
    id,
    category: 'person',
    name,
    summary: `${name}.`,
    roles: [{ title: role, from: '2025-01-20', source: SOURCE }],
    facts: [],
    related: [],
    sources: [SOURCE],
    updatedAt: '2025-11-30',
  };
}

function status(update: UpdateState, dataset: ActiveDataset | null = DATASET): StatusResponse {
  return { dataset, update };
}

/** An article tab with our content script, and a background that answers getStatus. */
function openOnArticle(update: UpdateState = { kind: 'never-checked' }, dataset: ActiveDataset | null = DATASET): void {
  fakeBrowser.tabs.list = [{ id: 7, url: 'https://www.nytimes.com/2025/11/30/world/peace.html', active: true }];
  fakeBrowser.tabs.onContent = (_tab, message) => {
    const type = (message as { type: string }).type;
    if (type === 'getPageMentions') return MENTIONS;
    if (type === 'revealEntity') return { done: true };
    return { done: true };
  };
  fakeBrowser.runtime.onBackground = (message) => {
    const type = (message as { type: string }).type;
    if (type === 'getStatus') return { ok: true, value: status(update, dataset) };
    if (type === 'checkForUpdates') return { ok: true, value: update };
    return { ok: false, error: 'unexpected' };
  };
}

async function storedSettings(): Promise<Settings> {
  return (await fakeBrowser.storage.sync.get('settings')).settings as Settings;
}

beforeEach(() => {
  resetFakeBrowser();
  vi.spyOn(window, 'close').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('popup', () => {
  it('shows every category with its swatch and this page’s mention count', async () => {
    openOnArticle();
    render(<Popup search="" />);
    const people = await screen.findByRole('checkbox', { name: /People/ });
    expect(people).toHaveProperty('checked', true);
    await waitFor(() => expect(people.closest('label')?.textContent).toContain('6 on this page'));
    expect(people.closest('label')?.querySelector('.swatch')?.getAttribute('style')).toContain('background');
    const places = screen.getByRole('checkbox', { name: /Places/ });
    expect(places.closest('label')?.textContent).toContain('0 on this page');
  });

  it('writes a category toggle to storage.sync, where every tab picks it up', async () => {
    openOnArticle();
    render(<Popup search="" />);
    fireEvent.click(await screen.findByRole('checkbox', { name: /Proposals/ }));
    await waitFor(async () => expect((await storedSettings())?.categories.proposal).toBe(false));
    expect((await storedSettings()).categories.person).toBe(true);
  });

  it('switches Backstory off on the current host only, and back on', async () => {
    openOnArticle();
    render(<Popup search="" />);
    const site = await screen.findByRole('switch', { name: 'Off on www.nytimes.com' });
    fireEvent.click(site);
    await waitFor(async () => expect((await storedSettings())?.disabledSites).toEqual(['www.nytimes.com']));
    expect(await screen.findByText('Backstory is off on www.nytimes.com.')).toBeTruthy();
    fireEvent.click(site);
    await waitFor(async () => expect((await storedSettings()).disabledSites).toEqual([]));
  });

  it('says so when a toggle could not be stored, and shows what is stored', async () => {
    openOnArticle();
    render(<Popup search="" />);
    const proposals = await screen.findByRole('checkbox', { name: /Proposals/ });
    const refused = new Error('QUOTA_BYTES quota exceeded');
    fakeBrowser.storage.sync.failingWrites = refused;
    fakeBrowser.storage.local.failingWrites = refused;
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fireEvent.click(proposals);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Your change could not be saved, so it is not in effect: QUOTA_BYTES quota exceeded',
      ),
    );
    await waitFor(() => expect(proposals).toHaveProperty('checked', true));
    fakeBrowser.storage.sync.failingWrites = null;
    fakeBrowser.storage.local.failingWrites = null;
    fireEvent.click(proposals);
    await waitFor(async () => expect((await storedSettings())?.categories.proposal).toBe(false));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(''));
  });

  it('finds the page’s host from its content script, with no permission to read the tab’s URL', async () => {
    openOnArticle();
    // Without "activeTab" the browser gives the popup the tab, but not its URL.
    fakeBrowser.tabs.list = [{ id: 7, active: true }];
    fakeBrowser.tabs.onContent = (_tab, message) =>
      (message as { type: string }).type === 'getPageMentions' ? { ...MENTIONS, host: 'www.nytimes.com' } : { done: true };
    render(<Popup search="" />);
    const site = await screen.findByRole('switch', { name: 'Off on www.nytimes.com' });
    fireEvent.click(site);
    await waitFor(async () => expect((await storedSettings())?.disabledSites).toEqual(['www.nytimes.com']));
    expect(await screen.findByText('Backstory is off on www.nytimes.com.')).toBeTruthy();
  });

  it('ignores a reported host that is not a host name', async () => {
    openOnArticle();
    fakeBrowser.tabs.list = [{ id: 7, active: true }];
    fakeBrowser.tabs.onContent = () => ({ ...MENTIONS, host: 'evil.example/<script>' });
    render(<Popup search="" />);
    expect(await screen.findByText(/^Backstory can’t run on this page\./)).toBeTruthy();
    expect(screen.queryByRole('switch', { name: /^Off on/ })).toBeNull();
  });

  it('has a global switch that turns Backstory off everywhere', async () => {
    openOnArticle();
    render(<Popup search="" />);
    fireEvent.click(await screen.findByRole('switch', { name: 'Backstory on' }));
    await waitFor(async () => expect((await storedSettings())?.enabled).toBe(false));
    expect(await screen.findByText('Backstory is switched off.')).toBeTruthy();
  });

  it('lists "In this story" by category with counts and roles, leaving out switched-off categories', async () => {
    openOnArticle();
    await fakeBrowser.storage.local.set({
      'card:3:steve-witkoff': card('steve-witkoff', 'Steve Witkoff', 'US Special Envoy to the Middle East'),
    });
    render(<Popup search="" />);
    const witkoff = await screen.findByRole('button', { name: /Steve Witkoff/ });
    await waitFor(() => expect(witkoff.textContent).toContain('US Special Envoy to the Middle East'));
    expect(witkoff.textContent).toContain('mentions: 2');
    const people = screen.getByRole('region', { name: 'People' });
    // most mentioned first
    expect(
      within(people)
        .getAllByRole('button')
        .map((b) => b.querySelector('.entity-name')?.textContent),
    ).toEqual(['Donald Trump', 'Steve Witkoff']);
    expect(screen.getByRole('region', { name: 'Proposals' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Organisations' })).toBeNull();
  });

  it('asks the page to reveal the chosen entity, then closes the toolbar popup', async () => {
    openOnArticle();
    render(<Popup search="" />);
    fireEvent.click(await screen.findByRole('button', { name: /Steve Witkoff/ }));
    await waitFor(() =>
      expect(fakeBrowser.tabs.sent).toContainEqual({ tabId: 7, message: { type: 'revealEntity', entityId: 'steve-witkoff' } }),
    );
    await waitFor(() => expect(window.close).toHaveBeenCalled());
  });

  it('targets the tab named by ?tab= and stays open (the end-to-end tests drive it as a tab)', async () => {
    openOnArticle();
    fakeBrowser.tabs.list = [
      { id: 7, url: 'https://www.nytimes.com/a', active: false },
      { id: 8, url: 'chrome-extension://backstory-test/popup/popup.html?tab=7', active: true },
    ];
    render(<Popup search="?tab=7" />);
    fireEvent.click(await screen.findByRole('button', { name: /Steve Witkoff/ }));
    await waitFor(() =>
      expect(fakeBrowser.tabs.sent).toContainEqual({ tabId: 7, message: { type: 'revealEntity', entityId: 'steve-witkoff' } }),
    );
    expect(window.close).not.toHaveBeenCalled();
  });

  it('says clearly that Backstory cannot run on a browser page, instead of showing an empty list', async () => {
    openOnArticle();
    fakeBrowser.tabs.list = [{ id: 3, url: 'chrome://extensions/', active: true }];
    render(<Popup search="" />);
    expect(await screen.findByText(/can’t run on this page/)).toBeTruthy();
    expect(screen.queryByRole('switch', { name: /Off on/ })).toBeNull();
    expect(fakeBrowser.tabs.sent).toEqual([]);
  });

  it('treats a page without our content script (the extension store) as one it cannot run on', async () => {
    openOnArticle();
    fakeBrowser.tabs.list = [{ id: 4, url: 'https://chromewebstore.google.com/detail/x', active: true }];
    fakeBrowser.tabs.onContent = () => {
      throw new Error('Receiving end does not exist.');
    };
    render(<Popup search="" />);
    expect(await screen.findByText(/can’t run on this page/)).toBeTruthy();
  });

  it('shows the dataset title, version, published date and a "local" mark for an imported file', async () => {
    openOnArticle({ kind: 'up-to-date', checkedAt: '2025-12-02T09:30:00.000Z', version: 3 }, { ...DATASET, origin: 'local' });
    render(<Popup search="" />);
    expect(await screen.findByText('Backstory core')).toBeTruthy();
    expect(screen.getByText(/^version 3, data from Nov 30, 2025 \(\d+ days ago\)$/)).toBeTruthy();
    expect(screen.getByText('local')).toBeTruthy();
    expect(screen.getByText(/Last checked for updates: Dec 2, 2025/)).toBeTruthy();
    expect(screen.getByText('Up to date.')).toBeTruthy();
  });

  it('says that nothing was checked when the build has no update channel', async () => {
    openOnArticle({ kind: 'not-configured' });
    render(<Popup search="" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Check for updates now' }));
    expect(await screen.findByText('Nothing was checked: this version has no update channel.')).toBeTruthy();
    expect(fakeBrowser.runtime.sent).toContainEqual({ type: 'checkForUpdates' });
    expect(screen.queryByText(/Up to date/)).toBeNull();
  });

  it('shows a failed check in plain words, and a stale dataset with its date', async () => {
    openOnArticle({ kind: 'error', checkedAt: '2025-12-02T09:30:00.000Z', message: 'Could not reach the update server.' });
    const first = render(<Popup search="" />);
    expect(await screen.findByText('The last check failed: Could not reach the update server.')).toBeTruthy();
    expect(screen.queryByText(/The last verified release expired/)).toBeNull();
    first.unmount();
    openOnArticle({
      kind: 'error',
      checkedAt: '2025-12-22T09:30:00.000Z',
      message: 'Could not reach the update server.',
      staleSince: '2025-12-20T00:00:00.000Z',
    });
    const second = render(<Popup search="" />);
    expect(await screen.findByText('The last verified release expired on Dec 20, 2025; Backstory keeps using it.')).toBeTruthy();
    second.unmount();
    openOnArticle({ kind: 'behind', checkedAt: '2025-12-02T09:30:00.000Z', version: 5, local: false });
    const third = render(<Popup search="" />);
    expect(await screen.findByText('Version 5 is the latest release; it is not installed yet and will be at the next check.')).toBeTruthy();
    expect(screen.queryByText(/Up to date/)).toBeNull();
    third.unmount();
    openOnArticle({ kind: 'stale', since: '2025-12-20T00:00:00.000Z', checkedAt: '2025-12-21T00:00:00.000Z' });
    render(<Popup search="" />);
    expect(await screen.findByText(/Stale since Dec 20, 2025/)).toBeTruthy();
  });

  it('keeps working when storage.sync is unavailable, saving settings on this device', async () => {
    openOnArticle();
    fakeBrowser.storage.sync.failing = new Error('storage.sync is disabled');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    render(<Popup search="" />);
    fireEvent.click(await screen.findByRole('checkbox', { name: /Proposals/ }));
    await waitFor(async () =>
      expect(((await fakeBrowser.storage.local.get('settings')).settings as Settings)?.categories.proposal).toBe(false),
    );
    await waitFor(() => expect(screen.getByRole('checkbox', { name: /Proposals/ })).toHaveProperty('checked', false));
    expect(warn).toHaveBeenCalled();
  });

  it('reads a version-0 settings object with the user’s choices intact', async () => {
    openOnArticle();
    await fakeBrowser.storage.sync.set({
      settings: { categories: { person: false, proposal: true, organization: true, place: false }, disabledSites: [] },
    });
    render(<Popup search="" />);
    expect(await screen.findByRole('checkbox', { name: /People/ })).toHaveProperty('checked', false);
    // organisations are off by default: the stored choice won
    expect(DEFAULT_SETTINGS.categories.organization).toBe(false);
    expect(screen.getByRole('checkbox', { name: /Organisations/ })).toHaveProperty('checked', true);
  });
});
