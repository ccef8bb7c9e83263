// @vitest-environment happy-dom
/**
 * The card's host, as a screen reader and a reader of a dark page meet it: a polite live region
 * inside the shadow root says each card's name and role (keyboard navigation adds its place in
 * the page), and the card takes the scheme of the page behind its mention.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardHost } from '../../src/content/card-host';
import { describeForNavigation } from '../../src/content/announcement';
import type { EntityCard } from '../../src/dataset/cards';

const S = 'https://example.org/source';
const witkoff: EntityCard = {
  id: 'steve-witkoff',
  category: 'person',
  name: 'Steve Witkoff',
  summary: 'US envoy.',
  roles: [{ title: 'US Special Envoy to the Middle East', from: '2025-01-20', source: S }],
  facts: [],
  related: [],
  sources: [S],
  updatedAt: '2025-12-01',
};

const english = (key: string, subs?: string | string[]): string => {
  const s = Array.isArray(subs) ? subs : [subs ?? ''];
  return key === 'nav_position' ? `${s[0]}, ${s[1]} of ${s[2]}` : key;
};

/** Shadow roots the host attaches, closed or not, so the test can look inside. */
let roots: ShadowRoot[] = [];
const attach = Element.prototype.attachShadow;

beforeEach(() => {
  roots = [];
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
  document.body.removeAttribute('style');
});

describe('the live region', () => {
  it('announces a mention with its role and place through a polite status region in the shadow root', () => {
    const host = new CardHost(new AbortController().signal);
    const text = describeForNavigation([witkoff], '2025-11-30', { index: 2, total: 12 }, english);
    expect(text).toBe('Steve Witkoff, US Special Envoy to the Middle East, 3 of 12');
    host.announce(text);
    const live = roots[0]?.querySelector('[aria-live]');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    expect(live?.getAttribute('role')).toBe('status');
    vi.runAllTimers();
    expect(live?.textContent).toBe(text);
    // Nothing of it is in the page's own DOM.
    expect(document.body.textContent).not.toContain('Steve Witkoff');
    host.remove();
  });

  it('empties the region before saying the same words again, so that they are read again', () => {
    const host = new CardHost(new AbortController().signal);
    host.announce('Steve Witkoff, 1 of 2');
    vi.runAllTimers();
    const live = roots[0]?.querySelector('[aria-live]');
    host.announce('Steve Witkoff, 1 of 2');
    expect(live?.textContent).toBe('');
    vi.runAllTimers();
    expect(live?.textContent).toBe('Steve Witkoff, 1 of 2');
    host.hide();
    expect(live?.textContent).toBe('');
    host.remove();
  });
});

describe('the card on a dark page', () => {
  function showOn(context: Element): string | undefined {
    const host = new CardHost(new AbortController().signal);
    host.show(
      {
        cards: [witkoff],
        articleDate: '2025-11-30',
        today: '2025-12-05',
        dataset: null,
        pageUrl: 'https://example.org/',
        t: english,
        pageLang: 'en',
        uiLang: 'en',
        onOpenRelated: () => undefined,
      },
      new DOMRect(10, 10, 100, 20),
      { mention: { top: 10, bottom: 30, left: 10 }, notice: null, onClose: () => undefined, context },
    );
    const theme = (roots[0]?.querySelector('.layer') as HTMLElement | null)?.dataset.theme;
    host.remove();
    return theme;
  }

  it('is dark behind a mention on a dark background, and light on a light one', () => {
    document.body.style.backgroundColor = 'rgb(13, 17, 23)';
    const p = document.createElement('p');
    document.body.append(p);
    expect(showOn(p)).toBe('dark');
    roots = [];
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(showOn(p)).toBe('light');
  });
});
