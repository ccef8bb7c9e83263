/**
 * Collects the page's readable text as one string, with BLOCK_BREAK between blocks, so that
 * "<b>Marco</b> Rubio" is one run of text and "Rubio</p><p>Said" is two. Each text node's
 * start offset is recorded so a match maps back to a DOM Range (mention-ranges.ts).
 *
 * No layout is read here: what to skip is decided from tag names and attributes only.
 * The walker comes from Document.prototype so a page that clobbers `document.createTreeWalker`
 * (for example with <img name="createTreeWalker">) cannot redirect it.
 */
import { BLOCK_BREAK } from '../dataset/normalize';
import { localNameOf, nodeTypeOf, parentElementOf } from './dom-reads';

/** The reading aid's buttons (reading-aid.ts): ours, never page text. */
export const AID_TAG = 'backstory-aid';

/** Never scanned: code, form fields, embedded documents and non-text content, and our own buttons. */
const SKIPPED = new Set([
  AID_TAG,
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'button',
  'svg',
  'math',
  'code',
  'pre',
  'kbd',
  'samp',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'head',
  'title',
]);

/** Elements that start a new line of text; names never run across them. */
export const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'img',
  'picture',
  'label',
  'legend',
  'menu',
]);

/** The nearest block around `node` (itself, if it is one), or the body. */
export function blockAround(node: Node): Element | null {
  let el: Element | null = nodeTypeOf(node) === Node.ELEMENT_NODE ? (node as Element) : parentElementOf(node);
  while (el && !BLOCKS.has(localNameOf(el)) && el !== document.body) el = parentElementOf(el);
  return el;
}

const INLINE_HIDDEN = /display\s*:\s*none/i;

export interface CollectedText {
  text: string;
  nodes: Text[];
  /** starts[i] is the offset of nodes[i] in text. */
  starts: number[];
}

const createTreeWalker = Document.prototype.createTreeWalker;
const getAttribute = Element.prototype.getAttribute;
const hasAttribute = Element.prototype.hasAttribute;
const shadowRootGetter = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot')?.get;

function isSkipped(el: Element, exclude: ReadonlySet<Element>): boolean {
  if (SKIPPED.has(localNameOf(el)) || exclude.has(el)) return true;
  if (hasAttribute.call(el, 'hidden')) return true;
  if (getAttribute.call(el, 'aria-hidden') === 'true') return true;
  const editable = getAttribute.call(el, 'contenteditable');
  if (editable !== null && editable !== 'false') return true;
  // An inline display:none is visible in the markup, so it costs no layout to honour here.
  const style = getAttribute.call(el, 'style');
  return style !== null && INLINE_HIDDEN.test(style);
}

interface Frame {
  walker: TreeWalker;
  start: Node;
  node: Node;
  /** enter: look at `node`; descend: go into its children; climb: move on past it. */
  phase: 'enter' | 'descend' | 'climb';
  descend: boolean;
}

/**
 * The collector as a resumable walk, so a large page is read in slices that yield to the
 * page between them (no task longer than a frame). `run` returns true when done.
 */
export class TextCollector {
  private readonly parts: string[] = [];
  private readonly nodes: Text[] = [];
  private readonly starts: number[] = [];
  private length = 0;
  private lastWasBreak = true;
  private readonly stack: Frame[];

  constructor(
    root: Node,
    private readonly exclude: ReadonlySet<Element> = new Set(),
  ) {
    this.stack = [this.frame(root)];
  }

  private frame(start: Node): Frame {
    const doc = start.ownerDocument ?? (start as Document);
    const walker = createTreeWalker.call(doc, start, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    return { walker, start, node: walker.currentNode, phase: 'enter', descend: false };
  }

  private blockBreak(): void {
    if (this.lastWasBreak) return;
    this.parts.push(BLOCK_BREAK);
    this.length += 1;
    this.lastWasBreak = true;
  }

  /** Walks until the page is read (true) or `sliceOver()` asks to pause (false). */
  run(sliceOver: () => boolean): boolean {
    let steps = 0;
    while (this.stack.length > 0) {
      if ((++steps & 127) === 0 && sliceOver()) return false;
      const f = this.stack[this.stack.length - 1] as Frame;
      if (f.phase === 'enter') {
        const node = f.node;
        f.descend = false;
        f.phase = 'descend';
        const type = nodeTypeOf(node);
        if (type === Node.TEXT_NODE) {
          const data = (node as Text).data;
          if (data.length > 0) {
            this.nodes.push(node as Text);
            this.starts.push(this.length);
            this.parts.push(data);
            this.length += data.length;
            this.lastWasBreak = false;
          }
        } else if (type === Node.ELEMENT_NODE) {
          const el = node as Element;
          if (node === f.start || !isSkipped(el, this.exclude)) {
            if (BLOCKS.has(localNameOf(el))) this.blockBreak();
            f.descend = true;
            // An open shadow root is read where its host stands, before the host's children.
            const shadow = shadowRootGetter?.call(el) as ShadowRoot | null | undefined;
            if (shadow) {
              this.stack.push(this.frame(shadow));
              continue;
            }
          }
        } else {
          f.descend = true; // document or shadow root
        }
      }
      if (f.phase === 'descend') {
        if (f.descend && f.walker.firstChild()) {
          f.node = f.walker.currentNode;
          f.phase = 'enter';
          continue;
        }
        f.phase = 'climb';
      }
      // climb until a next sibling exists, closing blocks on the way out
      for (;;) {
        const node = f.node;
        if (nodeTypeOf(node) === Node.ELEMENT_NODE && BLOCKS.has(localNameOf(node as Element))) this.blockBreak();
        if (node === f.start || !f.walker.nextSibling()) {
          if (node === f.start || !f.walker.parentNode()) {
            this.stack.pop();
            break;
          }
          f.node = f.walker.currentNode;
          continue;
        }
        f.node = f.walker.currentNode;
        f.phase = 'enter';
        break;
      }
    }
    return true;
  }

  result(): CollectedText {
    return { text: this.parts.join(''), nodes: this.nodes, starts: this.starts };
  }
}

/** Reads the whole page in one go (tests, and small subtrees). */
export function collectText(root: Node, exclude: ReadonlySet<Element> = new Set()): CollectedText {
  const collector = new TextCollector(root, exclude);
  collector.run(() => false);
  return collector.result();
}
