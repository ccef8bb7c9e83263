/** Document-order helpers for rescans of the parts of a page that changed. */
import { parentNodeOf } from './dom-reads';
import type { PageMention } from './mention-ranges';

/**
 * Whether `node` is one of `roots` or inside one, found by walking up from it: linear in the
 * page's depth, where asking every root would be linear in the number of changed blocks, for
 * every mention on the page.
 */
export function insideAny(node: Node | null, roots: ReadonlySet<Node>): boolean {
  for (let n = node; n; n = parentNodeOf(n)) if (roots.has(n)) return true;
  return false;
}

/** Drops roots that lie inside another root: reading the outer one covers them. */
export function outermost(roots: Element[]): Element[] {
  const all = new Set<Node>(roots);
  return roots.filter((r) => !insideAny(parentNodeOf(r), all));
}

/**
 * Inserts `added` (in document order, all from one subtree) into `list` (in document order),
 * keeping reading order for keyboard navigation without sorting the whole page again.
 */
export function insertInOrder(list: PageMention[], added: PageMention[]): PageMention[] {
  const first = added[0];
  if (!first) return list;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = list[mid] as PageMention;
    if (m.range.compareBoundaryPoints(Range.START_TO_START, first.range) < 0) lo = mid + 1;
    else hi = mid;
  }
  return [...list.slice(0, lo), ...added, ...list.slice(lo)];
}
