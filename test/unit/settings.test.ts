import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, migrateStoredSettings, repairSettings } from '../../src/shared/settings';

describe('settings', () => {
  it('keeps valid stored settings as they are', () => {
    const stored = { ...DEFAULT_SETTINGS, highlightStyle: 'background', disabledSites: ['example.com'] };
    expect(repairSettings(stored)).toEqual({ settings: stored, repaired: [] });
  });

  it('repairs a broken field to its default and keeps the rest of the user’s choices', () => {
    const { settings, repaired } = repairSettings({
      ...DEFAULT_SETTINGS,
      hoverDelayMs: 'slow',
      categories: { person: false, proposal: 'yes' },
    });
    expect(settings.hoverDelayMs).toBe(DEFAULT_SETTINGS.hoverDelayMs);
    expect(settings.categories).toEqual({ person: false, proposal: true, organization: false, place: false });
    expect(repaired).toEqual(['categories.proposal', 'hoverDelayMs']);
  });

  it('treats a stored value that is not an object as defaults, without throwing', () => {
    expect(repairSettings('garbage').settings).toEqual(DEFAULT_SETTINGS);
    expect(repairSettings(null).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('migrates a version-0 settings object and keeps the user’s choices', () => {
    const v0 = { categories: { person: false, proposal: true, organization: true, place: false }, disabledSites: ['www.nytimes.com'] };
    const { settings, repaired } = repairSettings(migrateStoredSettings(v0));
    expect(repaired).toEqual([]);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, categories: v0.categories, disabledSites: v0.disabledSites });
  });

  it('reads settings stored before the reading aid existed whole, with the aid off and every choice kept', () => {
    const before: Record<string, unknown> = {
      ...DEFAULT_SETTINGS,
      highlightStyle: 'background',
      hoverDelayMs: 900,
      disabledSites: ['example.com'],
    };
    delete before.readingAid;
    const { settings, repaired } = repairSettings(before);
    expect(repaired).toEqual([]);
    expect(settings).toEqual({ ...before, readingAid: false });
    expect(repairSettings({ ...before, readingAid: true }).settings.readingAid).toBe(true);
  });
});
