import { beforeEach, describe, expect, it, vi } from 'vitest';
import { freshTrustedStore } from '../support/trusted-store';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const { fakeBrowser, resetFakeBrowser } = await import('../support/fake-browser');
const { migrateSettings } = await import('../../src/background/settings-migrations');
const { DEFAULT_SETTINGS } = await import('../../src/shared/settings');
const { readSettings, updateSettings } = await import('../../src/shared/storage');
const { readRepairLog } = await import('../../src/background/repairs');

/** What a user chose, synced across their browsers. */
const CHOSEN = {
  ...DEFAULT_SETTINGS,
  categories: { person: false, proposal: true, organization: true, place: true },
  disabledSites: ['www.nytimes.com'],
  hoverDelayMs: 900,
};

describe('the background settings migration (run on install and update)', () => {
  beforeEach(() => {
    resetFakeBrowser();
    freshTrustedStore();
    vi.restoreAllMocks();
  });

  it('rewrites a stored version-0 object as the current version, keeping the user’s choices', async () => {
    const v0 = { categories: { person: false, proposal: true, organization: true, place: false }, disabledSites: ['www.nytimes.com'] };
    fakeBrowser.storage.sync.data.set('settings', v0);
    await migrateSettings();
    expect(fakeBrowser.storage.sync.data.get('settings')).toEqual({
      ...DEFAULT_SETTINGS,
      categories: v0.categories,
      disabledSites: v0.disabledSites,
    });
  });

  it('drops the update URL from stored version-1 settings (the background keeps it elsewhere), keeping the user’s choices', async () => {
    fakeBrowser.storage.sync.data.set('settings', { ...CHOSEN, version: 1, updateUrl: 'https://mirror.example.org/manifest.json' });
    await migrateSettings();
    expect(fakeBrowser.storage.sync.data.get('settings')).toEqual(CHOSEN);
    expect(await readRepairLog()).toEqual([]);
  });

  it('writes nothing when the user never changed a setting', async () => {
    await migrateSettings();
    expect(fakeBrowser.storage.sync.data.has('settings')).toBe(false);
  });

  for (const [what, damaged] of [
    ['not an object', 'garbage'],
    ['with invalid fields', { ...CHOSEN, hoverDelayMs: 'slow', categories: { person: 'yes' } }],
  ] as const) {
    it(`discards a damaged local copy (${what}) and keeps the synced settings, never overwriting them with defaults`, async () => {
      fakeBrowser.storage.sync.data.set('settings', CHOSEN);
      fakeBrowser.storage.local.data.set('settings', damaged);
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      // Readers (popup, options, content scripts) see the synced choices, not defaults...
      expect(await readSettings()).toEqual(CHOSEN);
      // ...and so does the background when it starts, which drops the damaged copy and logs it.
      await migrateSettings();
      expect(fakeBrowser.storage.sync.data.get('settings')).toEqual(CHOSEN);
      expect(fakeBrowser.storage.local.data.has('settings')).toBe(false);
      expect(await readRepairLog()).toEqual([{ kind: 'settings-discarded', at: expect.any(String) as unknown }]);
    });
  }

  it('a change made while a damaged local copy is stored keeps the other synced choices', async () => {
    fakeBrowser.storage.sync.data.set('settings', CHOSEN);
    fakeBrowser.storage.local.data.set('settings', 42);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await updateSettings((s) => ({ ...s, enabled: false }));
    expect(fakeBrowser.storage.sync.data.get('settings')).toEqual({ ...CHOSEN, enabled: false });
  });

  it('repairs a damaged local copy field by field when it is the only copy, and logs the fields it reset', async () => {
    fakeBrowser.storage.local.data.set('settings', { ...CHOSEN, hoverDelayMs: 'slow' });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await migrateSettings();
    expect(fakeBrowser.storage.sync.data.get('settings')).toEqual({ ...CHOSEN, hoverDelayMs: DEFAULT_SETTINGS.hoverDelayMs });
    expect(await readRepairLog()).toEqual([{ kind: 'settings-reset', at: expect.any(String) as unknown, fields: ['hoverDelayMs'] }]);
  });

  it('migrates settings kept on this device when sync is unavailable', async () => {
    fakeBrowser.storage.sync.failing = new Error('sync is disabled');
    fakeBrowser.storage.local.data.set('settings', {
      categories: { person: true, proposal: false, organization: false, place: true },
      disabledSites: [],
    });
    await migrateSettings();
    expect(fakeBrowser.storage.local.data.get('settings')).toMatchObject({ version: 2, categories: { proposal: false, place: true } });
  });
});
