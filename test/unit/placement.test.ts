import { describe, expect, it } from 'vitest';
import { CARD_GAP, CARD_MARGIN, CARD_MIN_HEIGHT, SHEET_HEIGHT_SHARE, placeCard, placeSheet } from '../../src/content/placement';

const viewport = { width: 1280, height: 800 };
const card = { width: 380, height: 300 };
const mention = (top: number, left = 200): { top: number; bottom: number; left: number } => ({ top, bottom: top + 20, left });

describe('placeCard', () => {
  it('puts the card just below a mention with room beneath it, aligned with its start', () => {
    const p = placeCard(mention(100), card, viewport);
    expect(p).toMatchObject({ side: 'below', x: 200, y: 120 + CARD_GAP });
    expect(p.maxHeight).toBe(800 - 120 - CARD_GAP - CARD_MARGIN);
  });

  it('flips above a mention near the bottom of the window, ending just above it', () => {
    const p = placeCard(mention(700), card, viewport);
    expect(p.side).toBe('above');
    expect(p.y + card.height).toBe(700 - CARD_GAP);
    expect(p.y).toBeGreaterThanOrEqual(CARD_MARGIN);
  });

  it('stays below when neither side fits but below has more room, and is cut to that room', () => {
    const tall = { width: 380, height: 2000 };
    const p = placeCard(mention(300), tall, viewport);
    expect(p.side).toBe('below');
    expect(p.maxHeight).toBe(800 - 320 - CARD_GAP - CARD_MARGIN);
    expect(p.y + p.maxHeight).toBe(800 - CARD_MARGIN);
  });

  it('takes the larger side for a card taller than both, and never ends off screen above', () => {
    const tall = { width: 380, height: 2000 };
    const p = placeCard(mention(600), tall, viewport);
    expect(p.side).toBe('above');
    expect(p.y).toBe(CARD_MARGIN);
  });

  it('moves sideways to keep the card inside the window at both edges', () => {
    expect(placeCard(mention(100, 1200), card, viewport).x).toBe(1280 - CARD_MARGIN - 380);
    expect(placeCard(mention(100, -40), card, viewport).x).toBe(CARD_MARGIN);
  });

  it('keeps a readable minimum height when the mention sits at the very edge', () => {
    const p = placeCard({ top: 790, bottom: 800, left: 10 }, card, { width: 400, height: 800 });
    expect(p.maxHeight).toBeGreaterThanOrEqual(CARD_MIN_HEIGHT);
  });
});

describe('placeSheet (viewports under 600 px wide)', () => {
  const phone = { width: 390, height: 844 };
  const cap = Math.floor(844 * SHEET_HEIGHT_SHARE);
  const name = (top: number): { top: number; bottom: number } => ({ top, bottom: top + 24 });

  it('lies along the bottom edge under a name in the upper part of the screen, at most 60 % of the height', () => {
    const p = placeSheet(name(100), 900, phone);
    expect(p).toEqual({ edge: 'bottom', maxHeight: cap });
  });

  it('keeps a short sheet at the bottom even for a name halfway down, ending below the name', () => {
    const p = placeSheet(name(500), 250, phone);
    expect(p.edge).toBe('bottom');
    // The sheet's top (844 - its height) stays under the name.
    expect(844 - Math.min(250, p.maxHeight)).toBeGreaterThanOrEqual(524);
    expect(p.maxHeight).toBe(844 - 524 - CARD_GAP);
  });

  it('moves to the top edge for a name in the lower part of the screen, ending above the name', () => {
    const p = placeSheet(name(700), 400, phone);
    expect(p.edge).toBe('top');
    expect(p.maxHeight).toBeLessThanOrEqual(700 - CARD_GAP);
  });

  it('moves to the top edge for a name at the very bottom, partly off the screen', () => {
    expect(placeSheet({ top: 830, bottom: 854 }, 300, phone).edge).toBe('top');
  });

  it('takes the side with more room when the sheet fits on neither, cut to that room so the name stays clear', () => {
    const p = placeSheet(name(380), 800, phone);
    expect(p.edge).toBe('bottom');
    expect(p.maxHeight).toBe(844 - 404 - CARD_GAP);
    const q = placeSheet(name(460), 800, phone);
    expect(q.edge).toBe('top');
    expect(q.maxHeight).toBe(460 - CARD_GAP);
  });

  it('keeps a readable minimum height on a viewport too short to leave the name clear', () => {
    expect(placeSheet(name(100), 800, { width: 390, height: 220 }).maxHeight).toBe(CARD_MIN_HEIGHT);
  });
});
