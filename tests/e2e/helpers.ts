/**
 * Shared browser-test helpers. Playgrounds expose stable hooks: the root carries
 * data-playground="<tool>" and data-pg-id="<id>", each pane data-input="<name>", the result
 * region data-result. Runbook automation may rely on the same hooks.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import axeCore from 'axe-core';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const playground = (page: Page, id: string): Locator => page.locator(`[data-pg-id="${id}"]`);

/**
 * Replaces a pane's text as a reader pasting it would: click the pane, select all, paste.
 * (Typing would let Monaco auto-indent YAML; a paste inserts the text exactly.)
 */
export async function setInput(root: Locator, name: string, text: string): Promise<void> {
  const pane = root.locator(`[data-input="${name}"]`);
  const page = root.page();
  const wide = (page.viewportSize()?.width ?? 1280) >= 800;
  if (!wide) {
    await pane.locator('textarea').fill(text);
    return;
  }
  // Click the editing area itself: on short panes the middle of the pane may be its hint.
  await pane.locator('[data-pg-host]').click();
  await expect(pane).toHaveAttribute('data-editor', 'monaco', { timeout: 15_000 });
  await expect(pane.locator('.monaco-editor textarea')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

export async function runs(root: Locator): Promise<number> {
  return Number((await root.getAttribute('data-pg-runs')) ?? 0);
}

/** Every page the build produced, as site paths ("/", "/basics/ip-address-basics/"). */
export function builtPages(): string[] {
  const dist = join(process.cwd(), 'dist');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) {
        if (f !== '_astro' && f !== 'pagefind') walk(p);
      } else if (f === 'index.html') out.push(`/${relative(dist, dir).split('\\').join('/')}${relative(dist, dir) ? '/' : ''}`);
    }
  };
  walk(dist);
  return out.sort();
}

export const readDist = (path: string): string => readFileSync(join(process.cwd(), 'dist', path), 'utf8');

/** Collects console errors and requests to other hosts while a page is used. */
export function watch(page: Page, baseURL: string): { errors: string[]; foreign: string[] } {
  const errors: string[] = [];
  const foreign: string[] = [];
  const origin = new URL(baseURL).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  return { errors, foreign };
}

/** WCAG 2.0 and 2.1 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe as this site is checked: the default rules (WCAG and best practices) plus every
 * experimental rule tagged WCAG 2.1 A/AA (axe leaves those out unless asked), such as
 * label-content-name-mismatch.
 */
export function axe(page: Page): AxeBuilder {
  const experimental = axeCore.getRules(WCAG_TAGS).filter((r) => r.tags.includes('experimental'));
  return new AxeBuilder({ page }).options({ rules: Object.fromEntries(experimental.map((r) => [r.ruleId, { enabled: true }])) });
}

/**
 * Every text of an SVG picture as a reader sees it: its words, its height on screen, its right
 * edge, and its contrast against the page background (WCAG relative luminance).
 */
export async function svgTexts(svg: Locator): Promise<{ text: string; px: number; right: number; contrast: number }[]> {
  return svg.evaluate((e) => {
    const lum = (c: string) => {
      const [r, g, b] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
        const x = Number(v) / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const bg = lum(getComputedStyle(document.body).backgroundColor);
    return [...e.querySelectorAll('text')].map((t) => {
      const fg = lum(getComputedStyle(t).fill);
      const [hi, lo] = fg > bg ? [fg, bg] : [bg, fg];
      const r = t.getBoundingClientRect();
      return { text: t.textContent ?? '', px: r.height, right: r.right, contrast: (hi + 0.05) / (lo + 0.05) };
    });
  });
}
