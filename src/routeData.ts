/**
 * Exercise pages list their exercises through a component, so their headings are not in the
 * MDX Starlight reads for "On this page"; this adds one entry per exercise.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { exercises } from './lib/exercises';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const m = /^exercises\/([a-z0-9-]+)$/.exec(route.id.replace(/\/$/, ''));
  if (!m || !route.toc) return;
  for (const e of exercises.filter((x) => x.page === m[1])) {
    route.toc.items.push({ depth: 2, slug: `exercise-${e.id}`, text: e.title, children: [] });
  }
});
