#!/usr/bin/env node
// Build-time link check: every internal link, script, stylesheet and image in dist/
// resolves to a built file, every #fragment to an element id on its page, and no page
// loads anything from another host. Exits non-zero with the list of problems.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
  for (const m of html.matchAll(tagAttr)) {
    const [, tag, attrs] = m;
    const attr = tag === 'a' || tag === 'link' ? 'href' : 'src';
    const v = new RegExp(`\\s${attr}="([^"]*)"`).exec(attrs)?.[1];
    if (!v || v.startsWith('data:') || v.startsWith('mailto:')) continue;
    const url = new URL(v.replace(/&amp;/g, '&'), `http://site${page}`);
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
if (problems.length) {
  console.error(`Link check: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Link check: ${files.length} pages, all internal links and anchors resolve, nothing loaded from another host.`);
