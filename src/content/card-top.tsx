/**
 * What the card host puts at the top of every card (card.tsx's `top`): a close button, and,
 * after a tap on a name inside a link, the line that says how to follow the link. The button's
 * "×" is drawn by CSS (card.css), so the card's text stays the entity's.
 */
import type { Translate } from './card';

export interface CardTopProps {
  t: Translate;
  /** A short line above the card's content, or null. */
  notice: string | null;
  onClose: () => void;
}

export function CardTop({ t, notice, onClose }: CardTopProps) {
  const label = t('card_close');
  return (
    <>
      <button type="button" class="close" aria-label={label} title={label} onClick={onClose} />
      {notice && <p class="notice">{notice}</p>}
    </>
  );
}
