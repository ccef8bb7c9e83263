/**
 * Drops mentions the reader cannot see (display: none, visibility: hidden, closed
 * <details>). The collector already skips `hidden` and `aria-hidden` subtrees from
 * attributes alone; computed visibility is checked here once per element that holds a
 * mention, not once per text node, so the page is laid out at most once.
 */
import type { PageMention } from './mention-ranges';

type Checkable = Element & { checkVisibility?: (options?: { visibilityProperty?: boolean }) => boolean };

/** `cache` carries what was learnt across calls on parts of one page's mentions. */
export function dropHidden(mentions: PageMention[], cache = new Map<Element, boolean>()): PageMention[] {
  const visible = (el: Element | null): boolean => {
    if (!el) return false;
    let v = cache.get(el);
    if (v === undefined) {
      const check = (el as Checkable).checkVisibility;
      v = typeof check === 'function' ? check.call(el, { visibilityProperty: true }) : true;
      cache.set(el, v);
    }
    return v;
  };
  return mentions.filter((m) => visible(m.nodes[0]?.parentElement ?? null));
}
