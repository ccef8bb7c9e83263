/**
 * Maps matcher offsets back to the DOM: each mention becomes a Range that may span several
 * text nodes ("<b>Marco</b> Rubio").
 */
import type { Mention } from '../dataset/match';
import type { CategoryId } from '../dataset/categories';
import type { CollectedText } from './text-collector';

export interface PageMention {
  range: Range;
  entityIds: string[];
  category: CategoryId;
  /** Every text node the mention touches, for hover look-ups. */
  nodes: Text[];
  /** The alias record that matched: resolution needs to know whether it was ambiguous. */
  aliasIndex: number;
  /** The element whose box holds the mention's text, once the drawing has looked it up (near-viewport.ts). */
  box?: Element;
}

/** Index of the text node containing `offset` (the last node starting at or before it). */
function nodeAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function toPageMentions(
  collected: CollectedText,
  mentions: readonly Mention[],
  categoryOf: (entityId: string) => CategoryId,
): PageMention[] {
  const { nodes, starts } = collected;
  const result: PageMention[] = [];
  for (const m of mentions) {
    const a = nodeAt(starts, m.start);
    const b = nodeAt(starts, m.end - 1);
    const startNode = nodes[a];
    const endNode = nodes[b];
    const first = m.entityIds[0];
    if (!startNode || !endNode || first === undefined) continue;
    const range = new Range();
    range.setStart(startNode, m.start - (starts[a] as number));
    range.setEnd(endNode, m.end - (starts[b] as number));
    result.push({ range, entityIds: m.entityIds, category: categoryOf(first), nodes: nodes.slice(a, b + 1), aliasIndex: m.aliasIndex });
  }
  return result;
}
