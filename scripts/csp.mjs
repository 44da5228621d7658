// Astro integration: after the build, give every page a Content Security Policy.
// Inline scripts (Starlight's theme and sidebar scripts) are allowed by their SHA-256 hash,
// everything else must come from the site itself. The same policy, with the hashes of
// every page, is written to dist/_headers for hosts that read that file (Netlify,
// Cloudflare Pages), where frame-ancestors can also be set.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:json|ld\+json)")[^>]*>([\s\S]*?)<\/script>/g;

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? htmlFiles(p) : p.endsWith('.html') ? [p] : [];
  });
}

export function policy(hashes) {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets Pagefind's search run its WebAssembly; it does not allow eval().
    `script-src 'self' 'wasm-unsafe-eval' ${[...hashes].sort().join(' ')}`.trim(),
    // Monaco creates <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export default function csp() {
  return {
    name: 'aks-guide:csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const all = new Set();
        const files = htmlFiles(root);
        for (const file of files) {
          let html = readFileSync(file, 'utf8');
          const hashes = new Set();
          for (const m of html.matchAll(INLINE_SCRIPT)) hashes.add(`'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
          hashes.forEach((h) => all.add(h));
          const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(hashes)}">`;
          // The policy must come before any script, so it goes right after <meta charset>.
          html = html.replace(/<meta charset="utf-8"\s*\/?>/i, (m) => `${m}${meta}`);
          if (!html.includes(meta)) throw new Error(`csp: no <meta charset> in ${file}`);
          writeFileSync(file, html);
        }
        writeFileSync(
          join(root, '_headers'),
          `/*\n  Content-Security-Policy: ${policy(all)}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n`,
        );
        logger.info(`Content Security Policy added to ${files.length} pages and _headers`);
      },
    },
  };
}
