/**
 * Hit-testing without elements (docs/design.md §2): on pointer move, at most once per animation
 * frame, find the text position under the pointer, look it up among that node's mentions,
 * and confirm with the mention's client rects, so the empty space after a line never counts.
 * Only a mouse hovers; touch and pen pointers tap (card-controller.ts).
 */
import type { PageMention } from './mention-ranges';

interface CaretHit {
  node: Node;
  offset: number;
}

type CaretPositionFromPoint = (x: number, y: number) => { offsetNode: Node; offset: number } | null;
type CaretRangeFromPoint = (x: number, y: number) => Range | null;

function caretAt(x: number, y: number): CaretHit | null {
  const doc = document as Document & { caretPositionFromPoint?: CaretPositionFromPoint; caretRangeFromPoint?: CaretRangeFromPoint };
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = doc.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  if (typeof doc.caretRangeFromPoint === 'function') {
    const range = doc.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

function rectsContain(range: Range, x: number, y: number): DOMRect | null {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return rect;
  }
  return null;
}

export class MentionLookup {
  private byNode = new Map<Node, PageMention[]>();

  constructor(mentions: readonly PageMention[], isVisible: (m: PageMention) => boolean) {
    for (const m of mentions) {
      if (!isVisible(m)) continue;
      for (const node of m.nodes) {
        const list = this.byNode.get(node) ?? [];
        list.push(m);
        this.byNode.set(node, list);
      }
    }
  }

  /** The mention under the viewport point (x, y), and the rect that contains the point. */
  at(x: number, y: number): { mention: PageMention; rect: DOMRect } | null {
    const caret = caretAt(x, y);
    if (!caret) return null;
    const list = this.byNode.get(caret.node);
    if (!list) return null;
    for (const mention of list) {
      const rect = rectsContain(mention.range, x, y);
      if (rect) return { mention, rect };
    }
    return null;
  }
}

export interface HoverCallbacks {
  /** The pointer is over this mention now (null: over no mention). */
  onHover(hit: { mention: PageMention; rect: DOMRect } | null): void;
}

/** Calls back at most once per animation frame with what is under the pointer. */
export function watchPointer(lookup: () => MentionLookup | null, callbacks: HoverCallbacks, signal: AbortSignal): void {
  let x = 0;
  let y = 0;
  let scheduled = false;
  const check = (): void => {
    scheduled = false;
    if (signal.aborted) return;
    callbacks.onHover(lookup()?.at(x, y) ?? null);
  };
  window.addEventListener(
    'pointermove',
    (event) => {
      if (!event.isTrusted) return; // a page's synthetic pointer events open no card
      // A finger or a pen moving on the screen is a pan or a drag, not a hover: taps open
      // cards instead (card-controller.ts).
      if (event.pointerType === 'touch' || event.pointerType === 'pen') return;
      x = event.clientX;
      y = event.clientY;
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(check);
      }
    },
    { passive: true, capture: true, signal },
  );
}
