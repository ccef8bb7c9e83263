// @vitest-environment happy-dom
/**
 * Taps, as the card controller judges them: by the press's pointerType (the click's own where
 * clicks are PointerEvents, else the last pointerdown's), never by media queries. The
 * end-to-end test (test/e2e/touch.e2e.test.ts) taps real screens; this one covers the paths
 * a browser may take that those screens do not (a pen, a click that is not a PointerEvent, a
 * keyboard activation, a page's synthetic click); and hover follows only a mouse.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../support/fake-browser';
import { CardHost } from '../../src/content/card-host';
import { CardController, insideLink, isTap } from '../../src/content/card-controller';
import { MentionLookup, watchPointer } from '../../src/content/hover';
import type { PageMention } from '../../src/content/mention-ranges';
import type { PageState } from '../../src/content/scan';
import { CardShelf } from '../../src/shared/dataset-storage';
import { cardItems } from '../../src/shared/storage';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import type { EntityCard } from '../../src/dataset/cards';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

const VERSION = 7;
const S = 'https://example.org/source';
const rubio: EntityCard = {
  id: 'marco-rubio',
  category: 'person',
  name: 'Marco Rubio',
  summary: 'US Secretary of State.',
  roles: [{ title: 'US Secretary of State', from: '2025-01-21', source: S }],
  facts: [],
  related: [],
  sources: [S],
  updatedAt: '2025-12-01',
};

/** Marks a constructed event as the reader's own, as the browser does for real input. */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

const tap = (pointerType = 'touch'): PointerEvent =>
  trusted(new PointerEvent('click', { bubbles: true, cancelable: true, composed: true, detail: 1, pointerType, clientX: 5, clientY: 5 }));

let root: ShadowRoot | null = null;
let controller: CardController;
let abort: AbortController;
let mention: PageMention;
let name: HTMLElement;
let elsewhere: HTMLElement;

/** The card's text, one piece of text after another, or '' when no card is open. */
function cardText(): string {
  const card = root?.querySelector('.card');
  if (!card) return '';
  const texts: string[] = [];
  const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
  return texts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Dispatches `event` at `target`, as the browser does for a tap there; true when the browser would do its default (follow a link). */
function dispatch(target: Element, event: Event): boolean {
  return target.dispatchEvent(event);
}

beforeEach(async () => {
  resetFakeBrowser();
  await fakeBrowser.storage.local.set({ [cardItems.key(VERSION, rubio.id)]: rubio });
  document.body.innerHTML =
    '<p>Secretary of State <a href="/profile"><span id="name">Marco Rubio</span></a> spoke.</p><p id="elsewhere">Other text.</p>';
  name = document.getElementById('name') as HTMLElement;
  elsewhere = document.getElementById('elsewhere') as HTMLElement;
  const text = name.firstChild as Text;
  const range = document.createRange();
  range.setStart(text, 0);
  range.setEnd(text, text.length);
  mention = { range, entityIds: [rubio.id], category: 'person', nodes: [text], aliasIndex: 0 };
  // The pointer's hit-test needs layout (caretPositionFromPoint): here, a tap on the name's
  // element hits the name, and a tap anywhere else hits nothing.
  abort = new AbortController();
  const lookup = new MentionLookup([mention], () => true);
  let lastTarget: EventTarget | null = null;
  window.addEventListener(
    'click',
    (e) => {
      lastTarget = e.target;
    },
    { capture: true, signal: abort.signal },
  );
  vi.spyOn(lookup, 'at').mockImplementation(() => (lastTarget === name ? { mention, rect: range.getBoundingClientRect() } : null));
  const state: PageState = {
    dataset: null,
    mentions: [mention],
    turnedDown: [],
    cards: new CardShelf(VERSION),
    lookup,
    date: '2025-11-30',
  };
  // The card's shadow root is closed; keep a hand on it to read what the reader sees.
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    root = attach.call(this, init);
    return root;
  });
  controller = new CardController(
    new CardHost(abort.signal),
    () => state,
    () => DEFAULT_SETTINGS,
    abort.signal,
  );
  window.addEventListener('pointerdown', (e) => controller.onPointerDown(e), { capture: true, signal: abort.signal });
  window.addEventListener('click', (e) => controller.onClick(e), { capture: true, signal: abort.signal });
});

afterEach(() => {
  controller.stop();
  abort.abort();
  root = null;
  vi.restoreAllMocks();
});

describe('a tap on a name inside a link', () => {
  it('opens the card with a line about the link on the first tap, and the link is not followed', async () => {
    expect(dispatch(name, tap())).toBe(false);
    await vi.waitFor(() => expect(cardText()).toMatch(/^Tap the name again to open the link Marco Rubio People .*US Secretary of State/));
  });

  it('follows the link on the second tap on the same name, with the card still open', async () => {
    dispatch(name, tap());
    await vi.waitFor(() => expect(cardText()).toContain('Marco Rubio'));
    expect(dispatch(name, tap())).toBe(true);
    expect(cardText()).toContain('Marco Rubio');
  });

  it('counts a pen as a finger', async () => {
    expect(dispatch(name, tap('pen'))).toBe(false);
    await vi.waitFor(() => expect(cardText()).toMatch(/^Tap the name again to open the link Marco Rubio/));
  });

  it('judges by the last press where a click is not a PointerEvent', async () => {
    dispatch(name, trusted(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'touch' })));
    const click = trusted(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 }));
    expect(dispatch(name, click)).toBe(false);
    await vi.waitFor(() => expect(cardText()).toMatch(/^Tap the name again/));
  });
});

describe('clicks that are not taps', () => {
  it('opens the card on a mouse click and follows the link, as before', async () => {
    expect(dispatch(name, tap('mouse'))).toBe(true);
    await vi.waitFor(() => expect(cardText()).toMatch(/^Marco Rubio People/));
  });

  it('leaves a keyboard activation of the link alone (detail 0) even after a touch press', async () => {
    dispatch(name, trusted(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'touch' })));
    const enter = trusted(new PointerEvent('click', { bubbles: true, cancelable: true, detail: 0, pointerType: '' }));
    expect(dispatch(name, enter)).toBe(true);
  });

  it('ignores a click a page script dispatched: no card is opened, the link is the page’s business', () => {
    const open = vi.spyOn(controller, 'open');
    const synthetic = new PointerEvent('click', { bubbles: true, cancelable: true, detail: 1, pointerType: 'touch' });
    expect(dispatch(name, synthetic)).toBe(true);
    expect(open).not.toHaveBeenCalled();
  });
});

describe('closing a tapped card', () => {
  it('closes on a tap elsewhere on the page', async () => {
    dispatch(name, tap());
    await vi.waitFor(() => expect(cardText()).toContain('Marco Rubio'));
    expect(dispatch(elsewhere, tap())).toBe(true);
    expect(cardText()).toBe('');
  });

  it('closes with its close button, named for screen readers', async () => {
    dispatch(name, tap());
    await vi.waitFor(() => expect(cardText()).toContain('Marco Rubio'));
    const close = root?.querySelector('button.close');
    expect(close?.getAttribute('aria-label')).toBe('Close');
    (close as HTMLButtonElement).click();
    expect(cardText()).toBe('');
  });
});

describe('a card opened from the reading aid’s button, or by a click', () => {
  it('keeps opening when the pointer moves off the name while the card is read from storage', async () => {
    dispatch(name, tap('mouse'));
    controller.onHover(null);
    await vi.waitFor(() => expect(cardText()).toMatch(/^Marco Rubio People/));
  });

  it('stays pinned when a hover that began before the click comes due after it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      controller.onHover({ mention, rect: mention.range.getBoundingClientRect() });
      dispatch(name, tap('mouse'));
      await vi.waitFor(() => expect(cardText()).toMatch(/^Marco Rubio People/));
      // The hover's own timer would reopen the card unpinned; the pointer then leaves.
      await vi.advanceTimersByTimeAsync(DEFAULT_SETTINGS.hoverDelayMs + 1);
      controller.onHover(null);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(cardText()).toMatch(/^Marco Rubio People/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes focus into the dialog, and gives it back to the button when the card closes', async () => {
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    controller.openFrom(mention, button);
    await vi.waitFor(() => expect(cardText()).toMatch(/^Marco Rubio People/));
    expect(document.activeElement).toBe(controller.host.element);
    expect(root?.querySelector('.card')?.getAttribute('role')).toBe('dialog');
    expect(root?.querySelector('.card')?.hasAttribute('aria-modal')).toBe(false);
    controller.close();
    expect(document.activeElement).toBe(button);
  });
});

describe('isTap and insideLink', () => {
  it('reads the click’s own pointer type first, then the last press', () => {
    expect(isTap(tap('touch'), 'mouse')).toBe(true);
    expect(isTap(tap('mouse'), 'touch')).toBe(false);
    expect(isTap(new MouseEvent('click', { detail: 1 }), 'pen')).toBe(true);
    expect(isTap(new MouseEvent('click', { detail: 1 }), 'mouse')).toBe(false);
  });

  it('finds links with an address, in HTML image maps and SVG too, and not anchors without one', () => {
    document.body.innerHTML = '<a id="plain">x</a><map><area id="area" href="/a"></map><svg><a id="svg" href="/b"><text>y</text></a></svg>';
    const pathOf = (id: string): EventTarget[] => [document.getElementById(id) as Element, document.body, document, window];
    expect(insideLink(pathOf('plain'))).toBe(false);
    expect(insideLink(pathOf('area'))).toBe(true);
    expect(insideLink(pathOf('svg'))).toBe(true);
  });
});

describe('hover (hover.ts)', () => {
  it('follows a mouse, and not a finger or a pen moving on the screen', async () => {
    const lookup = new MentionLookup([], () => true);
    const at = vi.spyOn(lookup, 'at');
    const checked = new Promise<void>((done) => watchPointer(() => lookup, { onHover: () => done() }, abort.signal));
    const move = (pointerType: string, x: number): boolean =>
      window.dispatchEvent(trusted(new PointerEvent('pointermove', { pointerType, clientX: x, clientY: 10 })));
    // One check per frame, at the last position that counted: the mouse's, not the finger's or the pen's.
    move('mouse', 40);
    move('touch', 200);
    move('pen', 300);
    await checked;
    expect(at.mock.calls).toEqual([[40, 10]]);
  });
});
