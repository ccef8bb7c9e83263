// @vitest-environment happy-dom
/**
 * When a changing page is read again, on a clock the test moves by hand: soon after a first
 * change, at most once per interval while it keeps changing, one scan at a time, only the
 * parts that changed, and never after the page was torn down.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { RescanScheduler, RESCAN_DELAY_MS, RESCAN_INTERVAL_MS } from '../../src/content/rescan-scheduler';
import type { ChangedParts } from '../../src/content/page-changes';
import { ManualClock } from '../support/manual-clock';

let clock: ManualClock;
let controller: AbortController;
let scans: { parts: ChangedParts; at: number; finish: () => void }[];
let ready: boolean;
/** When true, each scan stays running until the test calls its finish(). */
let holdScans: boolean;

function scheduler(): RescanScheduler {
  return new RescanScheduler(
    (parts) =>
      new Promise<void>((resolve) => {
        scans.push({ parts: parts === 'all' ? 'all' : new Set(parts), at: clock.now(), finish: resolve });
        if (!holdScans) resolve();
      }),
    () => ready,
    controller.signal,
    clock,
  );
}

const block = (name: string): Element => Object.assign(document.createElement('p'), { id: name });

beforeEach(() => {
  clock = new ManualClock();
  controller = new AbortController();
  scans = [];
  ready = true;
  holdScans = false;
});

describe('rescans of a changing page', () => {
  it('reads a page that changed once again after the short delay, and not before', async () => {
    const rescans = scheduler();
    const p = block('p');
    rescans.schedule(new Set([p]));
    await clock.advance(RESCAN_DELAY_MS - 1);
    expect(scans).toHaveLength(0);
    await clock.advance(1);
    expect(scans).toEqual([expect.objectContaining({ parts: new Set([p]), at: RESCAN_DELAY_MS })]);
  });

  it('gathers the changes made during the delay into one scan of those parts', async () => {
    const rescans = scheduler();
    const [a, b] = [block('a'), block('b')];
    rescans.schedule(new Set([a]));
    await clock.advance(100);
    rescans.schedule(new Set([b]));
    rescans.schedule(new Set([a]));
    await clock.advance(RESCAN_DELAY_MS);
    expect(scans.map((s) => s.parts)).toEqual([new Set([a, b])]);
  });

  it('reads the whole page when any change asked for it', async () => {
    const rescans = scheduler();
    rescans.schedule(new Set([block('a')]));
    rescans.schedule('all');
    rescans.schedule(new Set([block('b')]));
    await clock.advance(RESCAN_DELAY_MS);
    expect(scans.map((s) => s.parts)).toEqual(['all']);
  });

  it('reads a page that keeps changing at most once per interval', async () => {
    const rescans = scheduler();
    for (let t = 0; t < 5000; t += 50) {
      rescans.schedule(new Set([block(`at-${t}`)]));
      await clock.advance(50);
    }
    const times = scans.map((s) => s.at);
    expect(times.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(RESCAN_INTERVAL_MS);
  });

  it('runs one scan at a time and reads what changed meanwhile once it is done', async () => {
    holdScans = true;
    const rescans = scheduler();
    const [a, b] = [block('a'), block('b')];
    rescans.schedule(new Set([a]));
    await clock.advance(RESCAN_DELAY_MS);
    expect(scans).toHaveLength(1);
    rescans.schedule(new Set([b]));
    await clock.advance(RESCAN_INTERVAL_MS * 3);
    expect(scans).toHaveLength(1);
    scans[0]?.finish();
    await clock.advance(RESCAN_INTERVAL_MS);
    expect(scans.map((s) => s.parts)).toEqual([new Set([a]), new Set([b])]);
  });

  it('keeps changes seen during the first scan until it ends, then reads them', async () => {
    ready = false;
    const rescans = scheduler();
    const a = block('a');
    rescans.schedule(new Set([a]));
    await clock.advance(RESCAN_DELAY_MS * 3);
    expect(scans).toHaveLength(0);
    ready = true;
    rescans.flush();
    await clock.advance(RESCAN_DELAY_MS);
    expect(scans.map((s) => s.parts)).toEqual([new Set([a])]);
  });

  it('never reads the page again once it was torn down', async () => {
    const rescans = scheduler();
    rescans.schedule(new Set([block('a')]));
    rescans.stop();
    controller.abort();
    rescans.schedule('all');
    await clock.advance(RESCAN_INTERVAL_MS * 10);
    expect(scans).toHaveLength(0);
    expect(clock.pending).toBe(0);
  });
});
