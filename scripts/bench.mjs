// `npm run bench`: prints the performance figures of issue 8 ("Performance budgets").
// It measures and reports; it never fails on a threshold (the budget is shown for reading).
//
//   1. Build time of the site (one `astro build`, into a temp outDir so dist/ is left alone).
//   2. Per page: JS, CSS and HTML transferred before interaction, next to a bare Starlight
//      page built in the same run (budget: bare + 15 KB of JS).
//   3. Keystroke-to-result per playground (first 3 per page), desktop (Monaco) and 390 px (textarea).
//   4. Editor cost: bytes downloaded by the first edit of a pane (one per editor language), and
//      keystroke-to-result in Monaco against a bare Monaco page built with Vite in the same run.
//   5. Engine throughput on large inputs: `vitest bench` over tests/bench/.
//
// Needs Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Takes ~4 minutes on an idle 2-core
// machine (the keystroke phase is capped at 6 minutes; pages left over are listed, not measured).
// BENCH_ONLY=editor builds the site and runs part 4 only (about 2 minutes).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const ASTRO = join(ROOT, 'node_modules/.bin/astro');
const OUT = `/tmp/bench-dist-${process.pid}`;
const BARE = `/tmp/bare-starlight-${process.pid}`;
const BARE_MONACO = `/tmp/bare-monaco-${process.pid}`;
const EDITOR_ONLY = process.env.BENCH_ONLY === 'editor';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The same launch arguments as playwright.config.ts.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const JS_BUDGET_KB = 15;
const PLAYGROUNDS_PER_PAGE = 3;
const KEYSTROKES = 5;
// Keeps the whole run near 10 minutes on a busy 2-core machine; pages left over are listed as not measured.
const KEYSTROKE_PHASE_MS = 6 * 60_000;
// Part 4: one pane per editor language; the first is also the text typed into the bare Monaco page.
const FIRST_EDITS = [
  { path: '/tools/netpol/', input: 'policies', what: 'YAML with the Kubernetes schema' },
  { path: '/tools/nsg/', input: 'nsgs', what: 'JSON' },
  { path: '/tools/az-script/', input: 'script', what: 'shell' },
  { path: '/tools/cidr/', input: 'ranges', what: 'plain text' },
];
const FIRST_EDIT_GOAL_KB = 600;
const OVERHEAD_GOAL_MS = 2;
const EDITOR_KEYSTROKES = 15;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

// Children find the repo's Node 22 (the `node` package) before any older system Node.
const ENV = { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` };
const children = new Set();
let browser;

// ---- small helpers -----------------------------------------------------------------------------

const kb = (bytes) => (bytes / 1024).toFixed(1);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

function table(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Runs a command to completion in its own process group; resolves with its output and exit code. */
function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...ENV, ...opts.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      children.delete(child);
      resolve({ code, out });
    });
  });
}

/** Starts a long-running command (a preview server) in its own process group. */
function start(cmd, args, cwd) {
  const child = spawn(cmd, args, { cwd, env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.log = '';
  child.stdout.on('data', (d) => (child.log += d));
  child.stderr.on('data', (d) => (child.log += d));
  child.on('close', () => children.delete(child));
  return child;
}

/** An `astro preview` of one build on a free port; restarted if it has gone away (the machine is shared). */
async function previewOf(cwd, outDir) {
  const port = await freePort();
  const server = { origin: `http://127.0.0.1:${port}`, child: null, restarts: 0 };
  server.ensure = async () => {
    if (server.child && server.child.exitCode === null && server.child.signalCode === null) return;
    if (server.child) {
      server.restarts++;
      progress(`preview server on port ${port} exited (${server.child.signalCode ?? `code ${server.child.exitCode}`}); restarting`);
    }
    server.child = start(ASTRO, ['preview', '--outDir', outDir, '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'], cwd);
    await waitForHttp(`${server.origin}/`, server.child);
  };
  server.stop = () => server.child && stop(server.child);
  await server.ensure();
  return server;
}

const progress = (msg) => process.stderr.write(`  … ${msg}\n`);

function stop(child) {
  try {
    process.kill(-child.pid, 'SIGTERM'); // the group we started: the server and anything it spawned
  } catch {
    /* already gone */
  }
}

function cleanup() {
  for (const c of children) stop(c);
  for (const dir of [OUT, BARE, BARE_MONACO]) rmSync(dir, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  void browser?.close();
  cleanup();
  process.exit(130);
});

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`preview server exited:\n${child.log}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`preview server did not answer at ${url}:\n${child.log}`);
}

/** Other `astro build` processes running in this repo (only one may run at a time). */
function otherBuilds() {
  const found = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!cmd.some((a) => /astro(\.js|\.mjs)?$/.test(a)) || !cmd.includes('build')) continue;
      if (readlinkSync(`/proc/${pid}/cwd`) === ROOT) found.push(Number(pid));
    } catch {
      /* exited, or not ours to read */
    }
  }
  return found;
}

async function build(cwd, outDir) {
  const t0 = performance.now();
  const r = await run(ASTRO, ['build', '--outDir', outDir], { cwd });
  const seconds = (performance.now() - t0) / 1000;
  if (r.code !== 0) throw new Error(`astro build failed in ${cwd}:\n${r.out.slice(-4000)}`);
  const pages = Number(/(\d+) page\(s\) built/.exec(stripAnsi(r.out))?.[1] ?? NaN);
  return { seconds, pages };
}

// ---- the bare Starlight project -----------------------------------------------------------------

function writeBareProject() {
  const deps = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies;
  const files = {
    // Astro and Starlight are listed so Vite bundles Starlight's routes (it reads this file to
    // find packages built on Astro); without them the pages fail to render.
    'package.json': JSON.stringify({ name: 'bare-starlight', private: true, type: 'module', dependencies: { astro: deps.astro, '@astrojs/starlight': deps['@astrojs/starlight'] } }, null, 2),
    'astro.config.mjs': `import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\n\nexport default defineConfig({ integrations: [starlight({ title: 'Bare Starlight' })] });\n`,
    'src/content.config.ts': `import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\n\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n`,
    'src/content/docs/index.mdx': `---\ntitle: Bare Starlight\ndescription: A Starlight site with nothing added.\n---\n\nA page of text, for comparison.\n\n## A section\n\nMore text, with [a link](/page/).\n`,
    'src/content/docs/page.md': `---\ntitle: A page\ndescription: A plain Markdown page.\n---\n\nA paragraph of text.\n\n## First section\n\n- one\n- two\n\n## Second section\n\nAnother paragraph.\n`,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(BARE, path, '..'), { recursive: true });
    writeFileSync(join(BARE, path), text);
  }
  // The repo's node_modules as a tree of hard links (instant, no extra space), not a symlink:
  // Astro 7 cannot compile .astro components whose real path is outside the project root
  // ("No cached compile metadata found" for Starlight's Page.astro). Caches that Astro and
  // Vite rewrite in place are dropped from the copy, so the repo's own are never touched.
  const nm = join(BARE, 'node_modules');
  if (spawnSync('cp', ['-al', join(ROOT, 'node_modules'), nm]).status !== 0) {
    console.log('(hard links across file systems are impossible here: copying node_modules instead, which is slower)');
    rmSync(nm, { recursive: true, force: true });
    if (spawnSync('cp', ['-a', join(ROOT, 'node_modules'), nm]).status !== 0) throw new Error(`could not copy node_modules to ${nm}`);
  }
  for (const cache of ['.astro', '.vite', '.vite-temp', '.cache']) rmSync(join(nm, cache), { recursive: true, force: true });
}

// ---- page weight -------------------------------------------------------------------------------

/** Every page of a build, as root-relative URLs (trailing slash, as the site links them). */
function pagesOf(dir) {
  const out = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f === 'index.html') out.push(`/${relative(dir, d)}${relative(dir, d) ? '/' : ''}`);
    }
  };
  walk(dir);
  return out.sort();
}

function kindOf(resourceType, contentType = '') {
  if (resourceType === 'document') return 'html';
  if (resourceType === 'script' || /javascript/.test(contentType)) return 'js';
  if (resourceType === 'stylesheet' || /text\/css/.test(contentType)) return 'css';
  return 'other';
}

/** Loads a page in a fresh context (empty cache), waits for network idle, sums what came over the wire. */
async function weigh(server, path) {
  await server.ensure();
  const origin = server.origin;
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const finished = [];
  const foreign = new Set();
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (/^(https?|wss?):$/.test(u.protocol) && u.host !== new URL(origin).host) foreign.add(u.host);
  });
  page.on('requestfinished', (r) => finished.push(r));
  await page.goto(origin + path, { waitUntil: 'networkidle' });
  const sums = { js: 0, css: 0, html: 0, other: 0, jsRaw: 0, requests: finished.length, encodings: new Set() };
  const files = [];
  for (const r of finished) {
    const resp = await r.response();
    if (!resp) continue;
    const kind = kindOf(r.resourceType(), resp.headers()['content-type']);
    // Bytes on the wire (astro preview gzips what the browser accepts) and after decoding.
    const size = (await r.sizes()).responseBodySize;
    sums[kind] += size;
    sums.encodings.add(resp.headers()['content-encoding'] ?? 'identity');
    if (kind === 'js') {
      const raw = (await resp.body()).length;
      sums.jsRaw += raw;
      files.push({ url: new URL(r.url()).pathname, size, raw });
    }
  }
  const playgrounds = await page.locator('[data-playground]').count();
  await context.close();
  return { path, ...sums, foreign: [...foreign], playgrounds, files };
}

// ---- keystroke to result -----------------------------------------------------------------------

/** Resolves once the playground's run counter has not moved for `quietMs`. */
async function settle(root, quietMs = 250, maxMs = 15_000) {
  const end = Date.now() + maxMs;
  let last = await root.getAttribute('data-pg-runs');
  let since = Date.now();
  while (Date.now() < end) {
    await sleep(50);
    const now = await root.getAttribute('data-pg-runs');
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return Number(now ?? 0);
  }
  return Number(last ?? 0);
}

/**
 * Notes when the page hands a run to the engine worker, to split each figure into the main
 * thread's share (editor, event handling) and the engine + result rendering. Only the playground's
 * own worker (named 'playground-engines' by runner.ts) is watched, not Monaco's.
 */
function watchEngineWorker() {
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(url, opts) {
      super(url, opts);
      if (opts?.name !== 'playground-engines') return;
      const post = this.postMessage.bind(this);
      this.postMessage = (...args) => {
        window.__benchPost ??= performance.now();
        return post(...args);
      };
    }
  };
}

/**
 * One keystroke: ms from the keydown event to the run counter's increment, both timed in the
 * page; and of that, ms until the run was handed to the engine worker.
 */
async function keystroke(page, root, key = ' ') {
  await root.evaluate((el) => {
    const start = Number(el.dataset.pgRuns ?? 0);
    window.__benchPost = null;
    window.__benchKeystroke = new Promise((resolve) => {
      let t0 = null;
      document.addEventListener('keydown', (e) => (t0 ??= e.timeStamp), { capture: true, once: true });
      const mo = new MutationObserver(() => {
        if (Number(el.dataset.pgRuns ?? 0) > start) {
          mo.disconnect();
          resolve({ total: performance.now() - t0, before: window.__benchPost === null ? null : window.__benchPost - t0 });
        }
      });
      mo.observe(el, { attributes: true, attributeFilter: ['data-pg-runs'] });
    });
  });
  if (key.length === 1) await page.keyboard.type(key);
  else await page.keyboard.press(key);
  const ms = await Promise.race([page.evaluate(() => window.__benchKeystroke), sleep(15_000).then(() => null)]);
  await settle(root, 150);
  return ms;
}

/** Keystroke-to-result of the first playgrounds of a page at one viewport. */
async function typePage(context, server, path, wide) {
  await server.ensure();
  const page = await context.newPage();
  await page.goto(server.origin + path, { waitUntil: 'networkidle' });
  const results = [];
  const count = Math.min(PLAYGROUNDS_PER_PAGE, await page.locator('[data-playground]').count());
  for (let i = 0; i < count; i++) {
    const root = page.locator('[data-playground]').nth(i);
    const id = `${await root.getAttribute('data-playground')}#${await root.getAttribute('data-pg-id')}`;
    try {
      const rootEl = await root.elementHandle();
      await page.waitForFunction((el) => el.dataset.pgReady === 'true', rootEl, { timeout: 10_000 });
      const pane = root.locator('[data-input]').first();
      const runsBefore = Number((await root.getAttribute('data-pg-runs')) ?? 0);
      await pane.locator('textarea').click();
      if (wide) {
        await page.waitForFunction((el) => el.dataset.editor === 'monaco', await pane.elementHandle(), { timeout: 30_000 });
        // Opening the editor runs the engine once (loading the worker): wait for that run.
        await page.waitForFunction(([el, n]) => Number(el.dataset.pgRuns ?? 0) > n, [rootEl, runsBefore], { timeout: 30_000 });
      }
      await settle(root);
      await page.keyboard.press('Control+End');
      const times = [];
      for (let k = 0; k < KEYSTROKES; k++) times.push(await keystroke(page, root));
      results.push({ path, id, times });
    } catch (e) {
      results.push({ path, id, times: [], error: String(e?.message ?? e).split('\n')[0] });
    }
  }
  await page.close();
  return results;
}

// ---- editor cost (part 4) -----------------------------------------------------------------------

/**
 * A page with Monaco as it ships (the editor core with all its contributions, YAML highlighting,
 * the editor worker) and the playgrounds' editor options (editor-options.ts), built by Vite, the
 * bundler Astro uses.
 * Its "result" is Monaco showing the keystroke (its rendered lines change), counted in
 * data-pg-runs as the site counts engine results, so the same keystroke() measures both.
 */
async function buildBareMonaco() {
  const files = {
    'index.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Monaco</title></head>
<body><div data-playground="bare-monaco"><div data-input="text" style="width: 800px; height: 400px"></div></div>
<script type="module" src="./main.js"></script></body></html>
`,
    'main.js': `import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { EDITOR_OPTIONS } from '${join(ROOT, 'src/components/playground/editor-options.ts')}';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
const root = document.querySelector('[data-playground]');
const editor = monaco.editor.create(root.querySelector('[data-input]'), {
  value: decodeURIComponent(location.hash.slice(1)),
  language: 'yaml',
  ...EDITOR_OPTIONS,
  wordWrap: 'off',
});
// The keystroke's "result" is Monaco showing it: the first change to the rendered lines after the
// model's change event. The change event itself is noted as the bench notes the site's hand-off
// to its engine worker.
const lines = root.querySelector('.view-lines');
let runs = 0;
editor.getModel().onDidChangeContent(() => {
  window.__benchPost ??= performance.now();
  const mo = new MutationObserver(() => {
    mo.disconnect();
    root.dataset.pgRuns = String(++runs);
  });
  mo.observe(lines, { childList: true, subtree: true, characterData: true });
});
root.dataset.pgReady = 'true';
`,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(BARE_MONACO, path, '..'), { recursive: true });
    writeFileSync(join(BARE_MONACO, path), text);
  }
  // Modules resolve from the repo's node_modules (Vite builds from real paths; nothing is written there).
  symlinkSync(join(ROOT, 'node_modules'), join(BARE_MONACO, 'node_modules'));
  const { build: viteBuild } = await import('vite');
  const t0 = performance.now();
  await viteBuild({ root: BARE_MONACO, configFile: false, logLevel: 'error', build: { outDir: join(BARE_MONACO, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 10_000 }, worker: { format: 'es' } });
  return (performance.now() - t0) / 1000;
}

/** Collects every request of a browser context (page and workers) and knows when the network is quiet. */
function recordRequests(context) {
  const rec = { finished: [], inFlight: 0, last: Date.now(), on: false };
  context.on('request', () => {
    if (!rec.on) return;
    rec.inFlight++;
    rec.last = Date.now();
  });
  const end = (r, ok) => {
    if (!rec.on) return;
    rec.inFlight = Math.max(0, rec.inFlight - 1);
    rec.last = Date.now();
    if (ok) rec.finished.push(r);
  };
  context.on('requestfinished', (r) => end(r, true));
  context.on('requestfailed', (r) => end(r, false));
  rec.quiet = async (quietMs = 1000, maxMs = 30_000) => {
    const stop = Date.now() + maxMs;
    while (Date.now() < stop && (rec.inFlight > 0 || Date.now() - rec.last < quietMs)) await sleep(100);
  };
  rec.files = async () => {
    const out = [];
    for (const r of rec.finished) {
      const resp = await r.response();
      if (!resp) continue;
      const body = await resp.body().catch(() => Buffer.alloc(0));
      const wire = (await r.sizes()).responseBodySize;
      // Chromium reports no sizes for what a worker fetches (the worker's own script included):
      // those count as the body gzipped here, as astro preview would send it (marked *).
      const gz = !wire && body.length && /gzip/.test(resp.headers()['content-encoding'] ?? 'gzip') && /javascript/.test(resp.headers()['content-type'] ?? 'javascript');
      out.push({ url: `${new URL(r.url()).pathname}${gz ? ' *' : ''}`, size: gz ? gzipSync(body).length : wire, raw: body.length });
    }
    return out;
  };
  return rec;
}

/**
 * The first edit of one pane on a fresh page (empty cache): bytes from the click into the pane
 * until the editor is open, one keystroke has produced a result and the network is quiet (so the
 * workers the editor starts are counted); then keystroke-to-result in the open editor.
 */
async function firstEdit(server, c) {
  await server.ensure();
  const context = await browser.newContext({ viewport: DESKTOP });
  await context.addInitScript(watchEngineWorker);
  const rec = recordRequests(context);
  const page = await context.newPage();
  try {
    await page.goto(server.origin + c.path, { waitUntil: 'networkidle' });
    const root = page.locator('[data-playground]').filter({ has: page.locator(`[data-input="${c.input}"]`) }).first();
    const rootEl = await root.elementHandle();
    await page.waitForFunction((el) => el.dataset.pgReady === 'true', rootEl, { timeout: 10_000 });
    const pane = root.locator(`[data-input="${c.input}"]`);
    const text = await pane.locator('textarea').inputValue();
    const runsBefore = Number((await root.getAttribute('data-pg-runs')) ?? 0);
    rec.on = true;
    const t0 = performance.now();
    await pane.locator('textarea').click();
    await page.waitForFunction((el) => el.dataset.editor === 'monaco', await pane.elementHandle(), { timeout: 60_000 });
    await page.waitForFunction(([el, n]) => Number(el.dataset.pgRuns ?? 0) > n, [rootEl, runsBefore], { timeout: 60_000 });
    await page.keyboard.press('Control+End');
    const first = await keystroke(page, root);
    const readyMs = performance.now() - t0;
    await rec.quiet();
    rec.on = false;
    const files = await rec.files();
    const times = [];
    for (let k = 0; k < EDITOR_KEYSTROKES; k++) times.push(await keystroke(page, root));
    // A space at the end usually leaves the result as it was (the worker answers "unchanged");
    // an "x" typed and deleted again changes it each time (an error appears, then goes).
    const changing = [];
    for (let k = 0; k < EDITOR_KEYSTROKES + 1; k++) changing.push(await keystroke(page, root, k % 2 ? 'Backspace' : 'x'));
    return { ...c, text, files, readyMs, first, times, changing };
  } catch (e) {
    return { ...c, files: [], times: [], error: String(e?.message ?? e).split('\n')[0] };
  } finally {
    await context.close();
  }
}

/** The bare Monaco page: what it loads, and keystroke-to-result with the same text. */
async function bareMonacoKeystrokes(server, text) {
  await server.ensure();
  const context = await browser.newContext({ viewport: DESKTOP });
  const rec = recordRequests(context);
  rec.on = true;
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/#${encodeURIComponent(text)}`, { waitUntil: 'networkidle' });
    const root = page.locator('[data-playground]');
    await page.waitForFunction(() => document.querySelector('[data-playground]')?.dataset.pgReady === 'true', null, { timeout: 60_000 });
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await keystroke(page, root);
    await rec.quiet();
    rec.on = false;
    const files = await rec.files();
    const times = [];
    for (let k = 0; k < EDITOR_KEYSTROKES; k++) times.push(await keystroke(page, root));
    return { files, times };
  } catch (e) {
    return { files: [], times: [], error: String(e?.message ?? e).split('\n')[0] };
  } finally {
    await context.close();
  }
}

async function editorCost(siteServer) {
  const bareSeconds = await buildBareMonaco();
  const bareServer = await previewOf(BARE_MONACO, join(BARE_MONACO, 'dist'));
  const load = loadavg()[0].toFixed(2);
  // The bare page is typed into after the first pane and again after the last, so a change in
  // the machine's load during the run weighs on both sides alike.
  const edits = [];
  const bareRuns = [];
  for (const c of FIRST_EDITS) {
    progress(`first edit: ${c.path} ${c.input}`);
    edits.push(await firstEdit(siteServer, c));
    if (edits.length === 1 || edits.length === FIRST_EDITS.length) {
      progress('keystrokes: bare Monaco');
      bareRuns.push(await bareMonacoKeystrokes(bareServer, edits[0].text ?? ''));
    }
  }
  const bare = { files: bareRuns[0].files, times: bareRuns.flatMap((b) => b.times), error: bareRuns.find((b) => b.error)?.error };
  bareServer.stop();

  const sum = (files, key) => files.reduce((a, f) => a + f[key], 0);
  const totals = (m) => m.times.filter(Boolean).map((t) => t.total);
  const fmt = (ms) => (ms == null || Number.isNaN(ms) ? '–' : ms.toFixed(1));
  console.log(`## Editor cost (load average at the start: ${load}; bare Monaco page built by Vite in ${bareSeconds.toFixed(1)} s)\n`);
  console.log(`First edit: everything downloaded from the first click into a pane (fresh page, empty cache) until the editor is open,`);
  console.log(`one keystroke has produced a result and the network has been quiet for 1 s (the workers the editor starts included).`);
  console.log(`KB = 1,024 bytes on the wire (gzip from astro preview). Goal: ≤ ${FIRST_EDIT_GOAL_KB} KB.\n`);
  table(
    ['Pane', 'Requests', 'KB on the wire', 'KB decoded', 'Goal', 'Click to result (ms)', 'Note'],
    edits.map((m) => [
      `${m.path} ${m.input} (${m.what})`,
      m.files.length,
      kb(sum(m.files, 'size')),
      kb(sum(m.files, 'raw')),
      m.error ? '–' : sum(m.files, 'size') / 1024 <= FIRST_EDIT_GOAL_KB ? 'met' : 'over',
      m.error ? '–' : m.readyMs.toFixed(0),
      m.error ? `error: ${m.error.slice(0, 60)}` : '',
    ]),
  );
  const heaviest = edits.reduce((a, b) => (sum(b.files, 'size') > sum(a.files, 'size') ? b : a));
  console.log(`\nFirst-edit bytes: ${kb(sum(heaviest.files, 'size'))} KB gzipped at most (${heaviest.path} ${heaviest.input}); goal ≤ ${FIRST_EDIT_GOAL_KB} KB. Its requests:`);
  for (const f of [...heaviest.files].sort((a, b) => b.size - a.size)) console.log(`  ${f.url}  ${kb(f.size)} KB (${kb(f.raw)} KB decoded)`);
  if (heaviest.files.some((f) => f.url.endsWith(' *'))) console.log(`  (* fetched by a worker: Chromium reports no wire size, so the body was gzipped by the bench at the default level)`);
  console.log(`For comparison, the bare Monaco page (Monaco as it ships, YAML highlighting) downloads ${kb(sum(bare.files, 'size'))} KB (${kb(sum(bare.files, 'raw'))} KB decoded).\n`);

  console.log(`Keystroke to result in the open editor (a space typed at the end, median of ${EDITOR_KEYSTROKES}; and an "x" typed at the end and deleted`);
  console.log(`again, which changes the result each time, median of ${EDITOR_KEYSTROKES + 1}), against the bare Monaco page holding`);
  console.log(`the text of the first pane, whose "result" is Monaco showing the keystroke (median of ${bare.times.length} keystrokes, typed after the`);
  console.log(`first pane and after the last). Goal: overhead ≤ ${OVERHEAD_GOAL_MS} ms at the median.\n`);
  const befores = (m) => m.times.filter((t) => t && t.before != null).map((t) => t.before);
  const bareMedian = median(totals(bare));
  const bareChange = median(befores(bare));
  table(
    ['Pane', 'Ours median', 'Bare Monaco median', 'Overhead', 'Goal', 'Ours: to the engine', 'Bare: to the change event', 'Overhead', 'Ours, result changes', 'Its overhead'],
    edits.map((m) => {
      const ours = median(totals(m));
      const before = median(befores(m));
      const changing = median(totals({ times: m.changing ?? [] }));
      return [`${m.path} ${m.input}`, fmt(ours), fmt(bareMedian), fmt(ours - bareMedian), ours - bareMedian <= OVERHEAD_GOAL_MS ? 'met' : 'over', fmt(before), fmt(bareChange), fmt(before - bareChange), fmt(changing), fmt(changing - bareMedian)];
    }),
  );
  if (bare.error) console.log(`bare Monaco page: error: ${bare.error}`);
  console.log(`\nOurs: keydown to the result's update. Bare: keydown to Monaco's rendered lines showing the keystroke.`);
  console.log(`"Ours: to the engine": keydown until the run is handed to the engine worker (Monaco and the controller on the main thread),`);
  console.log(`against bare Monaco's keydown to its model's change event; the rest of ours is the engine and the result's rendering.\n`);
}

// ---- main --------------------------------------------------------------------------------------

async function main() {
  const t0 = performance.now();
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  console.log(`# Benchmark, ${date} UTC — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}\n`);

  // 1. Build time
  let waited = 0;
  while (otherBuilds().length && waited < 300) {
    if (waited === 0) console.log(`Waiting for another astro build in this repo (pid ${otherBuilds().join(', ')}) to finish…`);
    await sleep(2000);
    waited += 2;
  }
  const load = loadavg()[0].toFixed(2);
  const site = await build(ROOT, OUT);
  if (EDITOR_ONLY) {
    console.log(`Site built in ${site.seconds.toFixed(1)} s (${site.pages} pages; 1-minute load average before the build: ${load}). BENCH_ONLY=editor: part 4 only.\n`);
    const siteServer = await previewOf(ROOT, OUT);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    await editorCost(siteServer);
    siteServer.stop();
    console.log(`Total bench time: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    return;
  }
  writeBareProject();
  const bare = await build(BARE, join(BARE, 'dist'));
  console.log('## Build time (astro build, one run)\n');
  table(['Project', 'Pages', 'Seconds'], [
    ['this site', site.pages, site.seconds.toFixed(1)],
    ['bare Starlight (index, page, 404)', bare.pages, bare.seconds.toFixed(1)],
  ]);
  console.log(`(1-minute load average before the build: ${load})\n`);

  // 2. Page weight
  const [siteServer, bareServer] = await Promise.all([previewOf(ROOT, OUT), previewOf(BARE, join(BARE, 'dist'))]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

  const bareRows = [];
  for (const p of pagesOf(join(BARE, 'dist'))) bareRows.push(await weigh(bareServer, p));
  const ref = bareRows.find((r) => r.path === '/page/') ?? bareRows[0];
  const siteRows = [];
  for (const p of pagesOf(OUT)) {
    progress(`weighing ${p}`);
    siteRows.push(await weigh(siteServer, p));
  }

  const encodings = [...new Set(siteRows.flatMap((r) => [...r.encodings]))].join(', ');
  console.log(`## Transferred before interaction (page loaded, network idle, empty cache)\n`);
  console.log(`KB = 1,024 bytes on the wire from astro preview (content encodings seen: ${encodings}); "raw" = JS after decoding.`);
  console.log(`Budget: bare Starlight + ${JS_BUDGET_KB} KB of JavaScript. Δ is against the bare /page/ (${kb(ref.js)} KB JS on the wire, ${kb(ref.jsRaw)} KB raw).\n`);
  const signed = (n) => `${n >= 0 ? '+' : ''}${kb(n)}`;
  const row = (r, label) => {
    const d = r.js - ref.js;
    return [label, r.requests, kb(r.js), kb(r.css), kb(r.html), kb(r.other), `${signed(d)}${d / 1024 > JS_BUDGET_KB ? ' OVER' : ''}`, kb(r.jsRaw), signed(r.jsRaw - ref.jsRaw), r.playgrounds];
  };
  table(
    ['Page', 'Requests', 'JS KB', 'CSS KB', 'HTML KB', 'Other KB', 'JS Δ KB', 'JS raw KB', 'JS raw Δ KB', 'Playgrounds'],
    [...bareRows.map((r) => row(r, `[bare] ${r.path}`)), ...siteRows.map((r) => row(r, r.path))],
  );
  const foreign = [...new Set([...siteRows, ...bareRows].flatMap((r) => r.foreign.map((h) => `${r.path} → ${h}`)))];
  console.log(`\nRequests to another host: ${foreign.length ? foreign.join('; ') : 'none'}`);
  const maxJs = siteRows.reduce((a, b) => (b.js > a.js ? b : a));
  console.log(`Most JS: ${maxJs.path} (${kb(maxJs.js)} KB, Δ +${kb(maxJs.js - ref.js)} KB). Its scripts:`);
  for (const f of [...maxJs.files].sort((a, b) => b.size - a.size)) console.log(`  ${f.url}  ${kb(f.size)} KB (${kb(f.raw)} KB raw)`);
  console.log('');

  // 3. Keystroke to result
  // Guide pages first, then the tool pages, then the exercises, so a slow machine that runs out
  // of the phase's time budget still measures the guide.
  const group = (p) => (p.startsWith('/exercises/') ? 2 : p.startsWith('/tools/') ? 1 : 0);
  const withPlaygrounds = siteRows.filter((r) => r.playgrounds > 0).map((r) => r.path).sort((a, b) => group(a) - group(b) || a.localeCompare(b));
  const measured = {};
  const skipped = [];
  const phaseEnd = Date.now() + KEYSTROKE_PHASE_MS;
  const keyLoad = loadavg()[0].toFixed(2);
  for (const [label, viewport, wide] of [['desktop', DESKTOP, true], ['phone', PHONE, false]]) {
    const context = await browser.newContext({ viewport });
    await context.addInitScript(watchEngineWorker);
    for (const p of withPlaygrounds) {
      // The phone pass gets the time the desktop pass left, but at least a third of the budget.
      const end = label === 'desktop' ? phaseEnd - KEYSTROKE_PHASE_MS / 3 : Math.max(phaseEnd, Date.now() + KEYSTROKE_PHASE_MS / 3);
      if (Date.now() > end) {
        skipped.push(`${label} ${p}`);
        continue;
      }
      progress(`keystrokes, ${label}: ${p}`);
      for (const r of await typePage(context, siteServer, p, wide)) {
        const key = `${r.path} ${r.id}`;
        measured[key] ??= { path: r.path, id: r.id };
        measured[key][label] = r;
      }
    }
    await context.close();
  }
  bareServer.stop();
  if (siteServer.restarts + bareServer.restarts) console.log(`(the preview servers had to be restarted ${siteServer.restarts + bareServer.restarts} time(s) during the run)\n`);

  console.log(`## Keystroke to result (ms from keydown to the result's update; median of ${KEYSTROKES}; first ${PLAYGROUNDS_PER_PAGE} playgrounds per page)\n`);
  console.log(`Desktop ${DESKTOP.width} px: Monaco (the engine already ran once when the editor opened). Phone ${PHONE.width} px: textarea; "1st" is the first keystroke, which also starts the engine worker.`);
  console.log(`The engine runs right after each edit (edits during a run are coalesced into one follow-up run). Load average at the start: ${keyLoad}.\n`);
  const fmt = (ms) => (ms == null || Number.isNaN(ms) ? '–' : ms.toFixed(1));
  const ok = (x) => x && !x.error && x.times.some((t) => t);
  const med = (x, part) => (ok(x) ? median(x.times.filter((t) => t && t[part] != null).map((t) => t[part])) : NaN);
  const maxOf = (x) => (ok(x) ? Math.max(...x.times.filter(Boolean).map((t) => t.total)) : NaN);
  const status = (x) => (!x ? 'not measured' : x.error ? `error: ${x.error.slice(0, 60)}` : x.times.some((t) => !t) ? `${x.times.filter((t) => !t).length} timed out` : '');
  const all = Object.values(measured);
  table(
    ['Playground', 'Desktop median', '…before engine', 'Desktop max', 'Phone median', '…before engine', 'Phone 1st', 'Phone max', 'Note'],
    all.map((m) => [
      `${m.path} ${m.id}`,
      fmt(med(m.desktop, 'total')),
      fmt(med(m.desktop, 'before')),
      fmt(maxOf(m.desktop)),
      fmt(med(m.phone, 'total')),
      fmt(med(m.phone, 'before')),
      fmt(ok(m.phone) ? m.phone.times[0]?.total : NaN),
      fmt(maxOf(m.phone)),
      [status(m.desktop) && `desktop ${status(m.desktop)}`, status(m.phone) && `phone ${status(m.phone)}`].filter(Boolean).join('; '),
    ]),
  );
  console.log(`\n"…before engine": median ms from keydown until the run is handed to the engine worker (main thread: editor and event handling).`);
  for (const v of ['desktop', 'phone']) {
    const over = all.filter((m) => med(m[v], 'total') > 16);
    const n = all.filter((m) => ok(m[v])).length;
    const worst = all.filter((m) => ok(m[v])).sort((a, b) => med(b[v], 'total') - med(a[v], 'total'))[0];
    console.log(`${v}: ${over.length} of ${n} playgrounds over one 60 Hz frame (16 ms) at the median${over.length && over.length < n ? `: ${over.map((m) => `${m.path} ${m.id}`).join(', ')}` : ''}; slowest ${worst ? `${worst.path} ${worst.id} (${fmt(med(worst[v], 'total'))} ms)` : '–'}.`);
  }
  if (skipped.length) console.log(`Not measured (phase time budget of ${KEYSTROKE_PHASE_MS / 60000} min used up): ${skipped.join(', ')}`);
  console.log('');

  // 4. Editor cost
  await editorCost(siteServer);
  await browser.close();
  browser = undefined;
  siteServer.stop();

  // 5. Engine throughput
  console.log(`## Engine throughput on large inputs (npx vitest bench --run tests/bench/; load average ${loadavg()[0].toFixed(2)})\n`);
  const v = await run('npx', ['vitest', 'bench', '--run', 'tests/bench/'], { env: { FORCE_COLOR: '0', NO_COLOR: '1' } });
  const lines = stripAnsi(v.out)
    .split('\n')
    .filter((l) => !/^npm warn|Benchmarking is an experimental|Breaking changes might not follow|^\s*RUN\s|^stdout \|/.test(l));
  console.log(lines.join('\n').replace(/\n{3,}/g, '\n\n').trim());
  if (v.code !== 0) console.log(`\n(vitest bench exited with code ${v.code})`);

  console.log(`\nTotal bench time: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  cleanup();
}
