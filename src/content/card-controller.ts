/**
 * When a card opens, stays and closes: on hover (after the reader's delay), on click (pinned),
 * from the keyboard and from "In this story"; it closes when the pointer leaves (after a
 * grace period, unless the card itself is hovered, per WCAG 1.4.13), on a click elsewhere,
 * with its close button, or when its mention scrolls away. Cards are read from storage when
 * one is first shown.
 *
 * Touch and pen (judged by the press's PointerEvent.pointerType, not by media queries) have no
 * hover: a tap on a mention opens its card, pinned, and a tap elsewhere closes it. The first
 * tap on a name inside a link opens the card instead of following the link, and the card says
 * so; a second tap on the same name follows the link. Long presses stay the browser's own.
 */
import type { EntityCard } from '../dataset/cards';
import type { Settings } from '../shared/settings';
import { localIsoDate } from '../shared/local-date';
import { t, uiLanguage } from '../shared/i18n';
import { describeForAnnouncement, describeForNavigation, type NavPosition } from './announcement';
import type { CardHost } from './card-host';
import { hasAttributeOf, localNameOf } from './dom-reads';
import { AID_TAG } from './text-collector';
import type { PageMention } from './mention-ranges';
import type { PageState } from './scan';

const HIDE_GRACE_MS = 300;

/**
 * Whether a click is a tap of a finger or a pen. The click's own pointerType says so where
 * clicks are PointerEvents; elsewhere the last press (pointerdown) does. Keyboard activations
 * and scripted clicks (detail 0) are never taps.
 */
export function isTap(event: MouseEvent, lastPressType: string): boolean {
  if (event.detail === 0) return false;
  const own = (event as MouseEvent & { pointerType?: unknown }).pointerType;
  const type = typeof own === 'string' && own !== '' ? own : lastPressType;
  return type === 'touch' || type === 'pen';
}

/** Whether an event's path passes through a link, which the browser follows on a click. */
export function insideLink(path: readonly EventTarget[]): boolean {
  for (const target of path) {
    if (!(target instanceof Element)) continue;
    const name = localNameOf(target);
    if ((name === 'a' || name === 'area') && (hasAttributeOf(target, 'href') || hasAttributeOf(target, 'xlink:href'))) return true;
  }
  return false;
}

export class CardController {
  /** The mention whose card is open. */
  current: PageMention | null = null;
  /** An open card stays until the reader closes it (a click, Enter, "In this story"). */
  pinned = false;
  private showTimer = 0;
  private hideTimer = 0;
  private anchor: DOMRect | null = null;
  /** The mention whose card is being read from storage, to open once it arrives. */
  private opening: PageMention | null = null;
  /** Whether that card opens pinned (a click, a key): the pointer moving on does not cancel it. */
  private openingPinned = false;
  /** The line the open card shows above its content (card-top.tsx), or null. */
  private notice: string | null = null;
  /** The pointer type of the reader's last press: 'mouse', 'touch' or 'pen'. */
  private pressType = 'mouse';
  /** The reading aid's button that opened the card: focus goes back to it when the card closes. */
  private opener: HTMLElement | null = null;

  constructor(
    readonly host: CardHost,
    private readonly state: () => PageState | null,
    private readonly settings: () => Settings,
    private readonly signal: AbortSignal,
  ) {}

  /** The pointer is over `hit` now, or over no mention (null). */
  onHover(hit: { mention: PageMention; rect: DOMRect } | null): void {
    if (hit && hit.mention === this.current) {
      window.clearTimeout(this.hideTimer);
      return;
    }
    window.clearTimeout(this.showTimer);
    if (!this.openingPinned) this.opening = null;
    if (hit) {
      this.showTimer = window.setTimeout(() => this.open(hit.mention, hit.rect), this.settings().hoverDelayMs);
      return;
    }
    if (this.current && !this.pinned) {
      window.clearTimeout(this.hideTimer);
      this.hideTimer = window.setTimeout(() => {
        if (!this.host.hovered) this.close();
      }, HIDE_GRACE_MS);
    }
  }

  onPointerDown(event: PointerEvent): void {
    if (event.isTrusted) this.pressType = event.pointerType;
  }

  onClick(event: MouseEvent): void {
    // A page's own script can dispatch clicks; only the reader's may open, pin or close cards.
    if (!event.isTrusted) return;
    const path = event.composedPath();
    // Inside the card: its own buttons and links handle the click; so do the reading aid's buttons.
    if (this.host.element && path.includes(this.host.element)) return;
    if (path.some((target) => target instanceof Element && localNameOf(target) === AID_TAG)) return;
    const hit = this.state()?.lookup.at(event.clientX, event.clientY) ?? null;
    if (!hit) {
      if (this.pinned) this.close();
      return;
    }
    if (hit.mention === this.current) {
      // The card is open already: this click (a second tap) does what it would do without us.
      this.pinned = true;
      return;
    }
    // Touch readers cannot hover: the first tap on a linked name shows who it is, and only
    // that tap's default is prevented (never a long press's, nor a touchstart's).
    const linkedTap = isTap(event, this.pressType) && insideLink(path);
    if (linkedTap) event.preventDefault();
    this.open(hit.mention, hit.rect, true, linkedTap ? t('card_tap_again_link') : null);
  }

  /** The viewport changed size (a rotated phone, a resized window): place the open card again. */
  onResize(): void {
    const current = this.current;
    if (!current || !this.host.open) return;
    this.anchor = current.range.getClientRects()[0] ?? current.range.getBoundingClientRect();
    this.host.reposition(this.anchor, current.range.getBoundingClientRect());
  }

  onScroll(): void {
    if (!this.current || this.pinned) return;
    const rect = this.current.range.getBoundingClientRect();
    if (rect.bottom < 0 || rect.top > window.innerHeight) this.close();
  }

  /**
   * Scrolls `mention` to the middle of the screen and opens its card, pinned. Keyboard
   * navigation passes the mention's `position`, which the announcement then includes.
   */
  reveal(mention: PageMention, position: NavPosition | null = null): void {
    mention.nodes[0]?.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    const rect = mention.range.getClientRects()[0] ?? mention.range.getBoundingClientRect();
    this.open(mention, rect, true, null, null, position);
  }

  /** Opens `mention`'s card from the reading aid's `button`, pinned, as a dialog that takes focus. */
  openFrom(mention: PageMention, button: HTMLElement): void {
    this.open(mention, mention.range.getClientRects()[0] ?? mention.range.getBoundingClientRect(), true, null, button);
  }

  /**
   * Opens the card of `mention` next to `rect`, once its entities' cards are read; `pin` keeps
   * it open; `notice` is a line shown above the card's content; `opener` (a reading aid's
   * button) gets focus back when the card closes; `position` is keyboard navigation's place,
   * for the announcement.
   */
  open(
    mention: PageMention,
    rect: DOMRect,
    pin = false,
    notice: string | null = null,
    opener: HTMLElement | null = null,
    position: NavPosition | null = null,
  ): void {
    const state = this.state();
    if (!state) return;
    // A hover that began before this click must not come due later and reopen it unpinned.
    if (pin) window.clearTimeout(this.showTimer);
    this.opening = mention;
    this.openingPinned = pin;
    state.cards.read(mention.entityIds).then(
      () => {
        // A newer hover or a closed card has taken its place. A rescan meanwhile keeps the
        // same shelf of cards and, unless its text left the page, the same mention.
        const now = this.state();
        if (this.opening !== mention || !now || this.signal.aborted || !mention.nodes.every((n) => n.isConnected)) return;
        this.opening = null;
        this.showMention(now, mention, rect, pin, notice, opener, position);
      },
      (error: unknown) => console.warn('Backstory: could not read a card from storage.', error),
    );
  }

  close(): void {
    const opener = this.opener;
    const returnFocus = opener !== null && this.host.focused;
    this.opener = null;
    this.opening = null;
    window.clearTimeout(this.showTimer);
    window.clearTimeout(this.hideTimer);
    this.current = null;
    this.pinned = false;
    this.notice = null;
    this.host.hide();
    if (returnFocus && opener.isConnected) opener.focus({ preventScroll: true });
  }

  /** Closes the card when its mention is gone from `mentions` (text replaced by the page). */
  closeIfGone(mentions: readonly PageMention[]): void {
    const current = this.current;
    if (current && !mentions.includes(current) && !mentions.some((m) => m.range.toString() === current.range.toString())) this.close();
  }

  stop(): void {
    window.clearTimeout(this.showTimer);
    window.clearTimeout(this.hideTimer);
    this.host.remove();
  }

  private showMention(
    state: PageState,
    mention: PageMention,
    rect: DOMRect,
    pin: boolean,
    notice: string | null,
    opener: HTMLElement | null,
    position: NavPosition | null,
  ): void {
    const cards = mention.entityIds.map((id) => state.cards.get(id)).filter((c): c is EntityCard => c !== undefined);
    if (cards.length === 0) return;
    window.clearTimeout(this.hideTimer);
    this.current = mention;
    this.pinned = pin;
    this.anchor = rect;
    this.notice = notice;
    this.showCards(cards);
    // Focus moved into the card is read out with it; announcing it as well would say it twice.
    if (opener) {
      this.opener = opener;
      this.host.focusCard();
    } else {
      this.host.announce(
        position
          ? describeForNavigation(cards, state.date, position, t)
          : cards.map((c) => describeForAnnouncement(c, state.date, t)).join('; '),
      );
    }
  }

  private showCards(cards: EntityCard[]): void {
    const state = this.state();
    if (!state || !this.anchor || !this.current) return;
    const dataset = state.dataset;
    this.host.show(
      {
        cards,
        articleDate: state.date,
        today: localIsoDate(),
        dataset: dataset
          ? { title: dataset.title, version: dataset.version, publishedAt: dataset.publishedAt, issueTracker: dataset.issueTracker }
          : null,
        pageUrl: location.href,
        t,
        pageLang: state.language ?? '',
        uiLang: uiLanguage(),
        onOpenRelated: (id) => void this.openRelated(id),
      },
      this.anchor,
      {
        mention: this.current.range.getBoundingClientRect(),
        notice: this.notice,
        onClose: () => this.close(),
        context: this.current.nodes[0]?.parentElement ?? null,
      },
    );
  }

  /** A related entity's chip opens that entity's card in place; it is pinned, like a click. */
  private async openRelated(id: string): Promise<void> {
    const state = this.state();
    if (!state) return;
    await state.cards.read([id]);
    const card = state.cards.get(id);
    if (!card || this.signal.aborted) return;
    this.pinned = true;
    this.showCards([card]);
    this.host.announce(describeForAnnouncement(card, state.date, t));
  }
}
