/**
 * A tiny view description shared by build-time rendering and the browser.
 * Tool result views are pure functions returning VNodes; `toHtml` renders them into the
 * page at build time (escaping all text), and the Playground shell turns them into DOM
 * nodes with createElement/textContent. No HTML string built from user text ever
 * reaches innerHTML.
 */
export type Child = VNode | string | number | null | undefined | false | Child[];
export type AttrValue = string | number | boolean | undefined | null;

export interface VNode {
  tag: string;
  attrs: Record<string, AttrValue>;
  children: Child[];
}

export function h(tag: string, attrs: Record<string, AttrValue> | null = null, ...children: Child[]): VNode {
  return { tag, attrs: attrs ?? {}, children };
}

/** Attributes that may carry script are refused outright. */
export function safeAttr(name: string, value: AttrValue): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const n = name.toLowerCase();
  if (n.startsWith('on') || n === 'srcdoc' || n === 'style' && /url\(|expression/i.test(String(value))) return undefined;
  const v = value === true ? '' : String(value);
  // Only in-site links and https links to sources: no javascript:, data: or other schemes.
  if ((n === 'href' || n === 'src' || n === 'xlink:href' || n === 'action') && !/^(#|\/|\.|https:\/\/[a-z0-9.-]+(\/|$))/i.test(v)) {
    return undefined;
  }
  return v;
}

/** Attributes that hold an id or refer to one. */
const ID_ATTRS = ['id', 'popovertarget', 'aria-controls', 'aria-labelledby', 'aria-describedby', 'for'];

/**
 * Views write ids local to their result as `@name`; the Playground shell gives each playground
 * a scope (`pg-<id>`) and this turns `@name` into `<scope>-name`. So two playgrounds on one page
 * never share an id, and an id does not change while the reader types (the browser then keeps
 * the element instead of rebuilding it). Changes the view in place and returns it.
 */
export function scopeIds<T extends Child>(child: T, scope: string): T {
  if (Array.isArray(child)) for (const c of child) scopeIds(c, scope);
  else if (child && typeof child === 'object') {
    for (const k of ID_ATTRS) {
      const v = child.attrs[k];
      if (typeof v === 'string' && v.startsWith('@')) child.attrs[k] = `${scope}-${v.slice(1)}`;
    }
    for (const c of child.children) scopeIds(c, scope);
  }
  return child;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

const VOID = new Set(['br', 'hr', 'img', 'input', 'wbr', 'col']);

export function toHtml(child: Child): string {
  if (child === null || child === undefined || child === false) return '';
  if (Array.isArray(child)) return child.map(toHtml).join('');
  if (typeof child === 'string' || typeof child === 'number') return escapeHtml(String(child));
  if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(child.tag)) return '';
  const attrs = Object.entries(child.attrs)
    .map(([k, v]) => {
      if (!/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/.test(k)) return '';
      const s = safeAttr(k, v);
      return s === undefined ? '' : ` ${k}="${escapeHtml(s)}"`;
    })
    .join('');
  if (VOID.has(child.tag)) return `<${child.tag}${attrs}>`;
  return `<${child.tag}${attrs}>${child.children.map(toHtml).join('')}</${child.tag}>`;
}

/** Plain text of a view (for summaries and tests). */
export function toText(child: Child): string {
  if (child === null || child === undefined || child === false) return '';
  if (Array.isArray(child)) return child.map(toText).join('');
  if (typeof child === 'string' || typeof child === 'number') return String(child);
  return child.children.map(toText).join('');
}

/**
 * Views write their section headings as h4 (under a playground titled h3). A playground
 * titled at another level shifts them so the page outline has no gaps.
 */
export function shiftHeadings(child: Child, by: number): Child {
  if (by === 0 || child === null || child === undefined || child === false || typeof child !== 'object') return child;
  if (Array.isArray(child)) return child.map((c) => shiftHeadings(c, by));
  const m = /^h([1-6])$/.exec(child.tag);
  const tag = m ? `h${Math.min(6, Math.max(2, Number(m[1]) + by))}` : child.tag;
  return { tag, attrs: child.attrs, children: child.children.map((c) => shiftHeadings(c, by)) };
}
