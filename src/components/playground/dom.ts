/** Builds DOM from a VNode with createElement and textContent — never innerHTML. */
import { safeAttr, type Child, type VNode } from '../../lib/view/h';

const SVG_NS = 'http://www.w3.org/2000/svg';
const TAG = /^[a-zA-Z][a-zA-Z0-9-]*$/;
const ATTR = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;

function toDom(child: Child, svg = false): Node[] {
  return flatten(child).map((c) => create(c, svg));
}

/**
 * Makes `parent`'s children match the view, touching only what differs: a keystroke that
 * changes one cell of a result changes one text node, so the browser re-lays out little, and
 * focus, scroll position and the reader's open `<details>` survive the run.
 */
export function patch(parent: Element, child: Child, svg = false): void {
  const next = flatten(child);
  let node = parent.firstChild;
  for (const v of next) {
    // A part removed above shifts the rest: find the element this part was (within a few
    // siblings) and drop the ones before it, instead of rewriting each neighbour into the next.
    // The kept element is never moved: a moved element loses its scroll position.
    if (node && !same(node, v, svg)) {
      let later = node.nextSibling;
      for (let i = 0; later && i < LOOKAHEAD && !same(later, v, svg); i++) later = later.nextSibling;
      if (later && same(later, v, svg)) {
        while (node !== later) {
          const gone: ChildNode = node!;
          node = gone.nextSibling;
          gone.remove();
        }
      }
    }
    if (node && same(node, v, svg)) {
      if (typeof v !== 'object') {
        if (node.nodeValue !== String(v)) node.nodeValue = String(v);
      } else {
        setAttributes(node as Element, v);
        patch(node as Element, v.children, inSvg(v, svg) && v.tag !== 'foreignObject');
      }
      node = node.nextSibling;
    } else {
      parent.insertBefore(create(v, svg), node);
    }
  }
  while (node) {
    const gone = node;
    node = node.nextSibling;
    gone.remove();
  }
}

type Leaf = VNode | string | number;

/** Children as toDom creates them: nulls dropped, arrays flattened, unsafe tags left out. */
function flatten(child: Child, out: Leaf[] = []): Leaf[] {
  if (child === null || child === undefined || child === false) return out;
  if (Array.isArray(child)) for (const c of child) flatten(c, out);
  else if (typeof child !== 'object' || TAG.test(child.tag)) out.push(child);
  return out;
}

const inSvg = (v: VNode, svg: boolean): boolean => svg || v.tag === 'svg';

function create(v: Leaf, svg: boolean): Node {
  if (typeof v !== 'object') return document.createTextNode(String(v));
  const el = inSvg(v, svg) ? document.createElementNS(SVG_NS, v.tag) : document.createElement(v.tag);
  setAttributes(el, v);
  for (const n of toDom(v.children, inSvg(v, svg) && v.tag !== 'foreignObject')) el.appendChild(n);
  return el;
}

/**
 * Whether an existing node can be patched into the view's node: same kind, tag and namespace,
 * and the same part — its data-secondary or data-cell key, else its class.
 */
function same(node: Node, v: Leaf, svg: boolean): boolean {
  if (typeof v !== 'object') return node.nodeType === Node.TEXT_NODE;
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const el = node as Element;
  const tagMatches = inSvg(v, svg) ? el.namespaceURI === SVG_NS && el.localName === v.tag : el.namespaceURI !== SVG_NS && el.localName === v.tag.toLowerCase();
  return tagMatches && partOf(el) === partOf(v);
}

const LOOKAHEAD = 16;

function partOf(x: Element | VNode): string {
  const get = (k: string): string | null => {
    if (!('tag' in x)) return x.getAttribute(k);
    const a = x.attrs[k];
    return a === undefined || a === null || a === false ? null : String(a);
  };
  return get('data-secondary') ?? get('data-cell') ?? get('class') ?? '';
}

function setAttributes(el: Element, v: VNode): void {
  const want = new Map<string, string>();
  for (const [k, value] of Object.entries(v.attrs)) {
    if (!ATTR.test(k)) continue;
    const s = safeAttr(k, value);
    // HTML lowercases attribute names; SVG keeps their case (viewBox).
    if (s !== undefined) want.set(el.namespaceURI === SVG_NS ? k : k.toLowerCase(), s);
  }
  // An existing <details> for the same part keeps the state the reader left it in while they type.
  const keepOpen = el.localName === 'details' && el.isConnected && el.getAttribute('data-secondary') === (want.get('data-secondary') ?? null);
  for (const a of [...el.attributes]) if (!want.has(a.name) && !(keepOpen && a.name === 'open')) el.removeAttribute(a.name);
  for (const [k, s] of want) if (!(keepOpen && k === 'open') && el.getAttribute(k) !== s) el.setAttribute(k, s);
}
