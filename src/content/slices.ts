/**
 * Work in slices that yield to the page (docs/decisions/0004-read-pages-in-slices.md): a scan
 * of a 100,000-word page never blocks it for longer than about half a frame at a time.
 */
import { BLOCK_BREAK } from '../dataset/normalize';

/** Work per slice before yielding: half a frame, leaving the page the other half. */
export const SLICE_MS = 8;
/** Characters matched between deadline checks (well under a millisecond of work). */
export const MATCH_CHUNK = 20_000;
/** Mentions turned into ranges between deadline checks. */
export const RANGE_CHUNK = 250;
/** Characters hashed for shard look-up between deadline checks (slower per character than matching). */
export const WORDS_CHUNK = 10_000;

/** Where the chunk of text read from `pos` ends: a block break, where no name can run across. */
export function chunkEnd(text: string, pos: number, size = MATCH_CHUNK): number {
  const cut = text.indexOf(BLOCK_BREAK, pos + size);
  return cut < 0 ? text.length : cut;
}

/** Time and timers, passed in so that unit tests can run the scheduling on a clock they move by hand. */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** The page's own clock and timers. */
export const pageClock: Clock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (id) => window.clearTimeout(id),
};

/** Lets the page run: scheduler.yield() where it exists, else a macrotask. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** One run of sliced work, given up as soon as `signal` aborts. */
export class Slices {
  private deadline: number;

  constructor(
    private readonly signal: AbortSignal,
    private readonly clock: Pick<Clock, 'now'> = pageClock,
    private readonly yieldNow: () => Promise<void> = yieldToPage,
  ) {
    this.deadline = clock.now() + SLICE_MS;
  }

  /** Whether this slice's time is up. */
  readonly over = (): boolean => this.clock.now() > this.deadline;

  /** Yields to the page and starts a new slice; false when the work should stop. */
  readonly next = async (): Promise<boolean> => {
    await this.yieldNow();
    this.deadline = this.clock.now() + SLICE_MS;
    return !this.signal.aborted;
  };

  /**
   * Before a step that runs unchecked for a while: a new slice if this one is over, or if less
   * than `reserve` ms of it are left. False when the work should stop.
   */
  async checkpoint(reserve = 0): Promise<boolean> {
    return this.clock.now() <= this.deadline - reserve || this.next();
  }
}
