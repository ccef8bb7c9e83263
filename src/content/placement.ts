/**
 * Where the card goes: below the mention, or above it when it fits better there; moved
 * sideways to stay on screen; never taller than the room on its side. A pure function of
 * rectangles, so it is tested without a browser.
 */
export interface Box {
  top: number;
  bottom: number;
  left: number;
}

export interface Placement {
  x: number;
  y: number;
  maxHeight: number;
  side: 'below' | 'above';
}

/** Space between the mention and the card, and kept free at the viewport's edges. */
export const CARD_GAP = 6;
export const CARD_MARGIN = 8;
/** A card never shrinks below this, even when the mention sits at the very edge. */
export const CARD_MIN_HEIGHT = 120;

/**
 * @param anchor the mention's client rectangle
 * @param card the card's size as laid out, before any height limit
 * @param viewport the window's inner size
 */
export function placeCard(anchor: Box, card: { width: number; height: number }, viewport: { width: number; height: number }): Placement {
  const below = viewport.height - anchor.bottom - CARD_GAP - CARD_MARGIN;
  const above = anchor.top - CARD_GAP - CARD_MARGIN;
  // Below unless the card does not fit there and there is more room above.
  const side = card.height <= below || below >= above ? 'below' : 'above';
  const maxHeight = Math.max(CARD_MIN_HEIGHT, Math.floor(side === 'below' ? below : above));
  const height = Math.min(card.height, maxHeight);
  const y = side === 'below' ? anchor.bottom + CARD_GAP : anchor.top - CARD_GAP - height;
  const x = Math.max(CARD_MARGIN, Math.min(anchor.left, viewport.width - CARD_MARGIN - card.width));
  return { x, y, maxHeight, side };
}
