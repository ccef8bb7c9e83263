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

/** True when the body serialises exactly as the parser left it (see server.ts). */
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
