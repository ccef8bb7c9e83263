/**
 * The update alarm follows the interval set on the options page, wherever the settings are
 * kept: in storage.sync, or in storage.local on a device where sync is off or full.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const { fakeBrowser, resetFakeBrowser } = await import('../support/fake-browser');
const { scheduleUpdates, startUpdater, UPDATE_ALARM } = await import('../../src/background/updater');
const { updateSettings } = await import('../../src/shared/storage');

const period = () => fakeBrowser.alarms.all.get(UPDATE_ALARM)?.periodInMinutes;

describe('scheduling update checks', () => {
  beforeEach(() => {
    resetFakeBrowser();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('creates the alarm with the default interval of six hours', async () => {
    await scheduleUpdates();
    expect(period()).toBe(6 * 60);
  });

  it('reschedules when the interval changes in synced settings', async () => {
    startUpdater();
    await scheduleUpdates();
    await updateSettings((s) => ({ ...s, updateIntervalHours: 12 }));
    await expect.poll(period).toBe(12 * 60);
  });

  it('reschedules when the interval changes on a device that keeps its settings locally', async () => {
    fakeBrowser.storage.sync.failing = new Error('storage.sync is disabled');
    startUpdater();
    await scheduleUpdates();
    await updateSettings((s) => ({ ...s, updateIntervalHours: 24 }));
    expect(fakeBrowser.storage.local.data.has('settings')).toBe(true);
    await expect.poll(period).toBe(24 * 60);
  });
});
