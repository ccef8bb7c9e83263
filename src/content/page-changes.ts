/**
 * Watches the page for changes that may add or remove mentions. Changes inside our own card
 * host are ignored, so showing a card never triggers a rescan (no feedback loop).
 */
import type { CardHost } from './card-host';

export function watchMutations(onChange: () => void, card: CardHost, signal: AbortSignal): void {
  const observer = new MutationObserver((records) => {
    const host = card.element;
    for (const record of records) {
      const target = record.target;
      if (host && (target === host || host.contains(target))) continue;
      if (record.type === 'childList') {
        const nodes = [...record.addedNodes, ...record.removedNodes];
        if (nodes.length === 0 || nodes.every((n) => n === host || n.nodeName === 'BACKSTORY-CARD')) continue;
      }
      onChange();
      return;
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
