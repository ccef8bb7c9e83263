/**
 * Which mentions are in or near the viewport, on any layout. Every element that holds a
 * mention's text is watched by one IntersectionObserver: the browser reports each one's real
 * box, wherever CSS puts it (grid or flex `order`, `column-reverse`, floats, absolutely
 * positioned sidebars, multi-column text, transforms), and reports again whenever layout or
 * scrolling moves it, inner scroll containers included. Nothing here assumes that document
 * order is visual order, which is the drawing invariant of docs/design.md §10.
 *
 * The element watched for a mention is its text's own parent, not the block around it: an
 * absolutely positioned or floated <span> inside a paragraph can sit far from the paragraph's
 * box. Elements with `display: contents` have no box, so their nearest ancestor with one is
 * watched instead.
 */
import { parentElementOf } from './dom-reads';

/** A screen and a half above and below the viewport: names are drawn before they scroll in. */
export const NEAR_MARGIN = '150% 0px';

/**
 * Up to this many newly watched elements count as near before the observer's first report
 * (one frame later): text a live page adds is usually where the reader is. A first scan of a
 * long page finds far more, most off screen; those wait the frame rather than make the
 * browser draw every name once.
 */
const PRESUMED_NEAR = 100;

/**
 * The element whose box holds `node`'s text: its parent, or the nearest ancestor with a box
 * when the parent is `display: contents`. Read through the prototype's getter, so a page's
 * `<input name="parentElement">` cannot steer the walk.
 */
export function boxAround(node: Node): Element {
  let el = parentElementOf(node);
  while (el) {
    const parent = parentElementOf(el);
    if (!parent || getComputedStyle(el).display !== 'contents') return el;
    el = parent;
  }
  return document.documentElement;
}

export class NearViewport {
  private readonly near = new Set<Element>();
  private readonly watched = new Set<Element>();
  private readonly observer: IntersectionObserver | null;

  constructor(onChange: (changed: Element[]) => void) {
    if (typeof IntersectionObserver !== 'function') {
      this.observer = null;
      return;
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        const changed: Element[] = [];
        for (const entry of entries) {
          if (!this.watched.has(entry.target)) continue;
          if (entry.isIntersecting === this.near.has(entry.target)) continue;
          if (entry.isIntersecting) this.near.add(entry.target);
          else this.near.delete(entry.target);
          changed.push(entry.target);
        }
        if (changed.length > 0) onChange(changed);
      },
      { rootMargin: NEAR_MARGIN },
    );
  }

  /** Whether `el` is in or near the viewport; every element is, where the observer is missing. */
  has(el: Element): boolean {
    return this.observer === null || this.near.has(el);
  }

  /**
   * Watches exactly `elements` from now on. Newly watched ones count as near until the
   * observer's first report, unless there are more than PRESUMED_NEAR of them.
   */
  watch(elements: ReadonlySet<Element>): void {
    const observer = this.observer;
    if (!observer) return;
    for (const el of this.watched) {
      if (elements.has(el)) continue;
      observer.unobserve(el);
      this.watched.delete(el);
      this.near.delete(el);
    }
    let fresh = 0;
    for (const el of elements) if (!this.watched.has(el)) fresh++;
    for (const el of elements) {
      if (this.watched.has(el)) continue;
      if (fresh <= PRESUMED_NEAR) this.near.add(el);
      observer.observe(el);
      this.watched.add(el);
    }
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.watched.clear();
    this.near.clear();
  }
}
