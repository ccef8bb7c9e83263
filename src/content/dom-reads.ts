/**
 * DOM properties (and hasAttribute) read through their prototypes. A page can shadow a form's
 * own properties with its fields: in `<form><input name="parentElement"></form>`,
 * `form.parentElement` is the input, whose parent is the form again, so a walk up the tree
 * would never end. The prototype's getter always gives the real value.
 */
function getter<T>(proto: object, name: string): (this: Node) => T {
  const get = Object.getOwnPropertyDescriptor(proto, name)?.get;
  if (!get) throw new Error(`no getter for ${name}`);
  return get as (this: Node) => T;
}

const parentNodeGet = getter<Node | null>(Node.prototype, 'parentNode');
const parentElementGet = getter<Element | null>(Node.prototype, 'parentElement');
const nodeTypeGet = getter<number>(Node.prototype, 'nodeType');
const localNameGet = getter<string>(Element.prototype, 'localName');

export const parentNodeOf = (node: Node): Node | null => parentNodeGet.call(node);
export const parentElementOf = (node: Node): Element | null => parentElementGet.call(node);
export const nodeTypeOf = (node: Node): number => nodeTypeGet.call(node);
export const localNameOf = (el: Element): string => localNameGet.call(el);
const hasAttributeFn = Element.prototype.hasAttribute;
export const hasAttributeOf = (el: Element, name: string): boolean => hasAttributeFn.call(el, name);
