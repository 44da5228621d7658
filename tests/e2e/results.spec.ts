/**
 * What the reader sees of a result (issue 16, items 2, 3, 5): errors in the headline, one
 * error count, findings that move the cursor, JSON wording, counts in English, wide tables
 * in their own scroll box, and the pictures. Each check is made at desktop and phone sizes.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { playground, setInput, svgTexts } from './helpers';

const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

/** The netpol tool's example policies with one line of policy 2 indented one space less. */
async function slipPolicy2(page: Page): Promise<{ text: string; line: number }> {
  const original = await page.locator('[data-input="policies"] textarea').inputValue();
  const lines = original.split('\n');
  const index = lines.findIndex((l, i) => i > 20 && l === '      podSelector:');
  expect(index).toBeGreaterThan(0);
  lines[index] = '     podSelector:';
  return { text: lines.join('\n'), line: index + 1 };
}

/** Colour of an element, as rgb(). */
const colour = (l: Locator) => l.evaluate((e) => getComputedStyle(e).color);

for (const size of SIZES) {
  test.describe(`${size.name} ${size.viewport.width}×${size.viewport.height}`, () => {
    test.use({ viewport: size.viewport });
    test.setTimeout(120_000);

    test('a YAML slip that drops policy 2 is said first, in red, with the count Findings gives', async ({ page }) => {
      await page.goto('/tools/netpol/');
      const root = playground(page, 'tool');
      const { text } = await slipPolicy2(page);
      await setInput(root, 'policies', text);
      const head = root.locator('.pg-summary .pg-headline-errors');
      await expect(head).toBeVisible({ timeout: 30_000 });
      const headText = (await head.textContent())!;
      expect(headText).toMatch(/^(\d+) errors? — NetworkPolicies document 2 not read, line \d+\.$/);
      const n = Number(/^(\d+)/.exec(headText)![1]);
      // The summary starts with the errors, then says the verdict lacks policy 2.
      const summary = (await root.locator('.pg-summary').textContent())!;
      expect(summary.startsWith(headText)).toBe(true);
      expect(summary).toMatch(/Computed without NetworkPolicies document 2: /);
      // Red, bold, and the first line of the result: nothing of the result sits above it.
      const deny = await root.evaluate((e) => getComputedStyle(e).getPropertyValue('--pg-deny').trim());
      const rgb = await page.evaluate((c) => {
        const d = document.createElement('div');
        d.style.color = c;
        document.body.append(d);
        const out = getComputedStyle(d).color;
        d.remove();
        return out;
      }, deny);
      expect(await colour(head)).toBe(rgb);
      const headBox = (await head.boundingBox())!;
      const resultBox = (await root.locator('[data-result]').boundingBox())!;
      expect(headBox.y - resultBox.y).toBeLessThan(40);
      // Findings counts the same errors.
      await expect(root.locator('.pg-diagnostics h4, .pg-diagnostics h3, .pg-diagnostics h5').first()).toContainText(`Findings: ${n} error${n === 1 ? '' : 's'}`);
    });

    test('clicking a finding puts the cursor on its line and column', async ({ page }) => {
      await page.goto('/tools/netpol/');
      const root = playground(page, 'tool');
      const { text, line } = await slipPolicy2(page);
      await setInput(root, 'policies', text);
      const head = root.locator('.pg-summary .pg-headline-errors');
      await expect(head).toBeVisible({ timeout: 30_000 });
      const column = Number(await head.getAttribute('data-goto-column'));
      expect(await head.getAttribute('data-goto-line')).toBe(String(line));
      await head.click();
      const pane = root.locator('[data-input="policies"]');
      if (size.viewport.width >= 800) {
        // Monaco: type a marker where the cursor is, and find it on the clicked line.
        await expect(pane.locator('.monaco-editor textarea')).toBeFocused();
        await page.keyboard.type('QQ');
        const lineText = await pane.locator('.view-line').filter({ hasText: 'QQ' }).textContent();
        expect(lineText!.replace(/\u00a0/g, ' ')).toBe(`${text.split('\n')[line - 1]!.slice(0, column - 1)}QQ${text.split('\n')[line - 1]!.slice(column - 1)}`);
        const cursor = (await pane.locator('.monaco-editor .cursor').first().boundingBox())!;
        expect(cursor.y).toBeGreaterThanOrEqual(0);
        expect(cursor.y).toBeLessThan(size.viewport.height);
      } else {
        const ta = pane.locator('textarea');
        await expect(ta).toBeFocused();
        const { start, value } = await ta.evaluate((e: HTMLTextAreaElement) => ({ start: e.selectionStart, value: e.value }));
        const before = value.slice(0, start).split('\n');
        expect(before.length).toBe(line);
        expect(before.at(-1)!.length + 1).toBe(column);
        const box = (await ta.boundingBox())!;
        expect(box.y + box.height).toBeGreaterThan(0);
        expect(box.y).toBeLessThan(size.viewport.height);
      }
    });

    test('a JSON pane says "JSON syntax error", never YAML', async ({ page }) => {
      await page.goto('/tools/nsg/');
      const root = playground(page, 'tool');
      await setInput(root, 'nsgs', '[{"name": "allow-https",, "priority": 100}]');
      const head = root.locator('.pg-summary .pg-headline-errors');
      await expect(head).toHaveText(/^1 error — NSG rules \(JSON\) not read, line 1\.$/, { timeout: 30_000 });
      await expect(root.locator('.pg-diagnostics')).toContainText('JSON syntax error');
      expect(await root.locator('[data-result]').textContent()).not.toMatch(/YAML/);
    });

    test('counts read as English: a /32 has "1 address"', async ({ page }) => {
      await page.goto('/tools/cidr/?cidr=10.0.0.5/32&prefix=');
      const summary = playground(page, 'tool').locator('.pg-summary');
      await expect(summary).toHaveText(/^10\.0\.0\.5\/32: 1 address\b/, { timeout: 30_000 });
      await expect(summary).toBeVisible();
    });
  });

  test.describe(`${size.name}: wide tables`, () => {
    test.use({ viewport: size.viewport });
    test.setTimeout(120_000);

    const TABLES = [
      { path: '/tools/nsg/', caption: /inbound rules/, verdict: 'Result', last: 'Protocol' },
      { path: '/tools/cidr/', caption: /ranges?$/, verdict: 'Usable in an Azure subnet', last: 'Mask' },
      { path: '/tools/ip-planner/', caption: /Addresses each range must hold/, verdict: 'Verdict', last: 'How it is counted' },
      { path: '/plugins/ip-planning/', caption: /Addresses each range must hold/, verdict: 'Verdict', last: 'How it is counted' },
    ];
    for (const t of TABLES) {
      test(`${t.path}: the table scrolls in its own box, name and ${t.verdict} in view`, async ({ page }) => {
        await page.goto(t.path);
        const box = page.locator('.pg-scroll').filter({ has: page.locator('caption', { hasText: t.caption }) }).first();
        await box.scrollIntoViewIfNeeded();
        await expect(box).toBeVisible();
        // The page itself never scrolls sideways; the box stays inside the result.
        const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(pageWidth).toBeLessThanOrEqual(size.viewport.width);
        const boxRect = (await box.boundingBox())!;
        const result = (await box.locator('xpath=ancestor::*[@data-result]').boundingBox())!;
        expect(boxRect.x).toBeGreaterThanOrEqual(result.x - 1);
        expect(boxRect.x + boxRect.width).toBeLessThanOrEqual(result.x + result.width + 1);
        // The row name and the verdict are the first two columns, both fully on screen.
        const heads = box.locator('thead th');
        await expect(heads.nth(1)).toHaveText(t.verdict);
        for (const i of [0, 1]) {
          const r = (await heads.nth(i).boundingBox())!;
          expect(r.x).toBeGreaterThanOrEqual(boxRect.x - 1);
          expect(r.x + r.width).toBeLessThanOrEqual(Math.min(boxRect.x + boxRect.width, size.viewport.width) + 1);
        }
        const firstCell = box.locator('tbody tr').first().locator(':scope > *').first();
        expect(await firstCell.evaluate((e) => getComputedStyle(e).position)).toBe('sticky');
        const nameBox = (await firstCell.boundingBox())!;
        const nameX = nameBox.x;
        // Wide enough to read a rule name or a range: its text takes at most three lines (not a letter per line).
        const lines = await firstCell.evaluate((e) => {
          const r = document.createRange();
          r.selectNodeContents(e.firstChild ?? e);
          return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
        });
        expect(lines).toBeGreaterThan(0);
        expect(lines).toBeLessThanOrEqual(3);
        expect(nameBox.width).toBeGreaterThanOrEqual(60);
        // Scrolled to its end, the box shows the last column and keeps the name column in place.
        const scrollable = await box.evaluate((e) => e.scrollWidth > e.clientWidth);
        await box.evaluate((e) => (e.scrollLeft = e.scrollWidth));
        const lastHead = (await heads.filter({ hasText: t.last }).boundingBox())!;
        expect(lastHead.x + lastHead.width).toBeLessThanOrEqual(boxRect.x + boxRect.width + 1);
        expect(Math.abs((await firstCell.boundingBox())!.x - nameX)).toBeLessThan(1);
        if (size.viewport.width < 500) expect(scrollable).toBe(true);
        // The box is a labelled group a keyboard can reach (not a landmark: names may repeat on a page).
        await expect(box).toHaveAttribute('role', 'group');
        await expect(box).toHaveAttribute('tabindex', '0');
        expect(await box.getAttribute('aria-label')).toMatch(t.caption);
      });
    }
  });

  test.describe(`${size.name}: pictures`, () => {
    test.use({ viewport: size.viewport });
    test.setTimeout(120_000);

    const PICTURES = [
      { path: '/network-policies/network-policies/', ids: ['np-isolation', 'np-both-sides', 'np-and-or'] },
      { path: '/nsg-egress/egress/', ids: ['eg-outbound'] },
      { path: '/plugins/dual-stack/', ids: ['ds-addresses'] },
      { path: '/plugins/ip-planning/', ids: ['ip-plugins'] },
    ];
    for (const p of PICTURES) {
      for (const theme of ['light', 'dark']) {
        test(`${p.path} (${theme}): its pictures are on screen, named, and their text readable`, async ({ page }) => {
          await page.emulateMedia({ colorScheme: theme as 'light' | 'dark' });
          await page.goto(p.path);
          await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
          for (const id of p.ids) {
            const fig = page.locator(`figure[data-diagram="${id}"]`);
            await fig.scrollIntoViewIfNeeded();
            await expect(fig).toBeVisible();
            const svg = fig.locator('svg');
            await expect(svg).toHaveAttribute('role', 'img');
            // The accessible name is the title; the description says everything in words.
            expect((await svg.evaluate((e) => e.querySelector('title')?.textContent ?? '')).length).toBeGreaterThan(40);
            expect((await svg.evaluate((e) => e.querySelector('desc')?.textContent ?? '')).length).toBeGreaterThan(80);
            await expect(fig.locator('figcaption')).toBeVisible();
            const box = (await svg.boundingBox())!;
            expect(box.x).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width).toBeLessThanOrEqual(size.viewport.width);
            // Every text at least 11 px on screen, and in contrast with the page (4.5:1 for small text).
            const texts = await svgTexts(svg);
            expect(texts.length).toBeGreaterThan(5);
            for (const t of texts) {
              expect(t.px, `${id}: "${t.text}"`).toBeGreaterThanOrEqual(11);
              expect(t.contrast, `${id}: "${t.text}"`).toBeGreaterThanOrEqual(4.5);
            }
          }
          await page.screenshot({ path: `test-results/pictures-${p.ids[0]}-${size.name}-${theme}.png` });
        });
      }
    }

    test('pictures are in the page without JavaScript', async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: size.viewport });
      const page = await context.newPage();
      await page.goto('/network-policies/network-policies/');
      await expect(page.locator('figure[data-diagram="np-and-or"] svg')).toBeVisible();
      await context.close();
    });

    test('the address-space chart: labels readable, no range a sliver', async ({ page }) => {
      await page.goto('/tools/ip-planner/');
      const svg = page.locator('[data-result] svg.pg-diagram:visible').first();
      await svg.scrollIntoViewIfNeeded();
      await expect(svg).toBeVisible();
      // The drawing made for the result's width (not the window's: tool pages put the result beside the editor) is the one shown.
      const resultWidth = await page.locator('[data-result] .pg-view').first().evaluate((e) => e.clientWidth);
      await expect(svg).toHaveAttribute('data-layout', resultWidth <= 512 ? 'narrow' : 'wide');
      const rects = await svg.evaluate((e) => [...e.querySelectorAll('rect[data-range]')].map((r) => ({ cidr: r.getAttribute('data-cidr'), w: r.getBoundingClientRect().width })));
      expect(rects.length).toBeGreaterThan(2);
      for (const r of rects) expect(r.w, r.cidr!).toBeGreaterThanOrEqual(12);
      const texts = await svg.evaluate((e) => [...e.querySelectorAll('text')].map((t) => ({ text: t.textContent, px: t.getBoundingClientRect().height })));
      for (const t of texts) expect(t.px, t.text!).toBeGreaterThanOrEqual(11);
      // Widened parts are marked: a dotted axis, and the caption says it is not to scale there.
      if (await svg.locator('[data-widened="true"]').count()) {
        await expect(page.locator('[data-result] figcaption').first()).toContainText('not to scale');
      }
    });

    test('the API access result reads like the others: verdict, a details table, a picture in its box', async ({ page }) => {
      await page.goto('/tools/api-access/');
      const result = playground(page, 'tool').locator('[data-result]');
      await expect(result.locator('.pg-verdict')).toHaveText(/Reachable/);
      const table = result.locator('.pg-scroll > table.pg-table');
      await expect(table).toBeVisible();
      await expect(table.locator('th[scope="row"]').first()).toHaveText('Endpoint');
      await expect(table).toContainText(/1 range; matched/);
      const fig = result.locator('.pg-figure-scroll');
      const box = (await fig.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(size.viewport.width);
      const text = (await fig.locator('svg text').first().boundingBox())!;
      expect(text.height).toBeGreaterThanOrEqual(11);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
    });
  });
}
