/**
 * Secondary parts of a result — matrices for extra ports, per-target tables, limits —
 * collapse behind <details> on guide pages, so a page reads as prose with the answer in
 * view, and are open on a tool's own page, where the reader came for the whole result.
 */
import { h, type Child, type VNode } from '../../lib/view/h';

/** `key` names the part across runs: the shell keeps a part the reader opened or closed that way while they type. */
export function secondary(key: string, summary: Child, ...children: Child[]): VNode {
  return h('details', { class: 'pg-more', 'data-secondary': key }, h('summary', null, summary), ...children);
}

/** The same tree with every secondary part open (a tool's own page). */
export function openSecondary(child: Child): Child {
  if (child === null || child === undefined || child === false || typeof child !== 'object') return child;
  if (Array.isArray(child)) return child.map(openSecondary);
  const attrs = child.attrs['data-secondary'] !== undefined ? { ...child.attrs, open: true } : child.attrs;
  return { ...child, attrs, children: child.children.map(openSecondary) };
}
