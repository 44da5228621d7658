/**
 * Cited facts as a reader sees them: the "Facts checked on" line, a fact's source link with
 * its check date, and the Retirements and changes timeline (a build-time SVG, readable without
 * JavaScript, in light and dark, on a phone) with its text equivalent.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test.setTimeout(120_000);

test('a guide page says when its facts were checked, and each fact links its source', async ({ page }) => {
  await page.goto('/plugins/network-plugins/');
  const line = page.locator('.facts-checked');
  await expect(line).toBeVisible();
  await expect(line).toContainText(/^Facts checked on 30 November 2026 \(the oldest check of the \d+ cited facts on this page/);
  await expect(line.locator('time')).toHaveAttribute('datetime', '2026-11-30');
  // the line sits above the first heading of the content
  const lineBox = (await line.boundingBox())!;
  const h2Box = (await page.locator('.sl-markdown-content h2').first().boundingBox())!;
  expect(lineBox.y).toBeLessThan(h2Box.y);
  const fact = page.locator('[data-fact="kubenet-max-nodes"]').first();
  await expect(fact).toBeVisible();
  await expect(fact).toContainText('400');
  const link = fact.locator('a.fact-source');
  await expect(link).toHaveAttribute('href', 'https://learn.microsoft.com/azure/aks/configure-kubenet');
  await expect(link).toHaveAccessibleName(/^source: learn\.microsoft\.com, checked 30 November 2026$/);
  await expect(link).toHaveAttribute('title', /400 routes.*checked 30 November 2026/);
});

for (const scheme of ['light', 'dark'] as const) {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    test(`the timeline is drawn without JavaScript and readable (${scheme}, ${viewport.width}px)`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: scheme, viewport });
      const page = await context.newPage();
      await page.goto('/changes/retirements-and-changes/');
      const svg = page.locator('.changes-timeline svg');
      await expect(svg).toBeVisible();
      const box = (await svg.boundingBox())!;
      expect(box.width).toBeGreaterThan(Math.min(330, viewport.width - 60));
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      // no sideways scrolling on a phone
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      // label text is large enough to read and does not run past the picture
      const label = svg.locator('text.label', { hasText: 'kubenet retired' });
      const lb = (await label.boundingBox())!;
      expect(lb.height).toBeGreaterThan(viewport.width < 500 ? 10 : 13);
      expect(lb.x + lb.width).toBeLessThanOrEqual(box.x + box.width + 1);
      // the text differs from the background in both themes
      const [fill, bg] = await label.evaluate((el) => [getComputedStyle(el).fill, getComputedStyle(document.body).backgroundColor]);
      expect(fill).not.toBe(bg);
      // each row links the section it affects; the table says the same in words
      await expect(svg.locator('a[href$="/plugins/network-plugins/#kubenet-basic-networking"]')).toHaveCount(1);
      const rows = page.locator('table.changes-table tbody tr');
      await expect(rows).toHaveCount(16);
      await expect(rows.filter({ hasText: 'kubenet retired' })).toContainText('31 March 2028');
      await expect(page.locator('.facts-checked')).toContainText('Facts checked on 30 November 2026');
      await page.screenshot({ path: `test-results/timeline-${scheme}-${viewport.width}.png`, fullPage: false });
      await context.close();
    });
  }
}

test('the Retirements and changes page is axe-clean in light and dark', async ({ page }) => {
  await page.goto('/changes/retirements-and-changes/');
  await page.waitForLoadState('networkidle');
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `dark ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
