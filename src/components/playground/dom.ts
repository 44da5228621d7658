/** Builds DOM from a VNode with createElement and textContent — never innerHTML. */
import { safeAttr, type Child } from '../../lib/view/h';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function toDom(child: Child, svg = false): Node[] {
  if (child === null || child === undefined || child === false) return [];
  if (Array.isArray(child)) return child.flatMap((c) => toDom(c, svg));
  if (typeof child === 'string' || typeof child === 'number') return [document.createTextNode(String(child))];
  if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(child.tag)) return [];
  const inSvg = svg || child.tag === 'svg';
  const el = inSvg ? document.createElementNS(SVG_NS, child.tag) : document.createElement(child.tag);
  for (const [k, v] of Object.entries(child.attrs)) {
    if (!/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/.test(k)) continue;
    const s = safeAttr(k, v);
    if (s !== undefined) el.setAttribute(k, s);
  }
  for (const c of child.children) for (const n of toDom(c, inSvg && child.tag !== 'foreignObject')) el.appendChild(n);
  return [el];
}
