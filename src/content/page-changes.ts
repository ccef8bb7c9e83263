/**
 * Watches the page for changes that may add or remove mentions, and reports which parts
 * changed, so only those are read again: the nearest block around changed text,
 * or an added block itself. Changes inside our own card host are ignored, so showing a card
 * never triggers a rescan (no feedback loop).
 */
import { HOST_TAG, type CardHost } from './card-host';
import { AID_TAG, BLOCKS, blockAround } from './text-collector';
import { localNameOf, nodeTypeOf, parentNodeOf } from './dom-reads';

/**
 * The attributes that decide whether the collector reads an element's text (text-collector.ts).
 * A tab or an accordion that drops `hidden` shows text nobody added; it is read then.
 */
const SKIP_ATTRIBUTES = ['hidden', 'aria-hidden', 'contenteditable'];

/** A node's nodeName is its tag in upper case, in HTML documents. */
const HOST_NODE_NAME = HOST_TAG.toUpperCase();
const AID_NODE_NAME = AID_TAG.toUpperCase();

/** Past this many changed blocks in one batch, reading the whole page again is cheaper. */
const MAX_PARTS = 64;

/** The blocks that changed, or the whole page; the set is reused after the call, so a receiver copies what it keeps. */
export type ChangedParts = Set<Element> | 'all';

export function watchMutations(onChange: (parts: ChangedParts) => void, card: Pick<CardHost, 'element'>, signal: AbortSignal): void {
  // Called for every batch of changes (a live blog: a hundred times a second), so nothing is
  // allocated per call: one set of parts, emptied after each report (the receiver copies what
  // it keeps), and node lists read by index rather than through iterators.
  const parts = new Set<Element>();
  let all = false;
  const add = (el: Element | null): void => {
    if (!el || el === document.body || el === document.documentElement) all = true;
    else parts.add(el);
  };
  const ours = (n: Node, host: Element | null): boolean => n === host || n.nodeName === HOST_NODE_NAME || n.nodeName === AID_NODE_NAME;
  const observer = new MutationObserver((records) => {
    const host = card.element;
    for (const record of records) {
      const target = record.target;
      if (host && (target === host || host.contains(target))) continue;
      if (record.type === 'characterData') {
        add(blockAround(target));
        continue;
      }
      if (record.type === 'attributes') {
        // Text the collector skipped (or read) because of this attribute is read again, from
        // the block around the element, so the element's own attribute is honoured.
        const parent = parentNodeOf(target);
        add(parent ? blockAround(parent) : null);
        continue;
      }
      // Removed text is dropped by the rescan (its nodes are no longer connected); text
      // around a removal may join into a new name, so the block around it is read again.
      let around = false;
      const removed = record.removedNodes;
      for (let i = 0; i < removed.length && !around; i++) around = !ours(removed[i] as Node, host);
      const added = record.addedNodes;
      for (let i = 0; i < added.length; i++) {
        const node = added[i] as Node;
        if (ours(node, host)) continue;
        if (nodeTypeOf(node) === Node.ELEMENT_NODE && BLOCKS.has(localNameOf(node as Element))) add(node as Element);
        else around = true;
      }
      if (around) add(blockAround(target));
    }
    if (all || parts.size > MAX_PARTS) onChange('all');
    else if (parts.size > 0) onChange(parts);
    parts.clear();
    all = false;
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributeFilter: SKIP_ATTRIBUTES });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
