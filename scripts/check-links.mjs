#!/usr/bin/env node
// Build-time link check: every internal link, script, stylesheet and image in dist/
// resolves to a built file, every #fragment to an element id on its page, and no page
// loads anything from another host. Exits non-zero with the list of problems.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = join(process.cwd(), 'dist');
const base = (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/');
const files = [];
(function walk(dir) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.html')) files.push(p);
  }
})(dist);

const idsCache = new Map();
function idsOf(file) {
  if (!idsCache.has(file)) idsCache.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  return idsCache.get(file);
}

function target(pathname) {
  if (!pathname.startsWith(base)) return null;
  const rel = decodeURIComponent(pathname.slice(base.length));
  const p = join(dist, rel);
  if (rel === '' || rel.endsWith('/')) return join(p, 'index.html');
  return p;
}

const problems = [];
const tagAttr = /<(a|link|script|img|source|iframe)\b([^>]*)>/g;
for (const file of files) {
  const html = readFileSync(file, 'utf8');
  const page = '/' + relative(dist, file).replace(/index\.html$/, '');
  const pageUrl = `http://site${base}${page.slice(1)}`;
  for (const m of html.matchAll(tagAttr)) {
    const [, tag, attrs] = m;
    const attr = tag === 'a' || tag === 'link' ? 'href' : 'src';
    const v = new RegExp(`\\s${attr}="([^"]*)"`).exec(attrs)?.[1];
    if (!v || v.startsWith('data:') || v.startsWith('mailto:')) continue;
    const url = new URL(v.replace(/&amp;/g, '&'), pageUrl);
    if (url.host !== 'site') {
      // Links a reader may follow are fine; anything the page itself loads is not.
      if (tag !== 'a' && !(tag === 'link' && /rel="(canonical|alternate)"/.test(attrs))) problems.push(`${page}: <${tag}> loads ${v} from another host`);
      continue;
    }
    if (tag === 'link' && /rel="sitemap"/.test(attrs)) continue;
    const t = target(url.pathname);
    if (!t || !existsSync(t)) {
      problems.push(`${page}: broken ${tag} ${v}`);
      continue;
    }
    if (url.hash.length > 1 && t.endsWith('.html') && !url.hash.startsWith('#pg.') && !idsOf(t).has(decodeURIComponent(url.hash.slice(1)))) {
      problems.push(`${page}: ${v} points to a missing anchor`);
    }
  }
}
// Stable anchors: every page and heading/exercise anchor recorded in tests/anchors.json must
// still exist, so links from runbooks keep working. A removed or renamed page needs an entry
// in astro.config.mjs `redirects`; a renamed heading needs a deliberate update of the record
// (`npm run check:links -- --update-anchors`).
const record = join(process.cwd(), 'tests', 'anchors.json');
const anchorsNow = {};
for (const file of files) {
  const html = readFileSync(file, 'utf8');
  if (/http-equiv="refresh"/.test(html)) continue;
  const page = '/' + relative(dist, file).replace(/index\.html$/, '');
  const ids = [...html.matchAll(/<h[2-6][^>]*\sid="([^"]+)"|\sid="(exercise-[^"]+)"/g)].map((m) => m[1] ?? m[2]);
  anchorsNow[page] = [...new Set(ids)].sort();
}
if (process.argv.includes('--update-anchors')) {
  const sorted = Object.fromEntries(Object.entries(anchorsNow).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(record, JSON.stringify(sorted, null, 1) + '\n');
  console.log(`Anchors recorded for ${Object.keys(sorted).length} pages in tests/anchors.json`);
} else if (existsSync(record)) {
  const before = JSON.parse(readFileSync(record, 'utf8'));
  for (const [page, ids] of Object.entries(before)) {
    const t = target(base + page.slice(1));
    if (!t || !existsSync(t)) {
      problems.push(`${page} no longer exists: add a redirect in astro.config.mjs (redirects) or update tests/anchors.json`);
      continue;
    }
    const html = readFileSync(t, 'utf8');
    if (/http-equiv="refresh"/.test(html)) continue;
    for (const id of ids) if (!idsOf(t).has(id)) problems.push(`${page}#${id}: anchor removed (runbooks may link to it); keep the heading text or update tests/anchors.json`);
  }
}

if (problems.length) {
  console.error(`Link check: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Link check: ${files.length} pages, all internal links and anchors resolve, nothing loaded from another host.`);
