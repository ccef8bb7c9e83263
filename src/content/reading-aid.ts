/**
 * Reading aid (docs/decisions/0016-reading-aid.md): an optional mode that puts a small button,
 * "About <name>", right after the first mention of each entity in each block, for readers with a
 * screen reader or a keyboard. It is the only place where Backstory adds nodes inside the page,
 * so all it adds can be taken out again and the page's own text nodes joined as they were.
 *
 * A name that ends inside a text node needs that node split. A framework such as React keeps a
 * reference to its text nodes and may later write a whole new text into the first half only, so a
 * MutationObserver checks every split at once, before the page paints: when the page has touched
 * one, our buttons and the split-off text go, and the next scan places the buttons again.
 */
import { AID_TAG, blockAround } from './text-collector';
import { hasAttributeOf, localNameOf, nodeTypeOf, parentElementOf } from './dom-reads';
import type { PageMention } from './mention-ranges';
import aidCss from './reading-aid.css?inline';

/** Elements a button must not sit inside: our button goes after the outermost one. */
const INTERACTIVE_ROLES = new Set([
  'button',
  'link',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'tab',
  'checkbox',
  'radio',
  'switch',
  'option',
  'treeitem',
]);
// Through the prototypes: a form's named fields can shadow its own methods (dom-reads.ts).
const getAttribute = Element.prototype.getAttribute;
const contains = Node.prototype.contains;
function isInteractive(el: Element): boolean {
  const name = localNameOf(el);
  if (name === 'a' || name === 'area') return hasAttributeOf(el, 'href');
  if (name === 'button' || name === 'label' || name === 'summary' || name === 'select') return true;
  return INTERACTIVE_ROLES.has(getAttribute.call(el, 'role') ?? '');
}

/** Where a mention's button goes: after an element (a link holding the name), or at a point in its text. */
export type AidPoint = { after: Element } | { text: Text; offset: number };

/**
 * Right after the name; after the link or control the name is in, so that no button is ever
 * nested in another; nowhere when the whole block is a control (a label, a summary) or when the
 * name is inside a shadow tree of the page's, whose changes we do not watch.
 */
export function aidPoint(mention: PageMention): AidPoint | null {
  const end = mention.range.endContainer;
  if (nodeTypeOf(end) !== Node.TEXT_NODE || end.getRootNode() !== document) return null;
  const block = blockAround(end);
  let outer: Element | null = null;
  for (let el = parentElementOf(end); el && el !== document.body; el = parentElementOf(el)) {
    if (isInteractive(el)) outer = el;
  }
  if (!outer) return { text: end as Text, offset: mention.range.endOffset };
  return block && outer !== block && contains.call(block, outer) ? { after: outer } : null;
}

/** What the button says: the name as the page writes it, on one line. */
export const aidLabelText = (mention: PageMention): string => mention.range.toString().replace(/\s+/g, ' ').trim();

/** The first mention of each entity in each block, in reading order. */
export function firstMentionsPerBlock(mentions: readonly PageMention[]): PageMention[] {
  const seen = new Map<Element | null, Set<string>>();
  const first: PageMention[] = [];
  for (const m of mentions) {
    const block = blockAround(m.range.startContainer);
    const key = m.entityIds.join(' ');
    let keys = seen.get(block);
    if (!keys) seen.set(block, (keys = new Set()));
    if (keys.has(key)) continue;
    keys.add(key);
    first.push(m);
  }
  return first;
}

/** A button in the page; `key` holds the entities and the label it was made for. */
interface Aid {
  host: HTMLElement;
  button: HTMLButtonElement;
  key: string;
  mention: PageMention;
}

/** A page node we put things after, what we put there in order, and the text each node had then. */
interface Group {
  head: Node;
  headText: string | null;
  parts: { node: Node; text: string | null }[];
}

const textOf = (node: Node): string | null => (nodeTypeOf(node) === Node.TEXT_NODE ? (node as Text).data : null);

export interface ReadingAidOptions {
  /** The reader activated the button of `mention`. */
  onActivate: (mention: PageMention, button: HTMLElement) => void;
  /** A button's accessible name for a name as the page writes it ("About Steve Witkoff"). */
  labelFor: (name: string) => string;
  /** Runs `place` once the page has settled (after hydration); tests run it at once. */
  whenSettled?: (place: () => void, signal: AbortSignal) => void;
}

/**
 * Waits for the load event and then for the main thread to go idle, so that a server-rendered
 * page has hydrated before any button is added: hydration compares the DOM with what the page's
 * script renders, and a node of ours would be a mismatch.
 */
function afterLoadAndIdle(place: () => void, signal: AbortSignal): void {
  const idle = (): void => void requestIdleCallback(() => !signal.aborted && place(), { timeout: 5000 });
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true, signal });
}

export class ReadingAid {
  private readonly aids = new Map<Node, Aid>();
  private readonly groups = new Map<Node, Group>();
  /** Every node of a group (head and parts) to its group. */
  private readonly groupOf = new Map<Node, Group>();
  private mentions: readonly PageMention[] = [];
  private placeable: (m: PageMention) => boolean = () => true;
  private wanted = false;
  private settled = false;
  private waiting = false;
  private readonly observer = new MutationObserver(() => this.mendTouched());

  constructor(
    private readonly options: ReadingAidOptions,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.clear(), { once: true });
  }

  /**
   * Places a button after the first mention of each entity in each block among the mentions
   * `placeable` accepts, and takes away the rest. `mentions` is every mention of the page: their
   * ranges are kept right when text is joined again.
   */
  show(mentions: readonly PageMention[], placeable: (m: PageMention) => boolean): void {
    this.mentions = mentions;
    this.placeable = placeable;
    this.wanted = true;
    if (this.settled) return this.place();
    if (this.waiting) return;
    this.waiting = true;
    (this.options.whenSettled ?? afterLoadAndIdle)(() => {
      this.settled = true;
      if (this.wanted) this.place();
    }, this.signal);
  }

  /** Removes every button and joins the page's text nodes again as they were. */
  clear(): void {
    this.wanted = false;
    for (const group of [...this.groups.values()]) this.mend(group);
    this.observer.disconnect();
  }

  private place(): void {
    this.mendTouched();
    const wanted = new Map<Node, Aid>();
    const missing: { mention: PageMention; key: string; label: string }[] = [];
    for (const mention of firstMentionsPerBlock(this.mentions.filter(this.placeable))) {
      const label = aidLabelText(mention);
      const point = aidPoint(mention);
      if (!point || label === '') continue;
      const key = `${mention.entityIds.join(' ')}\n${label}`;
      const next = 'after' in point ? point.after.nextSibling : point.offset === point.text.length ? point.text.nextSibling : null;
      const aid = next ? this.aids.get(next) : undefined;
      if (aid && aid.key === key) {
        aid.mention = mention;
        wanted.set(aid.host, aid);
      } else missing.push({ mention, key, label });
    }
    // A button no longer wanted takes its group with it; the group's wanted buttons are made again.
    for (const host of [...this.aids.keys()]) {
      if (wanted.has(host) || !this.aids.has(host)) continue;
      const group = this.groupOf.get(host);
      if (!group) continue;
      for (const part of group.parts) {
        const other = this.aids.get(part.node);
        if (other && wanted.delete(part.node)) missing.push({ mention: other.mention, key: other.key, label: aidLabelText(other.mention) });
      }
      this.mend(group);
    }
    // Last first: a split leaves the offsets before it as they were.
    missing.sort((x, y) => y.mention.range.compareBoundaryPoints(Range.END_TO_END, x.mention.range));
    for (const { mention, key, label } of missing) this.insert(mention, key, label);
    if (this.groups.size > 0) this.observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    // Our own changes are not the page's.
    this.observer.takeRecords();
  }

  private insert(mention: PageMention, key: string, label: string): void {
    const point = aidPoint(mention);
    if (!point) return;
    const aid = this.makeAid(mention, key, label);
    if ('after' in point) return this.append(point.after, [aid.host]);
    const { text, offset } = point;
    if (offset >= text.length) return this.append(text, [aid.host]);
    const tail = text.splitText(offset);
    // splitText put the tail in the DOM; the group learns of it, then the button goes between.
    tail.before(aid.host);
    this.record(text, [aid.host, tail]);
  }

  private append(after: ChildNode, nodes: Node[]): void {
    after.after(...nodes);
    this.record(after, nodes);
  }

  /** Notes that `nodes` now follow `after` (a page node or one of a group's parts). */
  private record(after: Node, nodes: Node[]): void {
    let group = this.groupOf.get(after);
    if (!group) {
      group = { head: after, headText: null, parts: [] };
      this.groups.set(after, group);
      this.groupOf.set(after, group);
    }
    const index = after === group.head ? 0 : group.parts.findIndex((p) => p.node === after) + 1;
    group.parts.splice(index, 0, ...nodes.map((node) => ({ node, text: null })));
    for (const node of nodes) this.groupOf.set(node, group);
    // Texts as they are now, after any split.
    group.headText = textOf(group.head);
    for (const part of group.parts) part.text = textOf(part.node);
  }

  private makeAid(mention: PageMention, key: string, label: string): Aid {
    const host = document.createElement(AID_TAG);
    // Inline and !important, so no page rule can hide, move or restyle it; it takes the size
    // and colour of the text around it.
    for (const [prop, value] of [
      ['all', 'initial'],
      ['display', 'inline'],
      ['font-size', 'inherit'],
      ['color', 'inherit'],
      ['line-height', 'inherit'],
    ] as const) {
      host.style.setProperty(prop, value, 'important');
    }
    // Open, unlike the card's, so checkers running in the page (axe) reach the button; it holds
    // nothing the page does not show. Focus given to the host goes to the button.
    const root = host.attachShadow({ mode: 'open', delegatesFocus: true });
    const style = document.createElement('style');
    style.textContent = aidCss;
    const button = document.createElement('button');
    button.type = 'button';
    const name = this.options.labelFor(label);
    button.setAttribute('aria-label', name);
    button.title = name;
    root.append(style, button);
    const aid: Aid = { host, button, key, mention };
    button.addEventListener(
      'click',
      (event) => {
        // A page's own script can click it; only the reader's activation opens a card.
        if (!event.isTrusted) return;
        event.preventDefault();
        event.stopPropagation();
        this.options.onActivate(aid.mention, button);
      },
      { signal: this.signal },
    );
    this.aids.set(host, aid);
    return aid;
  }

  /** Takes out the groups the page has changed since we left them. */
  private mendTouched(): void {
    for (const group of [...this.groups.values()]) if (!this.intact(group)) this.mend(group);
    this.observer.takeRecords();
  }

  private intact(group: Group): boolean {
    let previous = group.head;
    if (!previous.isConnected || textOf(previous) !== group.headText) return false;
    for (const part of group.parts) {
      if (previous.nextSibling !== part.node || textOf(part.node) !== part.text) return false;
      previous = part.node;
    }
    return true;
  }

  /**
   * Removes a group's buttons. While the page's own node still has the text we left it, the
   * split-off text is joined back into it and the mentions' ranges are moved along; otherwise the
   * page wrote that node anew (the framework's whole text), so the split-off copies go too.
   */
  private mend(group: Group): void {
    const head = group.head;
    const pieces = group.parts.filter((p) => p.text !== null && p.node.parentNode === head.parentNode).map((p) => p.node as Text);
    if (head.isConnected && group.headText !== null && textOf(head) === group.headText && pieces.length > 0) {
      const at = new Map<Node, number>();
      let length = (head as Text).length;
      for (const piece of pieces) {
        at.set(piece, length);
        length += piece.length;
      }
      const moves = this.mentions.flatMap((m) => {
        const start = at.get(m.range.startContainer);
        const end = at.get(m.range.endContainer);
        return start === undefined && end === undefined
          ? []
          : [
              {
                range: m.range,
                start: start === undefined ? null : start + m.range.startOffset,
                end: end === undefined ? null : end + m.range.endOffset,
              },
            ];
      });
      (head as Text).appendData(pieces.map((p) => p.data).join(''));
      for (const { range, start, end } of moves) {
        if (start !== null) range.setStart(head, start);
        if (end !== null) range.setEnd(head, end);
      }
    }
    for (const part of group.parts) {
      if (part.text === null || part.node.parentNode === head.parentNode || !head.isConnected) (part.node as ChildNode).remove();
      this.groupOf.delete(part.node);
      this.aids.delete(part.node);
    }
    this.groups.delete(head);
    this.groupOf.delete(head);
  }
}
