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

/** Never scanned: code, form fields, embedded documents and non-text content. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button',
  'svg', 'math', 'code', 'pre', 'kbd', 'samp', 'iframe', 'object', 'embed', 'canvas', 'video',
  'audio', 'head', 'title',
]);

/** Elements that start a new line of text; names never run across them. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'img', 'picture', 'label', 'legend', 'menu',
]);

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
  if (SKIPPED.has(el.localName) || exclude.has(el)) return true;
  if (hasAttribute.call(el, 'hidden')) return true;
  if (getAttribute.call(el, 'aria-hidden') === 'true') return true;
  const editable = getAttribute.call(el, 'contenteditable');
  if (editable !== null && editable !== 'false') return true;
  // An inline display:none is visible in the markup, so it costs no layout to honour here.
  const style = getAttribute.call(el, 'style');
  return style !== null && INLINE_HIDDEN.test(style);
}

export function collectText(root: Node, exclude: ReadonlySet<Element> = new Set()): CollectedText {
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  let lastWasBreak = true;
  const blockBreak = (): void => {
    if (lastWasBreak) return;
    parts.push(BLOCK_BREAK);
    length += 1;
    lastWasBreak = true;
  };

  const walk = (start: Node): void => {
    const doc = start.ownerDocument ?? (start as Document);
    const walker = createTreeWalker.call(doc, start, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let node: Node = walker.currentNode;
    for (;;) {
      let descend = false;
      if (node.nodeType === Node.TEXT_NODE) {
        const data = (node as Text).data;
        if (data.length > 0) {
          nodes.push(node as Text);
          starts.push(length);
          parts.push(data);
          length += data.length;
          lastWasBreak = false;
        }
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        const el = node as Element;
        if (node === start || !isSkipped(el, exclude)) {
          if (BLOCKS.has(el.localName)) blockBreak();
          const shadow = shadowRootGetter?.call(el) as ShadowRoot | null | undefined;
          if (shadow) walk(shadow);
          descend = true;
        }
      } else {
        descend = true; // document or shadow root
      }
      if (descend && walker.firstChild()) {
        node = walker.currentNode;
        continue;
      }
      // climb until a next sibling exists, closing blocks on the way out
      for (;;) {
        if (node.nodeType === Node.ELEMENT_NODE && BLOCKS.has((node as Element).localName)) blockBreak();
        if (node === start) return;
        if (walker.nextSibling()) {
          node = walker.currentNode;
          break;
        }
        if (!walker.parentNode()) return;
        node = walker.currentNode;
      }
    }
  };
  walk(root);
  return { text: parts.join(''), nodes, starts };
}
