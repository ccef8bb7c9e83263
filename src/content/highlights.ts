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
 * The blocks holding mentions that are in or near the viewport, kept by an
 * IntersectionObserver (no layout is read by us). Where the observer is missing, every
 * block counts as near.
 */
class NearViewport {
  private readonly near = new Set<Element>();
  private readonly watched = new Set<Element>();
  private readonly observer: IntersectionObserver | null;

  constructor(onChange: (changed: Element[]) => void) {
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
  }

  has(el: Element): boolean {
    return this.observer === null || this.near.has(el);
  }

  /**
   * Watches exactly `elements` from now on. A new one counts as near until the observer's
   * first report on it, a frame later: text just added to a page is usually where the reader
   * is, and a page's first mentions are drawn at once.
   */
  watch(elements: ReadonlySet<Element>): void {
    const observer = this.observer;
    if (!observer) return;
    for (const el of this.watched) {
      if (elements.has(el)) continue;
      observer.unobserve(el);
      this.watched.delete(el);
      this.near.delete(el);
    }
    let fresh = 0;
    for (const el of elements) if (!this.watched.has(el)) fresh++;
    for (const el of elements) {
      if (this.watched.has(el)) continue;
      observer.observe(el);
      this.watched.add(el);
      if (fresh <= PRESUMED_NEAR) this.near.add(el);
    }
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.watched.clear();
    this.near.clear();
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
