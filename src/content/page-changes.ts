/**
 * Watches the page for changes that may add or remove mentions, and reports which parts
 * changed, so only those are read again (issue 5): the nearest block around changed text,
 * or an added block itself. Changes inside our own card host are ignored, so showing a card
 * never triggers a rescan (no feedback loop).
 */
import type { CardHost } from './card-host';
import { BLOCKS, blockAround } from './text-collector';

/** Past this many changed blocks in one batch, reading the whole page again is cheaper. */
const MAX_PARTS = 64;

export type ChangedParts = Set<Element> | 'all';

export function watchMutations(onChange: (parts: ChangedParts) => void, card: CardHost, signal: AbortSignal): void {
  const observer = new MutationObserver((records) => {
    const host = card.element;
    const parts = new Set<Element>();
    let all = false;
    const add = (el: Element | null): void => {
      if (!el || el === document.body || el === document.documentElement) all = true;
      else parts.add(el);
    };
    // Called for every batch of changes (a live blog: a hundred times a second), so the loop
    // builds no arrays: our own host is skipped node by node.
    const ours = (n: Node): boolean => n === host || n.nodeName === 'BACKSTORY-CARD';
    for (const record of records) {
      const target = record.target;
      if (host && (target === host || host.contains(target))) continue;
      if (record.type === 'characterData') {
        add(blockAround(target));
        continue;
      }
      // Removed text is dropped by the rescan (its nodes are no longer connected); text
      // around a removal may join into a new name, so the block around it is read again.
      let around = false;
      for (const node of record.removedNodes) {
        if (ours(node)) continue;
        around = true;
        break;
      }
      for (const node of record.addedNodes) {
        if (ours(node)) continue;
        if (node.nodeType === Node.ELEMENT_NODE && BLOCKS.has((node as Element).localName)) add(node as Element);
        else around = true;
      }
      if (around) add(blockAround(target));
    }
    if (all || parts.size > MAX_PARTS) onChange('all');
    else if (parts.size > 0) onChange(parts);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
