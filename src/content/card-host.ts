/**
 * The one element Backstory adds to a page: a host under `document.documentElement` with a
 * closed shadow root holding the card (DESIGN.md §1), so the page's CSS cannot reach the
 * card and ours cannot leak out. Created on first use and removed on teardown.
 */
import { render, h } from 'preact';
import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { Card, type CardProps } from './card';
import cardCss from './card.css?inline';

export const HOST_TAG = 'backstory-card';

export class CardHost {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private container: HTMLDivElement | null = null;
  private live: HTMLDivElement | null = null;
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
      ['all', 'initial'], ['position', 'fixed'], ['top', '0'], ['left', '0'], ['width', '0'],
      ['height', '0'], ['z-index', '2147483647'], ['display', 'block'], ['overflow', 'visible'],
    ] as const) {
      host.style.setProperty(prop, value, 'important');
    }
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = cardCss;
    const container = document.createElement('div');
    container.className = 'layer';
    // Screen readers hear each card's name and role from here (DESIGN.md §3).
    const live = document.createElement('div');
    live.className = 'live';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    root.append(style, container, live);
    this.live = live;
    container.addEventListener('pointerenter', () => { this.hovered = true; }, { signal: this.signal });
    container.addEventListener('pointerleave', () => { this.hovered = false; }, { signal: this.signal });
    document.documentElement.append(host);
    this.host = host;
    this.root = root;
    this.container = container;
    return container;
  }

  /**
   * Shows the card next to `anchor` (the mention's client rect), placed by Floating UI so it
   * flips above the mention or shifts sideways at the viewport's edges, and never grows
   * taller than the space available.
   */
  show(props: CardProps, anchor: DOMRect): void {
    const container = this.ensure();
    render(h(Card, props), container);
    const card = container.firstElementChild as HTMLElement | null;
    if (!card) return;
    const margin = 8;
    card.style.width = `${Math.min(380, window.innerWidth - 2 * margin)}px`;
    const reference = { getBoundingClientRect: () => anchor };
    void computePosition(reference, card, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: margin }),
        shift({ padding: margin }),
        size({
          padding: margin,
          apply({ availableHeight }) {
            card.style.maxHeight = `${Math.max(120, Math.floor(availableHeight))}px`;
          },
        }),
      ],
    }).then(({ x, y }) => {
      card.style.left = `${x}px`;
      card.style.top = `${y}px`;
    });
  }

  announce(text: string): void {
    this.ensure();
    if (this.live) this.live.textContent = text;
  }

  hide(): void {
    if (this.container) render(null, this.container);
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
