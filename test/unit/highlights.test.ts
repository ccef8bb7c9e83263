// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearHighlights, paintHighlights } from '../../src/content/highlights';
import type { PageMention } from '../../src/content/mention-ranges';
import type { CategoryId } from '../../src/dataset/categories';

/** The Highlight API as the page sees it, counting every change made to a highlight. */
let changes = 0;
class FakeHighlight {
  readonly ranges = new Set<AbstractRange>();
  priority = 0;
  constructor(...ranges: AbstractRange[]) {
    for (const r of ranges) this.ranges.add(r);
  }
  add(range: AbstractRange): this {
    changes++;
    this.ranges.add(range);
    return this;
  }
  delete(range: AbstractRange): boolean {
    changes++;
    return this.ranges.delete(range);
  }
  get size(): number {
    return this.ranges.size;
  }
}

/** An IntersectionObserver whose reports the test makes. */
class FakeObserver {
  static last: FakeObserver | null = null;
  readonly observed = new Set<Element>();
  readonly options: IntersectionObserverInit | undefined;
  constructor(
    private readonly callback: (entries: { target: Element; isIntersecting: boolean }[]) => void,
    options?: IntersectionObserverInit,
  ) {
    this.options = options;
    FakeObserver.last = this;
  }
  observe(el: Element): void {
    this.observed.add(el);
  }
  unobserve(el: Element): void {
    this.observed.delete(el);
  }
  disconnect(): void {
    this.observed.clear();
  }
  report(entries: [Element, boolean][]): void {
    this.callback(entries.map(([target, isIntersecting]) => ({ target, isIntersecting })));
  }
}

const registry = new Map<string, FakeHighlight>();
const texts = (name: string): string[] => [...(registry.get(name)?.ranges ?? [])].map((r) => (r as Range).toString()).sort();

/** One paragraph per name, each holding one mention of it. */
function page(names: string[], category: CategoryId = 'person'): { blocks: HTMLElement[]; mentions: PageMention[] } {
  const blocks: HTMLElement[] = [];
  const mentions: PageMention[] = [];
  for (const name of names) {
    const p = document.createElement('p');
    const text = document.createTextNode(`Today ${name} spoke.`);
    p.append(text);
    document.body.append(p);
    const range = document.createRange();
    range.setStart(text, 6);
    range.setEnd(text, 6 + name.length);
    blocks.push(p);
    mentions.push({ range, entityIds: [name.toLowerCase()], category, nodes: [text], aliasIndex: 0 });
  }
  return { blocks, mentions };
}

const PEOPLE = new Set<CategoryId>(['person']);

describe('paintHighlights near the viewport', () => {
  beforeEach(() => {
    changes = 0;
    registry.clear();
    FakeObserver.last = null;
    vi.stubGlobal('Highlight', FakeHighlight);
    vi.stubGlobal('CSS', { highlights: registry });
    vi.stubGlobal('IntersectionObserver', FakeObserver);
  });
  afterEach(() => {
    clearHighlights();
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('draws new mentions at once, then keeps only those the observer reports near, in both highlights', () => {
    const { blocks, mentions } = page(['Rubio', 'Putin', 'Rutte']);
    paintHighlights(mentions, PEOPLE, false, 'underline');
    expect(texts('backstory-person')).toEqual(['Putin', 'Rubio', 'Rutte']);
    expect(texts('backstory-underline-person')).toEqual(['Putin', 'Rubio', 'Rutte']);
    const observer = FakeObserver.last as FakeObserver;
    expect([...observer.observed]).toEqual(blocks);
    expect(observer.options?.rootMargin).toBeTruthy();

    observer.report([
      [blocks[0] as HTMLElement, true],
      [blocks[1] as HTMLElement, false],
      [blocks[2] as HTMLElement, false],
    ]);
    expect(texts('backstory-person')).toEqual(['Rubio']);
    expect(texts('backstory-underline-person')).toEqual(['Rubio']);

    // The reader scrolls down.
    observer.report([
      [blocks[0] as HTMLElement, false],
      [blocks[2] as HTMLElement, true],
    ]);
    expect(texts('backstory-person')).toEqual(['Rutte']);
    expect(texts('backstory-underline-person')).toEqual(['Rutte']);
  });

  it('keeps both names registered while no mention is near, so the page stays annotated', () => {
    const { blocks, mentions } = page(['Rubio']);
    paintHighlights(mentions, PEOPLE, false, 'underline');
    FakeObserver.last?.report([[blocks[0] as HTMLElement, false]]);
    expect(registry.has('backstory-person')).toBe(true);
    expect(registry.has('backstory-underline-person')).toBe(true);
    expect(texts('backstory-person')).toEqual([]);
  });

  it('draws a category switched back on at once, before the observer reports again', () => {
    const { blocks, mentions } = page(['Rubio', 'Putin', 'Rutte']);
    paintHighlights(mentions, PEOPLE, false, 'underline');
    const observer = FakeObserver.last as FakeObserver;
    observer.report(blocks.map((b) => [b, true]));
    paintHighlights(mentions, new Set<CategoryId>(), false, 'underline');
    expect(observer.observed.size).toBe(0);
    paintHighlights(mentions, PEOPLE, false, 'underline');
    expect(texts('backstory-person')).toEqual(['Putin', 'Rubio', 'Rutte']);
  });

  it('touches no highlight when a rescan finds nothing new', () => {
    const { blocks, mentions } = page(['Rubio', 'Putin']);
    paintHighlights(mentions, PEOPLE, false, 'underline');
    FakeObserver.last?.report([[blocks[1] as HTMLElement, false]]);
    changes = 0;
    paintHighlights(mentions, PEOPLE, false, 'underline');
    FakeObserver.last?.report([
      [blocks[0] as HTMLElement, true],
      [blocks[1] as HTMLElement, false],
    ]);
    expect(changes).toBe(0);
    expect(texts('backstory-person')).toEqual(['Rubio']);
  });

  it('stops watching blocks whose mentions are gone, and adds a new block’s mention at once', () => {
    const first = page(['Rubio', 'Putin']);
    paintHighlights(first.mentions, PEOPLE, false, 'underline');
    const observer = FakeObserver.last as FakeObserver;
    observer.report([
      [first.blocks[0] as HTMLElement, true],
      [first.blocks[1] as HTMLElement, true],
    ]);
    const added = page(['Rutte']);
    paintHighlights([first.mentions[0] as PageMention, ...added.mentions], PEOPLE, false, 'underline');
    expect(observer.observed.has(first.blocks[1] as HTMLElement)).toBe(false);
    expect(texts('backstory-person')).toEqual(['Rubio', 'Rutte']);
  });

  it('draws again when a report comes after the page replaced one of our highlights', () => {
    const { blocks, mentions } = page(['Rubio', 'Putin']);
    paintHighlights(mentions, PEOPLE, false, 'underline');
    const observer = FakeObserver.last as FakeObserver;
    observer.report([
      [blocks[0] as HTMLElement, true],
      [blocks[1] as HTMLElement, false],
    ]);
    registry.set('backstory-person', new FakeHighlight());
    observer.report([[blocks[1] as HTMLElement, true]]);
    expect(texts('backstory-person')).toEqual(['Putin', 'Rubio']);
    expect(texts('backstory-underline-person')).toEqual(['Putin', 'Rubio']);
  });

  it('changes only the mentions of the blocks a report names', () => {
    const { blocks, mentions } = page(['Rubio', 'Putin', 'Rutte']);
    paintHighlights(mentions, PEOPLE, false, 'underline');
    const observer = FakeObserver.last as FakeObserver;
    observer.report([
      [blocks[0] as HTMLElement, true],
      [blocks[1] as HTMLElement, true],
      [blocks[2] as HTMLElement, true],
    ]);
    changes = 0;
    observer.report([[blocks[1] as HTMLElement, false]]);
    expect(changes).toBe(2); // Putin, out of both highlights
    expect(texts('backstory-person')).toEqual(['Rubio', 'Rutte']);
  });

  it('watches every element holding a mention on a long page, and draws those reported near whatever their order in the markup', () => {
    const names = Array.from({ length: 300 }, (_, i) => `Person${i}`);
    const { blocks, mentions } = page(names);
    paintHighlights(mentions, PEOPLE, false, 'underline');
    const observer = FakeObserver.last as FakeObserver;
    expect(observer.observed.size).toBe(300);
    // A sidebar late in the markup sits at the top of the screen; the article's start is far.
    observer.report(blocks.map((b, i) => [b, i >= 290]));
    expect(texts('backstory-person')).toEqual(names.slice(290).sort());
    observer.report([
      [blocks[0] as HTMLElement, true],
      [blocks[295] as HTMLElement, false],
    ]);
    expect(texts('backstory-person')).toContain('Person0');
    expect(texts('backstory-person')).not.toContain('Person295');
  });

  it('watches the element around the text itself (a floated or positioned span), and skips elements without a box', () => {
    const p = document.createElement('p');
    const aside = document.createElement('span');
    aside.style.position = 'absolute';
    const wrapper = document.createElement('div');
    wrapper.style.display = 'contents';
    const inner = document.createTextNode('Putin');
    const outer = document.createTextNode('Rubio');
    aside.append(inner);
    wrapper.append(outer);
    p.append(aside, wrapper);
    document.body.append(p);
    const mention = (node: Text, id: string): PageMention => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return { range, entityIds: [id], category: 'person', nodes: [node], aliasIndex: 0 };
    };
    paintHighlights([mention(inner, 'putin'), mention(outer, 'rubio')], PEOPLE, false, 'underline');
    const observer = FakeObserver.last as FakeObserver;
    expect([...observer.observed]).toEqual([aside, p]);
  });

  it('on a live page, draws new mentions at once and keeps watching every old one', () => {
    const old = page(Array.from({ length: 100 }, (_, i) => `Old${i}`));
    paintHighlights(old.mentions, PEOPLE, false, 'underline');
    const observer = FakeObserver.last as FakeObserver;
    observer.report(old.blocks.map((b, i) => [b, i < 20]));
    const added = page(Array.from({ length: 20 }, (_, i) => `New${i}`));
    document.body.prepend(...added.blocks);
    paintHighlights([...added.mentions, ...old.mentions], PEOPLE, false, 'underline');
    expect(observer.observed.size).toBe(120);
    expect(texts('backstory-person')).toContain('New0');
    expect(texts('backstory-person')).toContain('New19');
    expect(texts('backstory-person')).toContain('Old0');
    expect(texts('backstory-person')).not.toContain('Old99');
  });

  it('draws every mention where IntersectionObserver is missing', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const { mentions } = page(['Rubio', 'Putin']);
    paintHighlights(mentions, PEOPLE, false, 'background');
    expect(texts('backstory-person')).toEqual(['Putin', 'Rubio']);
    expect(texts('backstory-background-person')).toEqual(['Putin', 'Rubio']);
  });
});
