import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./helpers/fake-browser')).fakeBrowser }));

const { fakeBrowser, resetFakeBrowser } = await import('./helpers/fake-browser');
const { migrateSettings } = await import('../../src/background/settings-migrations');
const { DEFAULT_SETTINGS } = await import('../../src/shared/settings');

describe('the background settings migration (run on install and update)', () => {
  beforeEach(() => resetFakeBrowser());

  it('rewrites a stored version-0 object as the current version, keeping the user’s choices', async () => {
    const v0 = { categories: { person: false, proposal: true, organization: true, place: false }, disabledSites: ['www.nytimes.com'] };
    fakeBrowser.storage.sync.data.set('settings', v0);
    await migrateSettings();
    expect(fakeBrowser.storage.sync.data.get('settings')).toEqual({ ...DEFAULT_SETTINGS, categories: v0.categories, disabledSites: v0.disabledSites });
  });

  it('writes nothing when the user never changed a setting', async () => {
    await migrateSettings();
    expect(fakeBrowser.storage.sync.data.has('settings')).toBe(false);
  });

  it('migrates settings kept on this device when sync is unavailable', async () => {
    fakeBrowser.storage.sync.failing = new Error('sync is disabled');
    fakeBrowser.storage.local.data.set('settings', { categories: { person: true, proposal: false, organization: false, place: true }, disabledSites: [] });
    await migrateSettings();
    expect(fakeBrowser.storage.local.data.get('settings')).toMatchObject({ version: 1, categories: { proposal: false, place: true } });
  });
});
