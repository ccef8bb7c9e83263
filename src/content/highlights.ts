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
 * Both hold only the mentions in or near the viewport (near-viewport.ts, exact on any
 * layout); the content script keeps the full list (counts, keyboard navigation, hover).
 * After every change to the DOM, Chromium rebuilds the markers of every range in every
 * registered highlight and repaints the text under them, so on a live page that grows all the
 * time, registering every mention of the page would cost far more than the ones in view.
 */
import { CATEGORY_IDS, type CategoryId } from '../dataset/categories';
import { HIGHLIGHT_STYLES, type HighlightStyle } from '../shared/settings';
import type { PageMention } from './mention-ranges';
import { boxAround, NearViewport } from './near-viewport';

export const HIGHLIGHT_PREFIX = 'backstory-';

export function highlightsSupported(): boolean {
  return typeof Highlight === 'function' && typeof CSS !== 'undefined' && CSS.highlights !== undefined;
}

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
      anchor = m.box ?? boxAround(first);
      anchors.set(first, anchor);
    }
    m.box = anchor;
    const list = byCategory.get(m.category) ?? [];
    list.push({ range: m.range, anchor });
    byCategory.set(m.category, list);
  }
  wanted.clear();
  for (const category of CATEGORY_IDS) {
    const placed = byCategory.get(category) ?? [];
    const name = HIGHLIGHT_PREFIX + category;
    const look = `${HIGHLIGHT_PREFIX}${style}-${category}`;
    for (const s of HIGHLIGHT_STYLES) {
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

/** A mention's range and the element holding its text, watched for nearness to the viewport. */
interface Placed {
  range: Range;
  anchor: Element;
}

/** Our highlights' names and every mention each stands for, near the viewport or not. */
const wanted = new Map<string, Placed[]>();

/** The same, by watched element: the highlights its mentions are drawn in. */
const byAnchor = new Map<Element, { name: string; range: Range }[]>();

/** Brings each highlight to the mentions of its category that are near the viewport now. */
function syncNear(): void {
  const watcher = near();
  for (const [name, placed] of wanted) {
    syncHighlight(
      name,
      placed.filter((p) => watcher.has(p.anchor)).map((p) => p.range),
    );
  }
}

/**
 * After the viewport observer reports `changed` elements: adds or removes only their
 * mentions. On a live page elements leave the viewport's neighbourhood several times a
 * second, and going through every mention of the page each time would grow with the page.
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

/** Whether `range` is registered in our highlight of `category` now (the debug report). */
export function isDrawn(range: Range, category: CategoryId): boolean {
  const entry = registered.get(HIGHLIGHT_PREFIX + category);
  return entry !== undefined && CSS.highlights.get(HIGHLIGHT_PREFIX + category) === entry.highlight && entry.ranges.has(range);
}

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
    for (const s of HIGHLIGHT_STYLES) CSS.highlights.delete(`${HIGHLIGHT_PREFIX}${s}-${category}`);
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
