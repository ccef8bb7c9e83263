// @vitest-environment happy-dom
/**
 * How old the data is, as readers see it: the date a stale entity's current role is shown
 * "as of", and the popup's dataset line ("data from Dec 5, 2026 (3 days ago)"). Every test
 * passes its own "today".
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../support/fake-browser';
import { DatasetStatus } from '../../src/popup/dataset-status';
import { asOfDate, daysBetween } from '../../src/dataset/review';
import type { ActiveDataset } from '../../src/shared/storage';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

beforeEach(() => resetFakeBrowser());
afterEach(() => cleanup());

describe('the as-of date of an entity’s current roles', () => {
  it('counts whole calendar days, across month ends and leap days', () => {
    expect(daysBetween('2026-08-07', '2026-12-05')).toBe(120);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-05', '2026-12-04')).toBe(-1);
  });

  it('is none while the last review is at most 120 days old; else that review, or the last update when never reviewed', () => {
    expect(asOfDate({ reviewedAt: '2026-08-07', updatedAt: '2026-08-07' }, '2026-12-05')).toBeNull();
    expect(asOfDate({ reviewedAt: '2026-08-06', updatedAt: '2026-11-30' }, '2026-12-05')).toBe('2026-08-06');
    expect(asOfDate({ updatedAt: '2025-12-01' }, '2026-12-05')).toBe('2025-12-01');
    expect(asOfDate({ reviewedAt: '2026-11-01', updatedAt: '2026-11-01' }, '2026-12-05', 30)).toBe('2026-11-01');
  });
});

describe('the popup’s dataset line', () => {
  const dataset: ActiveDataset = {
    datasetId: 'backstory-core',
    version: 2,
    title: 'Backstory core',
    publishedAt: '2026-12-05',
    installedAt: '2026-12-05T10:00:00.000Z',
    origin: 'bundled',
    entityCount: 219,
  };
  const line = (today: string): string | null => {
    render(
      <DatasetStatus
        status={{ dataset, update: { kind: 'never-checked' } }}
        checking={false}
        checkResult={null}
        onCheck={() => undefined}
        today={today}
      />,
    );
    const text = document.querySelector('[data-dataset-age]')?.textContent ?? null;
    cleanup();
    return text;
  };

  it('says how long ago the data was published', () => {
    expect(line('2026-12-05')).toBe('version 2, data from Dec 5, 2026 (today)');
    expect(line('2026-12-06')).toBe('version 2, data from Dec 5, 2026 (yesterday)');
    expect(line('2027-04-10')).toBe('version 2, data from Dec 5, 2026 (126 days ago)');
    // A reader whose clock is a day behind the publisher's sees "today", not "in 1 day".
    expect(line('2026-12-04')).toBe('version 2, data from Dec 5, 2026 (today)');
  });

  it('says it in the reader’s language', () => {
    fakeBrowser.i18n.getUILanguage = () => 'uk';
    render(
      <DatasetStatus
        status={{ dataset, update: { kind: 'never-checked' } }}
        checking={false}
        checkResult={null}
        onCheck={() => undefined}
        today="2026-12-08"
      />,
    );
    expect(screen.getByText(/\(3 дні тому\)$/)).toBeTruthy();
  });
});
