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
  registered.clear();
  for (const category of CATEGORY_IDS) {
    const ranges = byCategory.get(category);
    const name = HIGHLIGHT_PREFIX + category;
    for (const s of STYLES) CSS.highlights.delete(`${HIGHLIGHT_PREFIX}${s}-${category}`);
    if (ranges && ranges.length > 0) {
      const highlight = filledHighlight(ranges);
      CSS.highlights.set(name, highlight);
      registered.set(name, highlight);
      const look = filledHighlight(ranges);
      CSS.highlights.set(`${HIGHLIGHT_PREFIX}${style}-${category}`, look);
      registered.set(`${HIGHLIGHT_PREFIX}${style}-${category}`, look);
    } else CSS.highlights.delete(name);
  }
}

/** Adds ranges one by one: spreading 70,000 ranges into the constructor overflows the stack. */
function filledHighlight(ranges: readonly Range[]): Highlight {
  const highlight = new Highlight();
  for (const range of ranges) highlight.add(range);
  return highlight;
}

/** What we registered last, to notice a page that clears or replaces our highlights. */
const registered = new Map<string, Highlight>();

/** False when the page removed or replaced one of our highlights (`CSS.highlights.clear()`). */
export function highlightsIntact(): boolean {
  if (!highlightsSupported()) return true;
  for (const [name, highlight] of registered) {
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
