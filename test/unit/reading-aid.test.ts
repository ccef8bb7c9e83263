// @vitest-environment happy-dom
/**
 * The reading aid's placement (src/content/reading-aid.ts): one button after the first mention
 * of each entity in each block, named "About <name>", never inside a link; the page's text
 * unchanged apart from the buttons, and joined again as it was when they go; and a split text
 * node that the page rewrites (as React does) is mended at once, with no stale text left.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReadingAid, firstMentionsPerBlock } from '../../src/content/reading-aid';
import type { PageMention } from '../../src/content/mention-ranges';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser')).fakeBrowser }));

/** The button's name as the English locale words it. */
const labelFor = (name: string): string => `About ${name}`;

const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
  document.body.textContent = '';
});

function setPage(html: string): void {
  document.body.innerHTML = html; // test input only: building a fixture page
}

/** Mentions of `names` (name → entity id) in the page's text nodes, in reading order. */
function findMentions(names: Record<string, string>): PageMention[] {
  const found: PageMention[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const hits: { at: number; name: string }[] = [];
    for (const name of Object.keys(names)) {
      for (let at = text.data.indexOf(name); at >= 0; at = text.data.indexOf(name, at + 1)) hits.push({ at, name });
    }
    for (const { at, name } of hits.sort((a, b) => a.at - b.at)) {
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + name.length);
      found.push({ range, entityIds: [names[name] as string], category: 'person', nodes: [text], aliasIndex: 0 });
    }
  }
  return found;
}

const NAMES = { 'Rustem Umerov': 'rustem-umerov', 'Steve Witkoff': 'steve-witkoff', 'Marco Rubio': 'marco-rubio' };

function aidOnPage(onActivate = vi.fn()): ReadingAid {
  const controller = new AbortController();
  controllers.push(controller);
  return new ReadingAid({ onActivate, labelFor, whenSettled: (place) => place() }, controller.signal);
}

/** The body's markup with our buttons taken out. */
const withoutAids = (): string => document.body.innerHTML.replace(/<backstory-aid\b[^>]*><\/backstory-aid>/g, '');

/** The page's text with a marker where each button is. */
function textWithAids(root: Node = document.body): string {
  let out = '';
  for (const child of root.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) out += (child as Text).data;
    else if ((child as Element).localName === 'backstory-aid') out += '[aid]';
    else out += textWithAids(child);
  }
  return out;
}

/** Our buttons in the page, in reading order. */
const buttons = (): HTMLButtonElement[] =>
  [...document.querySelectorAll('backstory-aid')].map((host) => host.shadowRoot?.querySelector('button') as HTMLButtonElement);

const labels = (): (string | null)[] => buttons().map((b) => b.getAttribute('aria-label'));

describe('firstMentionsPerBlock', () => {
  it('keeps the first mention of each entity in each paragraph, in reading order', () => {
    setPage('<p>Steve Witkoff met Rustem Umerov; Steve Witkoff spoke first.</p><p>Later Steve Witkoff left.</p>');
    const first = firstMentionsPerBlock(findMentions(NAMES));
    expect(first.map((m) => `${m.range.toString()}@${m.range.startOffset}`)).toEqual([
      'Steve Witkoff@0',
      'Rustem Umerov@18',
      'Steve Witkoff@6',
    ]);
  });
});

describe('ReadingAid', () => {
  it('puts a button named "About <name>" right after the first mention of each entity in each paragraph, and nothing else', () => {
    setPage(
      '<article><p id="a">Rustem Umerov met Steve Witkoff; Steve Witkoff spoke.</p><p id="b">Witkoff aside, Marco Rubio and <b>Steve Witkoff</b> agreed.</p></article>',
    );
    const before = document.body.innerHTML;
    const aid = aidOnPage();
    aid.show(findMentions(NAMES), () => true);
    expect(textWithAids()).toBe(
      'Rustem Umerov[aid] met Steve Witkoff[aid]; Steve Witkoff spoke.Witkoff aside, Marco Rubio[aid] and Steve Witkoff[aid] agreed.',
    );
    expect(labels()).toEqual(['About Rustem Umerov', 'About Steve Witkoff', 'About Marco Rubio', 'About Steve Witkoff']);
    expect(withoutAids()).toBe(before);
  });

  it('places a button after the link a name is in, never inside it, and none in a label', () => {
    setPage('<p>Talks with <a href="/w">envoy Steve Witkoff</a> went on.</p><label>Rustem Umerov <input></label>');
    const aid = aidOnPage();
    aid.show(findMentions(NAMES), () => true);
    expect(document.querySelector('a')?.querySelector('backstory-aid')).toBeNull();
    expect(document.querySelector('a')?.nextSibling?.nodeName).toBe('BACKSTORY-AID');
    expect(labels()).toEqual(['About Steve Witkoff']);
  });

  it('leaves out mentions its filter turns down (a category switched off)', () => {
    setPage('<p>Rustem Umerov met Steve Witkoff.</p>');
    const aid = aidOnPage();
    aid.show(findMentions(NAMES), (m) => m.entityIds[0] !== 'rustem-umerov');
    expect(textWithAids()).toBe('Rustem Umerov met Steve Witkoff[aid].');
  });

  it('changes nothing when shown again for the same mentions, and follows a new first mention', async () => {
    setPage('<p>Rustem Umerov met Steve Witkoff.</p>');
    const aid = aidOnPage();
    aid.show(findMentions(NAMES), () => true);
    const before = buttons();
    const records: MutationRecord[] = [];
    const watch = new MutationObserver((r) => records.push(...r));
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    aid.show(findMentions(NAMES), () => true);
    await Promise.resolve();
    expect(records).toEqual([]);
    expect(buttons()).toEqual(before);
    watch.disconnect();
    // The page adds an earlier mention of Witkoff: the button moves to it.
    document.querySelector('p')?.prepend('Steve Witkoff arrived. ');
    aid.show(findMentions(NAMES), () => true);
    expect(textWithAids()).toBe('Steve Witkoff[aid] arrived. Rustem Umerov[aid] met Steve Witkoff.');
  });

  it('takes every button away and joins the text nodes again as they were, keeping the mentions’ ranges', () => {
    setPage('<p>Rustem Umerov met Steve Witkoff in Geneva.</p><p>Marco Rubio</p>');
    const before = document.body.innerHTML;
    const mentions = findMentions(NAMES);
    const aid = aidOnPage();
    aid.show(mentions, () => true);
    expect(document.querySelector('p')?.childNodes.length).toBe(5);
    aid.clear();
    expect(document.body.innerHTML).toBe(before);
    expect([...document.querySelectorAll('p')].map((p) => p.childNodes.length)).toEqual([1, 1]);
    expect(mentions.map((m) => m.range.toString())).toEqual(['Rustem Umerov', 'Steve Witkoff', 'Marco Rubio']);
    expect(buttons()).toEqual([]);
  });

  it('adds nothing until the page has settled (hydrated)', () => {
    setPage('<p>Rustem Umerov met Steve Witkoff.</p>');
    let settle: () => void = () => undefined;
    const controller = new AbortController();
    controllers.push(controller);
    const aid = new ReadingAid(
      {
        onActivate: vi.fn(),
        labelFor,
        whenSettled: (place) => {
          settle = place;
        },
      },
      controller.signal,
    );
    aid.show(findMentions(NAMES), () => true);
    expect(document.querySelector('backstory-aid')).toBeNull();
    settle();
    expect(document.querySelectorAll('backstory-aid').length).toBe(2);
  });

  it('mends at once a split text node the page writes anew, as React does, leaving no stale text', async () => {
    setPage('<p>Rustem Umerov met Steve Witkoff in Geneva.</p>');
    const p = document.querySelector('p') as HTMLParagraphElement;
    const own = p.firstChild as Text;
    const aid = aidOnPage();
    aid.show(findMentions(NAMES), () => true);
    // The framework writes the whole new text into the node it rendered.
    own.data = 'Marco Rubio met Steve Witkoff in Geneva.';
    await new Promise((r) => setTimeout(r, 0));
    expect(p.textContent).toBe('Marco Rubio met Steve Witkoff in Geneva.');
    expect(p.childNodes.length).toBe(1);
    expect(buttons()).toEqual([]);
  });

  it('joins the text again when the page removes one of our buttons', async () => {
    setPage('<p>Rustem Umerov met Steve Witkoff in Geneva.</p>');
    const p = document.querySelector('p') as HTMLParagraphElement;
    const aid = aidOnPage();
    aid.show(findMentions(NAMES), () => true);
    p.querySelector('backstory-aid')?.remove();
    await new Promise((r) => setTimeout(r, 0));
    expect(p.childNodes.length).toBe(1);
    expect(p.textContent).toBe('Rustem Umerov met Steve Witkoff in Geneva.');
  });

  it('removes its buttons when its signal aborts (Backstory switched off for the site)', () => {
    setPage('<p>Rustem Umerov met Steve Witkoff.</p>');
    const aid = aidOnPage();
    aid.show(findMentions(NAMES), () => true);
    controllers[0]?.abort();
    expect(document.querySelector('backstory-aid')).toBeNull();
    expect(document.querySelector('p')?.childNodes.length).toBe(1);
  });

  it('opens nothing on a click the page’s own script dispatches', () => {
    setPage('<p>Rustem Umerov met Steve Witkoff.</p>');
    const onActivate = vi.fn();
    const aid = aidOnPage(onActivate);
    aid.show(findMentions(NAMES), () => true);
    buttons()[0]?.click();
    expect(onActivate).not.toHaveBeenCalled();
  });
});
