/**
 * Route data changes, for every page:
 * - Exercise pages list their exercises through a component, so their headings are not in the
 *   MDX Starlight reads for "On this page"; this adds one entry per exercise.
 * - The sidebar and Next/Previous follow the "Start here" path (src/onboarding.ts): pages the
 *   path reaches late move to a group of their own, and Next/Previous walk the sidebar as shown.
 */
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { exercises } from './lib/exercises';
import { laterGroups } from './onboarding';

type Entry = StarlightRouteData['sidebar'][number];
type Link = Extract<Entry, { type: 'link' }>;
type Group = Extract<Entry, { type: 'group' }>;

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
/** A sidebar href as a site path without the base ("/plugins/dual-stack/"). */
const sitePath = (href: string): string => `/${href.startsWith(base) ? href.slice(base.length) : href.replace(/^\//, '')}`;

/** Removes and returns the links whose site path is in `paths`, searching nested groups. */
function take(entries: Entry[], paths: readonly string[]): Link[] {
  const out: Link[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.type === 'group') out.push(...take(e.entries, paths));
    else if (paths.includes(sitePath(e.href))) out.push(...entries.splice(i, 1).filter((x): x is Link => x.type === 'link'));
  }
  return out;
}

const flatten = (entries: Entry[]): Link[] => entries.flatMap((e) => (e.type === 'group' ? flatten(e.entries) : [e]));

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;

  for (const g of laterGroups) {
    const links = take(route.sidebar, g.paths).sort((a, b) => g.paths.indexOf(sitePath(a.href)) - g.paths.indexOf(sitePath(b.href)));
    if (!links.length) continue;
    // Groups emptied by the move are dropped.
    route.sidebar = route.sidebar.filter((e) => e.type !== 'group' || flatten(e.entries).length > 0);
    const group: Group = { type: 'group', label: g.label, entries: links, collapsed: false, badge: undefined };
    const at = route.sidebar.findIndex((e) => e.type === 'group' && e.label === g.before);
    route.sidebar.splice(at < 0 ? route.sidebar.length : at, 0, group);
  }
  const links = flatten(route.sidebar);
  const i = links.findIndex((l) => l.isCurrent);
  if (i >= 0) {
    // Frontmatter prev/next (false or a custom link) still win over the sidebar order.
    const fm = route.entry.data;
    if (fm.prev === undefined) route.pagination.prev = links[i - 1];
    if (fm.next === undefined) route.pagination.next = links[i + 1];
  }

  const m = /^exercises\/([a-z0-9-]+)$/.exec(route.id.replace(/\/$/, ''));
  if (!m || !route.toc) return;
  for (const e of exercises.filter((x) => x.page === m[1])) {
    route.toc.items.push({ depth: 2, slug: `exercise-${e.id}`, text: e.title, children: [] });
  }
});
