/**
 * A clock for unit tests of scheduling code (content/slices.ts's Clock): time moves only when
 * the test says so, and timers run in order of when they are due.
 */
import type { Clock } from '../../src/content/slices';

export class ManualClock implements Clock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; run: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { due: this.time + Math.max(0, ms), run });
    return id;
  }

  clearTimeout(id: number): void {
    this.timers.delete(id);
  }

  /** Timers waiting to run. */
  get pending(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward by `ms`, running each timer that falls due on the way at its own time,
   * and letting promises settle after each (so a scan that resolves at once is over by then).
   */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers].filter(([, t]) => t.due <= end).sort((a, b) => a[1].due - b[1].due || a[0] - b[0])[0];
      if (!next) break;
      const [id, timer] = next;
      this.timers.delete(id);
      this.time = timer.due;
      timer.run();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

/** Lets every promise that can settle now do so. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
