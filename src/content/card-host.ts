/**
 * The one element Backstory adds to a page: a host under `document.documentElement` with a
 * closed shadow root holding the card (docs/design.md §1), so the page's CSS cannot reach the
 * card and ours cannot leak out. Created on first use and removed on teardown.
 */
import { render, h } from 'preact';
import { Card, type CardProps } from './card';
import { CardTop } from './card-top';
import cardCss from './card.css?inline';
import { pageSchemeAt } from './page-scheme';
import { CARD_MARGIN, SHEET_BELOW_WIDTH, placeCard, placeSheet, type Box } from './placement';

export interface ShowOptions {
  /** The whole mention (all its lines), which a sheet leaves uncovered. */
  mention: Box;
  /** A short line above the card's content (card-top.tsx), or null. */
  notice: string | null;
  /** The card's close button was pressed. */
  onClose: () => void;
  /** The element holding the mention: the card takes the colour scheme of the page behind it. */
  context: Element | null;
}

type Styles = Partial<Record<'width' | 'left' | 'right' | 'top' | 'bottom' | 'maxHeight', string>>;

function setStyles(element: HTMLElement, styles: Styles): void {
  for (const [name, value] of Object.entries(styles)) {
    if (value !== undefined) element.style[name as keyof Styles] = value;
  }
}

export const HOST_TAG = 'backstory-card';

/**
 * The part of the window the page is shown in: without classic scrollbars, which
 * innerWidth and innerHeight include and a card laid over them would be partly hidden by.
 */
function visibleViewport(): { width: number; height: number } {
  const root = document.documentElement;
  // In quirks mode the root element's client size is the whole document's, not the window's.
  if (document.compatMode !== 'CSS1Compat') return { width: window.innerWidth, height: window.innerHeight };
  return {
    width: Math.min(window.innerWidth, root.clientWidth || window.innerWidth),
    height: Math.min(window.innerHeight, root.clientHeight || window.innerHeight),
  };
}

/** How long the live region stays empty before new text goes in. */
const ANNOUNCE_DELAY_MS = 100;

export class CardHost {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private container: HTMLDivElement | null = null;
  private live: HTMLDivElement | null = null;
  private announceTimer = 0;
  /** True while the pointer is over the card. */
  hovered = false;

  constructor(private readonly signal: AbortSignal) {}

  get element(): HTMLElement | null {
    return this.host;
  }

  private ensure(): HTMLDivElement {
    if (this.container) return this.container;
    const host = document.createElement(HOST_TAG);
    // Inline and !important, so page rules such as `* { all: unset !important }` lose.
    for (const [prop, value] of [
      ['all', 'initial'],
      ['position', 'fixed'],
      ['top', '0'],
      ['left', '0'],
      ['width', '0'],
      ['height', '0'],
      ['z-index', '2147483647'],
      ['display', 'block'],
      ['overflow', 'visible'],
    ] as const) {
      host.style.setProperty(prop, value, 'important');
    }
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = cardCss;
    const container = document.createElement('div');
    container.className = 'layer';
    // Screen readers hear each card's name and role from here (docs/design.md §3).
    const live = document.createElement('div');
    live.className = 'live';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    root.append(style, container, live);
    this.live = live;
    container.addEventListener(
      'pointerenter',
      () => {
        this.hovered = true;
      },
      { signal: this.signal },
    );
    container.addEventListener(
      'pointerleave',
      () => {
        this.hovered = false;
      },
      { signal: this.signal },
    );
    document.documentElement.append(host);
    this.host = host;
    this.root = root;
    this.container = container;
    return container;
  }

  /**
   * Shows the card next to `anchor` (the mention's client rect under the pointer): below it,
   * or above when there is more room there, shifted sideways at the viewport's edges, and never
   * taller than the space available. On a viewport under SHEET_BELOW_WIDTH wide it is a sheet
   * across the screen instead, along the bottom edge or the top one, whichever leaves the whole
   * mention (`options.mention`) uncovered (placement.ts).
   */
  show(props: CardProps, anchor: DOMRect, options: ShowOptions): void {
    const container = this.ensure();
    container.dataset.theme = pageSchemeAt(options.context);
    this.raise();
    const top = h(CardTop, { t: props.t, notice: options.notice, onClose: options.onClose });
    render(h(Card, { ...props, top }), container);
    const card = container.firstElementChild as HTMLElement | null;
    if (!card) return;
    // Preact keeps the element from the previous card, and with it how far it was scrolled.
    card.scrollTop = 0;
    this.reposition(anchor, options.mention);
  }

  /** Places the open card again, for `anchor` and `mention` as they are now (after a resize). */
  reposition(anchor: DOMRect, mention: Box): void {
    const container = this.container;
    const card = container?.firstElementChild as HTMLElement | null | undefined;
    if (!container || !card) return;
    const viewport = visibleViewport();
    const sheet = viewport.width < SHEET_BELOW_WIDTH;
    container.classList.toggle('sheet', sheet);
    container.classList.remove('sheet-top');
    card.style.maxHeight = 'none';
    if (sheet) {
      // Full width between the edges (the CSS keeps its content inside the safe area),
      // measured along the bottom edge, then moved to the edge placeSheet picks.
      setStyles(card, { width: 'auto', left: '0px', right: '0px', top: 'auto', bottom: '0px' });
      const place = placeSheet(mention, card.getBoundingClientRect().height, viewport);
      container.classList.toggle('sheet-top', place.edge === 'top');
      setStyles(card, {
        top: place.edge === 'top' ? '0px' : 'auto',
        bottom: place.edge === 'bottom' ? '0px' : 'auto',
        maxHeight: `${place.maxHeight}px`,
      });
      return;
    }
    setStyles(card, { width: `${Math.min(380, viewport.width - 2 * CARD_MARGIN)}px`, right: 'auto', bottom: 'auto' });
    const { width, height } = card.getBoundingClientRect();
    const place = placeCard(anchor, { width, height }, viewport);
    setStyles(card, { maxHeight: `${place.maxHeight}px`, left: `${place.x}px`, top: `${place.y}px` });
  }

  /**
   * Says `text` through the polite live region. The region is emptied first and filled a moment
   * later: screen readers miss text put into a region in the same task that created it, and do
   * not repeat text that did not change.
   */
  announce(text: string): void {
    this.ensure();
    const live = this.live;
    if (!live) return;
    live.textContent = '';
    window.clearTimeout(this.announceTimer);
    this.announceTimer = window.setTimeout(() => {
      if (!this.signal.aborted && this.live === live) live.textContent = text;
    }, ANNOUNCE_DELAY_MS);
  }

  /**
   * Puts the host in the top layer (a manual popover) where the browser has popovers, each time
   * a card opens: there `html { transform: … }` on the page cannot move it, and it sits above
   * the page's own dialogs and popovers, even ones opened after ours.
   */
  private raise(): void {
    const host = this.host as (HTMLElement & { showPopover?: () => void; hidePopover?: () => void }) | null;
    if (!host || typeof host.showPopover !== 'function') return;
    try {
      if (!host.hasAttribute('popover')) host.setAttribute('popover', 'manual');
      if (host.matches(':popover-open')) host.hidePopover?.();
      host.showPopover();
    } catch (error) {
      // A host the page moved out of the document cannot be shown as a popover; it still works in place.
      console.warn('Backstory: could not raise the card above the page.', error);
    }
  }

  /** Moves focus into the open card, the dialog itself, so a screen reader reads it from its name. */
  focusCard(): void {
    const card = this.container?.firstElementChild;
    if (!(card instanceof HTMLElement)) return;
    card.tabIndex = -1;
    card.focus({ preventScroll: true });
  }

  /** Whether focus is inside the card (the page sees our host as the focused element). */
  get focused(): boolean {
    return this.host !== null && document.activeElement === this.host;
  }

  hide(): void {
    if (this.container) render(null, this.container);
    window.clearTimeout(this.announceTimer);
    if (this.live) this.live.textContent = '';
    this.hovered = false;
  }

  get open(): boolean {
    return (this.container?.firstElementChild ?? null) !== null;
  }

  remove(): void {
    this.hide();
    this.host?.remove();
    this.host = null;
    this.root = null;
    this.container = null;
    this.live = null;
  }
}
