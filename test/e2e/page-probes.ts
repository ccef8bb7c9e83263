/**
 * Functions evaluated in the page's main world. The highlight registry is shared with the
 * content script's world, so the page (and so the test) can read what Backstory drew.
 */

/** Text of every range in each backstory-* highlight, sorted, keyed by highlight name. */
export function readHighlights(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('backstory-')) return;
    const texts: string[] = [];
    highlight.forEach((range) => texts.push((range as Range).toString()));
    out[name] = texts.sort();
  });
  return out;
}

/** Scrolls the first highlighted range with this text into view and returns its centre. */
export function locateHighlighted(arg: { name: string; text: string; block?: 'start' | 'center' }): { x: number; y: number } | null {
  const highlight = CSS.highlights.get(arg.name);
  if (!highlight) return null;
  for (const range of highlight) {
    if (!(range instanceof Range) || range.toString() !== arg.text) continue;
    range.startContainer.parentElement?.scrollIntoView({ block: arg.block ?? 'center' });
    const rect = range.getClientRects()[0];
    if (!rect) return null;
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }
  return null;
}

/** True when the body serialises exactly as the parser left it (see test/support/static-server.ts). */
export function bodyUnchanged(): boolean {
  const page = window as unknown as { __backstoryBodyBefore?: string; __backstoryHighlightsAtSnapshot?: number };
  const before = page.__backstoryBodyBefore;
  return page.__backstoryHighlightsAtSnapshot === 0 && typeof before === 'string' && before === document.body.outerHTML;
}

/**
 * Every occurrence of `names` whose text is in the viewport, found from the page's text
 * alone, and how many of those `highlight` holds; `held` counts all the ranges it holds.
 */
export function mentionsInView(arg: { highlight: string; names: string[] }): { visible: number; drawn: number; held: number } {
  const held = new Map<Node, Set<number>>();
  let count = 0;
  for (const range of CSS.highlights.get(arg.highlight) ?? []) {
    if (!(range instanceof Range)) continue;
    count++;
    const offsets = held.get(range.startContainer) ?? new Set<number>();
    offsets.add(range.startOffset);
    held.set(range.startContainer, offsets);
  }
  let visible = 0;
  let drawn = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (const name of arg.names) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + name.length);
        const rect = range.getBoundingClientRect();
        if (rect.bottom <= 0 || rect.top >= window.innerHeight) continue;
        visible++;
        if (held.get(node)?.has(at)) drawn++;
      }
    }
  }
  return { visible, drawn, held: count };
}

/** Where a name sits: a text node's position among the body's text nodes, and offsets (the debug report's form). */
export interface PlacedName {
  text: string;
  category: string;
  start: [number, number];
  end: [number, number];
}

/**
 * The names of `names` whose text the reader can see now (a box inside the viewport and inside
 * every box that clips it, on an element that is shown) and, of those, the ones no highlight
 * of their category holds; `drawn` lists every range our highlights hold, as "node:offset".
 */
export function drawingNow(arg: { names: PlacedName[] }): { visible: number; undrawn: string[]; drawn: string[] } {
  const nodes: Node[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  const position = new Map<Node, number>(nodes.map((n, i) => [n, i]));
  const held = new Set<string>();
  CSS.highlights.forEach((highlight, name) => {
    if (!/^backstory-(person|proposal|organization|place)$/.test(name)) return;
    highlight.forEach((range) => {
      const r = range as Range;
      held.add(`${name.slice('backstory-'.length)}:${position.get(r.startContainer) ?? -1}:${r.startOffset}`);
    });
  });
  const seen = (range: Range): boolean => {
    const parent = range.startContainer.parentElement as (Element & { checkVisibility?: (o: object) => boolean }) | null;
    if (!parent || (parent.checkVisibility && !parent.checkVisibility({ visibilityProperty: true }))) return false;
    for (const rect of range.getClientRects()) {
      if (rect.width === 0 || rect.height === 0) continue;
      let left = Math.max(rect.left, 0);
      let top = Math.max(rect.top, 0);
      let right = Math.min(rect.right, window.innerWidth);
      let bottom = Math.min(rect.bottom, window.innerHeight);
      for (let el: Element | null = parent; el && left < right && top < bottom; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const box = el.getBoundingClientRect();
        left = Math.max(left, box.left);
        top = Math.max(top, box.top);
        right = Math.min(right, box.right);
        bottom = Math.min(bottom, box.bottom);
      }
      if (left < right && top < bottom) return true;
    }
    return false;
  };
  let visible = 0;
  const undrawn: string[] = [];
  for (const name of arg.names) {
    const startNode = nodes[name.start[0]];
    const endNode = nodes[name.end[0]];
    if (!startNode || !endNode) continue;
    const range = document.createRange();
    range.setStart(startNode, name.start[1]);
    range.setEnd(endNode, name.end[1]);
    if (!seen(range)) continue;
    visible++;
    if (!held.has(`${name.category}:${name.start[0]}:${name.start[1]}`)) undrawn.push(`${name.text} @${name.start.join(':')}`);
  }
  return { visible, undrawn, drawn: [...held] };
}

/** Every element the reader can scroll inside (not the page itself), as an index into a query for all elements. */
export function innerScrollers(): number[] {
  const all = document.body.querySelectorAll('*');
  const out: number[] = [];
  all.forEach((el, i) => {
    const style = getComputedStyle(el);
    const scrolls = (overflow: string): boolean => overflow === 'auto' || overflow === 'scroll';
    if (
      (scrolls(style.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
      (scrolls(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
    )
      out.push(i);
  });
  return out;
}

/** Brings inner scroller `index` into view and scrolls it to `fraction` of its range, both ways. */
export function scrollInner(arg: { index: number; fraction: number }): void {
  const el = document.body.querySelectorAll('*')[arg.index];
  if (!el) return;
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  el.scrollTop = (el.scrollHeight - el.clientHeight) * arg.fraction;
  el.scrollLeft = (el.scrollWidth - el.clientWidth) * arg.fraction;
}

/** Resolves after two frames and a task: time for the viewport observer to report and be acted on. */
export function afterFrames(): Promise<void> {
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 30))));
}

/** Resolves once the page has stopped scrolling (a smooth scroll has ended): the same position over three frames. */
export function scrollSettled(): Promise<void> {
  return new Promise((done) => {
    let last = -1;
    let still = 0;
    const tick = (): void => {
      const now = window.scrollY;
      still = now === last ? still + 1 : 0;
      last = now;
      if (still >= 3) done();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
