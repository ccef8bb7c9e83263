/**
 * When the page is read again after it changes: RESCAN_DELAY_MS after a first change, at most
 * once per RESCAN_INTERVAL_MS while it keeps changing, one scan at a time, and only the parts
 * that changed. A page that mutates itself continuously costs one small scan per interval,
 * never one per mutation.
 */
import type { ChangedParts } from './page-changes';
import { pageClock, type Clock } from './slices';

/** A page that changed once (a new section, an app's navigation) is read again this soon. */
export const RESCAN_DELAY_MS = 400;
/**
 * A page that keeps changing (a live blog) is read again at most this often: each rescan
 * re-registers highlights, and the browser then repaints the highlighted text.
 */
export const RESCAN_INTERVAL_MS = 1000;

export class RescanScheduler {
  private timer = 0;
  /** When the last rescan started (clock.now()). */
  private lastRescan = -Infinity;
  private scanning = false;
  private pending: ChangedParts | null = null;

  /**
   * `scan` reads the given parts; `ready` is false while the first scan (not scheduled here)
   * is still running, whose caller then calls `flush`.
   */
  constructor(
    private readonly scan: (parts: ChangedParts) => Promise<void>,
    private readonly ready: () => boolean,
    private readonly signal: AbortSignal,
    private readonly clock: Clock = pageClock,
  ) {}

  schedule(parts: ChangedParts = 'all'): void {
    if (this.signal.aborted) return;
    if (parts === 'all' || this.pending === 'all') this.pending = 'all';
    else if (this.pending === null) this.pending = new Set(parts);
    // Added in place: with a rescan a second on a live page, copying the pending blocks on
    // every mutation would copy about a hundred of them a hundred times a second.
    else for (const part of parts) this.pending.add(part);
    if (this.timer !== 0) return;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = 0;
        if (!this.ready()) return; // the first scan is still running; flush() picks `pending` up
        if (this.scanning) {
          this.schedule(this.pending ?? 'all'); // try again once the running scan is done
          return;
        }
        const next = this.pending ?? 'all';
        this.pending = null;
        this.scanning = true;
        this.lastRescan = this.clock.now();
        void this.scan(next).finally(() => {
          this.scanning = false;
        });
      },
      Math.max(RESCAN_DELAY_MS, this.lastRescan + RESCAN_INTERVAL_MS - this.clock.now()),
    );
  }

  /** After the first scan: changes seen during it were kept pending; read those parts now. */
  flush(): void {
    if (this.pending && this.timer === 0) this.schedule(this.pending);
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
  }
}
