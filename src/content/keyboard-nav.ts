/**
 * Keyboard navigation (docs/design.md §3): the command or the popup's button enters it; Tab
 * and the arrow keys move between mentions in reading order with a focus highlight and the
 * card open, Enter pins the card, Escape leaves and gives focus back to where it was. Each move
 * is announced through the card host's polite live region: the name, its role and its place
 * among the page's mentions, since custom highlights are invisible to screen readers.
 */
import browser from 'webextension-polyfill';
import type { CardController } from './card-controller';
import { setFocusHighlight } from './highlights';
import type { PageMention } from './mention-ranges';

export class KeyboardNavigation {
  private navigation: { index: number; previousFocus: Element | null } | null = null;

  /** `reachable` lists the mentions the reader can reach, in reading order. */
  constructor(
    private readonly cards: CardController,
    private readonly reachable: () => PageMention[],
  ) {}

  start(): void {
    if (this.navigation) return;
    this.navigation = { index: -1, previousFocus: document.activeElement };
    if (this.reachable().length === 0) {
      this.cards.host.announce(browser.i18n.getMessage('nav_no_mentions') || 'No names on this page.');
      this.navigation = null;
      return;
    }
    this.move(1);
  }

  onKeyDown(event: KeyboardEvent): void {
    // A page's own script can dispatch keys; only the reader's move, pin or close anything.
    if (!event.isTrusted) return;
    if (!this.navigation) {
      if (event.key === 'Escape') this.cards.close();
      return;
    }
    const forward = (event.key === 'Tab' && !event.shiftKey) || event.key === 'ArrowRight' || event.key === 'ArrowDown';
    const back = (event.key === 'Tab' && event.shiftKey) || event.key === 'ArrowLeft' || event.key === 'ArrowUp';
    if (forward || back) this.move(forward ? 1 : -1);
    else if (event.key === 'Enter') this.cards.pinned = true;
    else if (event.key === 'Escape') this.exit();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  private move(step: number): void {
    const nav = this.navigation;
    const list = this.reachable();
    if (!nav || list.length === 0) return;
    nav.index = (nav.index + step + list.length) % list.length;
    const mention = list[nav.index];
    if (!mention) return;
    setFocusHighlight(mention.range);
    this.cards.reveal(mention, { index: nav.index, total: list.length });
  }

  private exit(): void {
    const nav = this.navigation;
    this.navigation = null;
    setFocusHighlight(null);
    this.cards.close();
    if (nav?.previousFocus instanceof HTMLElement) nav.previousFocus.focus({ preventScroll: true });
  }
}
