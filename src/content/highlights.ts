/**
 * Draws mentions with the CSS Custom Highlight API: one registered Highlight per category,
 * named `backstory-<category>` (a public name: users' style sheets rely on it). The page's
 * DOM is never touched. Where the API is missing, nothing is drawn and nothing throws.
 *
 * The look comes from a second highlight over the same ranges, `backstory-underline-<category>`
 * or `backstory-background-<category>`, styled by the manifest's content.css. Switching the
 * style swaps which one is registered: no style sheet or attribute is added to the page,
 * which a <style> element or adoptedStyleSheets would need.
 */
import { CATEGORY_IDS, type CategoryId } from '../dataset/categories';
import type { PageMention } from './mention-ranges';

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
  const byCategory = new Map<CategoryId, Range[]>();
  const seen = new Set<string>();
  for (const m of mentions) {
    if (!enabled.has(m.category)) continue;
    if (firstOnly) {
      const key = m.entityIds.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const list = byCategory.get(m.category) ?? [];
    list.push(m.range);
    byCategory.set(m.category, list);
  }
  for (const category of CATEGORY_IDS) {
    const ranges = byCategory.get(category) ?? [];
    const name = HIGHLIGHT_PREFIX + category;
    const look = `${HIGHLIGHT_PREFIX}${style}-${category}`;
    for (const s of STYLES) {
      const other = `${HIGHLIGHT_PREFIX}${s}-${category}`;
      if (other !== look) unregister(other);
    }
    if (ranges.length === 0) {
      unregister(name);
      unregister(look);
      continue;
    }
    syncHighlight(name, ranges);
    syncHighlight(look, ranges);
  }
}

function unregister(name: string): void {
  CSS.highlights.delete(name);
  registered.delete(name);
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
