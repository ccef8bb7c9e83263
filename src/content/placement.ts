/**
 * Where the card goes: below the mention, or above it when it fits better there; moved
 * sideways to stay on screen; never taller than the room on its side. On a narrow viewport it
 * is a sheet along the bottom (or top) edge that leaves the mention uncovered. Pure functions
 * of rectangles, so they are tested without a browser.
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

/** Below this viewport width the card is a sheet across the screen's width (placeSheet). */
export const SHEET_BELOW_WIDTH = 600;
/** A sheet takes at most this share of the viewport's height. */
export const SHEET_HEIGHT_SHARE = 0.6;

export interface SheetPlacement {
  /** The viewport edge the sheet lies along. */
  edge: 'bottom' | 'top';
  maxHeight: number;
}

/**
 * Where the card goes on a narrow viewport: a sheet along the bottom edge when it fits below
 * the mention it explains; along the top edge when only the room above holds it; else along
 * the edge with more room, cut to that room (it scrolls). The page is never scrolled: the
 * text stays where the reader tapped it, and a name near the end of a page, which cannot
 * scroll further, is left uncovered all the same. Only a viewport with less than
 * CARD_MIN_HEIGHT on both sides of the mention (under about 260 px tall) is covered.
 *
 * @param mention the mention's box (all its lines)
 * @param sheetHeight the sheet's height as laid out, before any height limit
 * @param viewport the window's inner size
 */
export function placeSheet(
  mention: Pick<Box, 'top' | 'bottom'>,
  sheetHeight: number,
  viewport: { width: number; height: number },
): SheetPlacement {
  const cap = Math.floor(viewport.height * SHEET_HEIGHT_SHARE);
  const wanted = Math.min(sheetHeight, cap);
  const below = Math.floor(viewport.height - mention.bottom - CARD_GAP);
  const above = Math.floor(mention.top - CARD_GAP);
  if (wanted <= below) return { edge: 'bottom', maxHeight: Math.min(cap, below) };
  if (wanted <= above) return { edge: 'top', maxHeight: Math.min(cap, above) };
  const edge = below >= above ? 'bottom' : 'top';
  return { edge, maxHeight: Math.max(CARD_MIN_HEIGHT, Math.min(cap, edge === 'bottom' ? below : above)) };
}
