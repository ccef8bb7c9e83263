/**
 * Draws mentions with the CSS Custom Highlight API: one registered Highlight per category,
 * named `backstory-<category>` (a public name: users' style sheets rely on it). The page's
 * DOM is never touched. Where the API is missing, nothing is drawn and nothing throws.
 *
 * The look comes from a second highlight over the same ranges, `backstory-underline-<category>`
 * or `backstory-background-<category>`, styled by the manifest's content.css. Switching the
 * style swaps which one is registered: no style sheet or attribute is added to the page,
 * which a <style> element or adoptedStyleSheets would need.
 *
 * Both hold only the mentions in or near the viewport (NearViewport below); the content
 * script keeps the full list (counts, keyboard navigation, hover). After every change to the
 * DOM, Chromium rebuilds the markers of every range in every registered highlight and
 * repaints the text under them, styled or not: on a live blog that grows all the time,
 * registering every mention on the page cost most of the main-thread time Backstory added.
 */
import { CATEGORY_IDS, type CategoryId } from '../dataset/categories';
import type { PageMention } from './mention-ranges';
import { blockAround } from './text-collector';

export const HIGHLIGHT_PREFIX = 'backstory-';

export function highlightsSupported(): boolean {
  return typeof Highlight === 'function' && typeof CSS !== 'undefined' && CSS.highlights !== undefined;
}

export type HighlightStyle = 'underline' | 'background';
const STYLES: readonly HighlightStyle[] = ['underline', 'background'];

export function paintHighlights(
  mentions: readonly PageMention[],
  enabled: ReadonlySet<CategoryId>,
  firstOnly: boolean,
  style: HighlightStyle,
): void {
  if (!highlightsSupported()) return;
  const byCategory = new Map<CategoryId, Placed[]>();
  const seen = new Set<string>();
  const anchors = new Map<Node, Element>();
  for (const m of mentions) {
    if (!enabled.has(m.category)) continue;
    if (firstOnly) {
      const key = m.entityIds.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const first = m.nodes[0] ?? m.range.startContainer;
    let anchor = anchors.get(first);
    if (!anchor) {
      anchor = blockAround(first) ?? document.documentElement;
      anchors.set(first, anchor);
    }
    const list = byCategory.get(m.category) ?? [];
    list.push({ range: m.range, anchor });
    byCategory.set(m.category, list);
  }
  wanted.clear();
  for (const category of CATEGORY_IDS) {
    const placed = byCategory.get(category) ?? [];
    const name = HIGHLIGHT_PREFIX + category;
    const look = `${HIGHLIGHT_PREFIX}${style}-${category}`;
    for (const s of STYLES) {
      const other = `${HIGHLIGHT_PREFIX}${s}-${category}`;
      if (other !== look) unregister(other);
    }
    if (placed.length === 0) {
      unregister(name);
      unregister(look);
      continue;
    }
    wanted.set(name, placed);
    wanted.set(look, placed);
  }
  byAnchor.clear();
  for (const [name, placed] of wanted) {
    for (const { range, anchor } of placed) {
      let drawn = byAnchor.get(anchor);
      if (!drawn) byAnchor.set(anchor, (drawn = []));
      drawn.push({ name, range });
    }
  }
  near().watch(new Set(anchors.values()));
  syncNear();
}

/** A mention's range and the block it sits in, watched for nearness to the viewport. */
interface Placed {
  range: Range;
  anchor: Element;
}

/** Our highlights' names and every mention each stands for, near the viewport or not. */
const wanted = new Map<string, Placed[]>();

/** The same, by block: the highlights each watched block's mentions are drawn in. */
const byAnchor = new Map<Element, { name: string; range: Range }[]>();

/** Brings each highlight to the mentions of its category that are near the viewport now. */
function syncNear(): void {
  const watcher = near();
  for (const [name, placed] of wanted) {
    syncHighlight(name, placed.filter((p) => watcher.has(p.anchor)).map((p) => p.range));
  }
}

/**
 * After the viewport observer reports `changed` blocks: adds or removes only their mentions.
 * Blocks on a live blog leave the viewport's neighbourhood several times a second, and going
 * through every mention of the page each time grew with the page (with the walk up from each
 * mention in index.ts: 77-81 -> 55-68 ms of our script per 5 s on a live blog of 5,000
 * paragraphs, CPU profiles).
 */
function syncBlocks(changed: readonly Element[]): void {
  const watcher = near();
  for (const el of changed) {
    const isNear = watcher.has(el);
    for (const { name, range } of byAnchor.get(el) ?? []) {
      const entry = registered.get(name);
      // not registered yet, or replaced by the page: the full sync sets it up again
      if (!entry || CSS.highlights.get(name) !== entry.highlight) {
        syncNear();
        return;
      }
      if (isNear === entry.ranges.has(range)) continue;
      if (isNear) {
        entry.highlight.add(range);
        entry.ranges.add(range);
      } else {
        entry.highlight.delete(range);
        entry.ranges.delete(range);
      }
    }
  }
}

/**
 * A screen and a half above and below the viewport: scrolling at reading speed, or jumping
 * to a mention with the keyboard, finds it styled already or one frame later, and an
 * ordinary article (the seed is 1,860 px tall in Firefox at 800 px) is drawn whole.
 */
const NEAR_MARGIN = '150% 0px';

/**
 * Up to this many blocks that just got mentions count as near before the observer reports:
 * text a live page adds is usually where the reader is. A first scan of a long page finds
 * far more, most of them off screen; those wait one frame for the report rather than make
 * the browser draw every name on the page once.
 */
const PRESUMED_NEAR = 100;

/**
 * Past this many blocks holding mentions, the IntersectionObserver watches only those around
 * the viewport (NearViewport). It works out every watched block's position on every frame in
 * which the page's layout changed, which on a live blog is every frame: with the 1,000 or so
 * blocks a long live blog holds (our 5,000-paragraph bench page), that alone cost 277-290 ms
 * of the main thread per 5 s (CDP traces), and it grew for as long as the page stayed open.
 */
const WATCH_ALL_UP_TO = 64;
/** Blocks watched beyond each end of the near area, so a small shift needs no new search. */
const WATCH_PAD = 16;

/**
 * The blocks holding mentions that are in or near the viewport, kept by an
 * IntersectionObserver (we read no layout while the page has at most WATCH_ALL_UP_TO such
 * blocks). Where the observer is missing, every block counts as near.
 *
 * On a page with more, the observer watches a window of them: those in the near area plus
 * WATCH_PAD on each side, in document order. When the mentions change, the near area is
 * where the blocks reported near (or new) are; when there are none, and on scroll and resize
 * at most once a frame, two binary searches over the blocks' positions find its ends (a few
 * layout reads each, the log of the block count), the window moving only when the near area
 * nears its edge. The searches assume that blocks later in the document sit lower on the
 * page. Where a page breaks that by more than the padding (a sidebar at the top of the
 * screen but after a long article in the markup, say), its names go undrawn while the reader
 * is beside them; hover, the keyboard and the popup still find them.
 */
class NearViewport {
  private readonly near = new Set<Element>();
  private readonly watched = new Set<Element>();
  private readonly observer: IntersectionObserver | null;
  /** Every block holding mentions, in document order. */
  private blocks: Element[] = [];
  /** The window watched in `blocks`, [from, to), when it is in use. */
  private from = 0;
  private to = 0;
  private frame = 0;
  private readonly listening = new AbortController();
  /** Blocks given to watch() before: with a window, only the others are presumed near. */
  private readonly known = new WeakSet<Element>();

  constructor(private readonly onChange: (changed: Element[]) => void) {
    if (typeof IntersectionObserver !== 'function') {
      this.observer = null;
      return;
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        const changed: Element[] = [];
        for (const entry of entries) {
          if (!this.watched.has(entry.target)) continue;
          if (entry.isIntersecting === this.near.has(entry.target)) continue;
          if (entry.isIntersecting) this.near.add(entry.target);
          else this.near.delete(entry.target);
          changed.push(entry.target);
        }
        if (changed.length > 0) onChange(changed);
      },
      // No scrollMargin: widening the page's inner scroll containers as well cost a live blog
      // about 4 % of the main thread (CDP TaskDuration, same-session runs); names inside
      // such a container are drawn as they come into its view instead of a screen ahead.
      { rootMargin: NEAR_MARGIN },
    );
    const follow = (): void => {
      if (this.frame !== 0 || this.blocks.length <= WATCH_ALL_UP_TO) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.place(false);
      });
    };
    const options = { passive: true, capture: true, signal: this.listening.signal };
    window.addEventListener('scroll', follow, options);
    window.addEventListener('resize', follow, options);
  }

  has(el: Element): boolean {
    return this.observer === null || this.near.has(el);
  }

  /**
   * Watches the blocks `elements` (in document order) from now on. A new one counts as near
   * until the observer's first report on it, a frame later: text just added to a page is
   * usually where the reader is, and a page's first mentions are drawn at once.
   */
  watch(elements: ReadonlySet<Element>): void {
    if (!this.observer) return;
    this.blocks = [...elements];
    this.place(true);
    for (const el of this.blocks) this.known.add(el);
  }

  /**
   * Gives the observer the blocks to watch: all of them, or the window around the viewport.
   * `always` places the window even if the viewport is still well inside it (the blocks
   * changed); a scroll moves it only near its edges. Blocks that leave it are reported far.
   */
  private place(always: boolean): void {
    const observer = this.observer;
    if (!observer) return;
    const blocks = this.blocks;
    const windowed = blocks.length > WATCH_ALL_UP_TO;
    // Blocks watched anew count as near until the observer's first report, unless there are
    // many (PRESUMED_NEAR): a category switched back on is drawn at once. With a window,
    // only blocks new since the last watch() do (those outside the window are not watched,
    // yet not new); after a scroll nothing is presumed, and the report comes a frame later.
    const isNew = (el: Element): boolean => !this.watched.has(el) && !(windowed && this.known.has(el));
    let fresh = 0;
    if (always) for (const el of blocks) if (isNew(el)) fresh++;
    const presumed = (el: Element): boolean => always && fresh <= PRESUMED_NEAR && isNew(el);
    let wanted: Element[] = blocks;
    if (windowed) {
      let first = -1;
      let end = -1;
      if (always) {
        // The near area is where the near blocks are (no layout read), if there are any.
        blocks.forEach((el, i) => {
          if (!this.near.has(el) && !presumed(el)) return;
          if (first < 0) first = i;
          end = i + 1;
        });
      }
      if (first < 0) {
        const height = window.innerHeight;
        // the near area (NEAR_MARGIN): a screen and a half above and below the viewport
        first = this.search((box) => box.bottom >= -1.5 * height);
        end = this.search((box) => box.top > 2.5 * height);
      }
      // Kept while the near area is inside the window, half a padding from its ends, and
      // the window has not grown past twice the padding on either side.
      const low = first - this.from;
      const high = this.to - end;
      const fits = (low >= WATCH_PAD / 2 || this.from === 0) && (high >= WATCH_PAD / 2 || this.to === blocks.length) && low <= 2 * WATCH_PAD && high <= 2 * WATCH_PAD;
      if (!always && fits) return;
      this.from = Math.max(0, first - WATCH_PAD);
      this.to = Math.min(blocks.length, Math.max(end, first) + WATCH_PAD);
      wanted = blocks.slice(this.from, this.to);
    }
    const keep = new Set(wanted);
    const left: Element[] = [];
    for (const el of this.watched) {
      if (keep.has(el)) continue;
      observer.unobserve(el);
      this.watched.delete(el);
      if (this.near.delete(el)) left.push(el);
    }
    for (const el of wanted) {
      if (this.watched.has(el)) continue;
      if (presumed(el)) this.near.add(el);
      observer.observe(el);
      this.watched.add(el);
    }
    // Blocks that left the window are drawn no more (after watch(), the caller redraws all).
    if (!always && left.length > 0) this.onChange(left);
  }

  /** The first block (by index) for which `past` holds: a binary search, `past` false then true. */
  private search(past: (box: DOMRect) => boolean): number {
    const blocks = this.blocks;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (past((blocks[mid] as Element).getBoundingClientRect())) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.listening.abort();
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.watched.clear();
    this.near.clear();
    this.blocks = [];
  }
}

let nearViewport: NearViewport | null = null;

function near(): NearViewport {
  nearViewport ??= new NearViewport(syncBlocks);
  return nearViewport;
}

function unregister(name: string): void {
  CSS.highlights.delete(name);
  registered.delete(name);
  wanted.delete(name);
}

/**
 * Brings the registered highlight `name` to exactly `ranges`, changing it in place: on a
 * live page only the mentions that came or went are touched, so the browser re-renders
 * those and not every highlight on the page. The ranges held are tracked in our own Set:
 * Firefox cannot iterate a Highlight from a content script ("Xray wrapping of iterators
 * not supported").
 */
function syncHighlight(name: string, ranges: readonly Range[]): void {
  let entry = registered.get(name);
  if (!entry || CSS.highlights.get(name) !== entry.highlight) {
    entry = { highlight: new Highlight(), ranges: new Set() };
    CSS.highlights.set(name, entry.highlight);
    registered.set(name, entry);
  }
  const { highlight, ranges: held } = entry;
  const wanted = new Set(ranges);
  for (const range of held) {
    if (wanted.has(range)) continue;
    highlight.delete(range);
    held.delete(range);
  }
  for (const range of ranges) {
    if (held.has(range)) continue;
    highlight.add(range);
    held.add(range);
  }
}

/** What we registered last, to notice a page that clears or replaces our highlights. */
const registered = new Map<string, { highlight: Highlight; ranges: Set<Range> }>();

/** False when the page removed or replaced one of our highlights (`CSS.highlights.clear()`). */
export function highlightsIntact(): boolean {
  if (!highlightsSupported()) return true;
  for (const [name, { highlight }] of registered) {
    if (CSS.highlights.get(name) !== highlight) return false;
  }
  return true;
}

export function clearHighlights(): void {
  registered.clear();
  wanted.clear();
  byAnchor.clear();
  nearViewport?.disconnect();
  nearViewport = null;
  if (!highlightsSupported()) return;
  for (const category of CATEGORY_IDS) {
    CSS.highlights.delete(HIGHLIGHT_PREFIX + category);
    for (const s of STYLES) CSS.highlights.delete(`${HIGHLIGHT_PREFIX}${s}-${category}`);
  }
}

/** The keyboard-focused mention, drawn over its category highlight. */
export const FOCUS_HIGHLIGHT = `${HIGHLIGHT_PREFIX}focus`;

export function setFocusHighlight(range: Range | null): void {
  if (!highlightsSupported()) return;
  if (range) {
    const highlight = new Highlight(range);
    highlight.priority = 1;
    CSS.highlights.set(FOCUS_HIGHLIGHT, highlight);
  } else CSS.highlights.delete(FOCUS_HIGHLIGHT);
}
