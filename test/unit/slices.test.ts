/**
 * Work in slices, on a clock the test moves by hand: a slice is over after SLICE_MS, the next
 * one starts after yielding to the page, a step that needs time gets a fresh slice, and work
 * stops once the page is torn down. Text is cut only at block breaks.
 */
import { describe, expect, it } from 'vitest';
import { chunkEnd, SLICE_MS, Slices } from '../../src/content/slices';
import { BLOCK_BREAK } from '../../src/dataset/normalize';
import { ManualClock } from '../support/manual-clock';

function slices(signal = new AbortController().signal) {
  const clock = new ManualClock();
  let yields = 0;
  const run = new Slices(signal, clock, async () => {
    yields++;
  });
  return { clock, run, yields: () => yields };
}

describe('slices', () => {
  it('is over once SLICE_MS have passed, and not before', async () => {
    const { clock, run } = slices();
    await clock.advance(SLICE_MS);
    expect(run.over()).toBe(false);
    await clock.advance(1);
    expect(run.over()).toBe(true);
  });

  it('yields to the page before starting the next slice, which gets a whole SLICE_MS', async () => {
    const { clock, run, yields } = slices();
    await clock.advance(SLICE_MS + 5);
    expect(await run.next()).toBe(true);
    expect(yields()).toBe(1);
    expect(run.over()).toBe(false);
    await clock.advance(SLICE_MS + 1);
    expect(run.over()).toBe(true);
  });

  it('gives a step that needs time a new slice only when too little of this one is left', async () => {
    const { clock, run, yields } = slices();
    await clock.advance(2);
    expect(await run.checkpoint(SLICE_MS / 2)).toBe(true);
    expect(yields()).toBe(0);
    await clock.advance(SLICE_MS / 2);
    expect(await run.checkpoint(SLICE_MS / 2)).toBe(true);
    expect(yields()).toBe(1);
  });

  it('tells the work to stop once the page is torn down', async () => {
    const controller = new AbortController();
    const { clock, run } = slices(controller.signal);
    controller.abort();
    expect(await run.next()).toBe(false);
    await clock.advance(SLICE_MS * 2);
    expect(await run.checkpoint()).toBe(false);
  });
});

describe('chunkEnd', () => {
  it('cuts text at the first block break past the chunk size, so no name is split', () => {
    const text = `${'a'.repeat(10)}${BLOCK_BREAK}${'b'.repeat(10)}${BLOCK_BREAK}${'c'.repeat(10)}`;
    expect(chunkEnd(text, 0, 5)).toBe(10);
    expect(chunkEnd(text, 11, 5)).toBe(21);
    expect(chunkEnd(text, 22, 5)).toBe(text.length);
  });
});
