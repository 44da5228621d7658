/**
 * Issue 16 item 4: on guide pages the secondary parts of a result and the example cluster
 * pane are folded, so the page reads as prose; on the tool's own page they are open. What
 * is checked is what a reader sees: folded content has no box on screen, open content does.
 */
import { expect, test } from '@playwright/test';
import { playground, runs, setInput } from './helpers';

const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use({ viewport: size.viewport });
    test.setTimeout(120_000);

    test('guide page: the answer is shown, secondary parts and the example cluster are folded', async ({ page }) => {
      await page.goto('/network-policies/network-policies/');
      const pg = playground(page, 'egress-dns');
      await pg.scrollIntoViewIfNeeded();
      const result = pg.locator('[data-result]');
      // The first connection's walkthrough and the first port's grid are the answer: visible.
      await expect(result.locator('details[open] ol').first()).toBeVisible();
      await expect(result.locator('table.pg-grid').first()).toBeVisible();
      // The rest: a visible one-line summary each, the content itself not on screen.
      const policies = result.locator('details[data-secondary="policies-by-target"]');
      await expect(policies.locator('summary')).toBeVisible();
      await expect(policies.locator('summary')).toContainText(/Policies by target \(1 target, \d+ rows?\)/);
      await expect(policies.locator('table')).toBeHidden();
      const port53 = result.locator('details[data-secondary="matrix-53/UDP"]');
      await expect(port53.locator('summary')).toHaveText(/Port 53\/UDP — \d+ of \d+ allowed/);
      await expect(port53.locator('table')).toBeHidden();
      // The cluster pane holds the example: folded to a line that says so.
      const fold = pg.locator('details[data-pg-fold="cluster"]');
      await expect(fold.locator('summary')).toContainText('the example cluster');
      await expect(fold.locator('textarea')).toBeHidden();
      await fold.locator('summary').click();
      await expect(fold.locator('textarea')).toBeVisible();
    });

    test('tool page: every secondary part is open', async ({ page }) => {
      await page.goto('/tools/netpol/');
      const result = playground(page, 'tool').locator('[data-result]');
      const policies = result.locator('details[data-secondary="policies-by-target"]');
      await expect(policies).toHaveAttribute('open', '');
      await policies.locator('table').scrollIntoViewIfNeeded();
      await expect(policies.locator('table')).toBeVisible();
      await expect(page.locator('details[data-pg-fold]')).toHaveCount(0);
      await expect(playground(page, 'tool').locator('[data-input="cluster"] textarea, [data-input="cluster"] .monaco-editor').first()).toBeVisible();
    });
  });
}

test('a part the reader opened stays open while they type', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/network-policies/network-policies/');
  const pg = playground(page, 'egress-dns');
  await pg.scrollIntoViewIfNeeded();
  const result = pg.locator('[data-result]');
  await result.locator('details[data-secondary="policies-by-target"] summary').click();
  await expect(result.locator('details[data-secondary="policies-by-target"] table')).toBeVisible();
  const before = await runs(pg);
  await setInput(pg, 'query', 'frontend/web -> backend/api:8080\nports: 8080, 53/UDP');
  await expect.poll(() => runs(pg), { timeout: 30_000 }).toBeGreaterThan(before);
  await expect(result.locator('details[data-secondary="policies-by-target"] table')).toBeVisible();
  // Parts the reader did not touch stay folded.
  await expect(result.locator('details[data-secondary="matrix-53/UDP"] table')).toBeHidden();
});

test('a link with another cluster opens the folded pane and drops "the example"', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/network-policies/network-policies/');
  const pg = playground(page, 'egress-dns');
  await pg.scrollIntoViewIfNeeded();
  await pg.locator('details[data-pg-fold="cluster"] summary').click();
  await setInput(pg, 'cluster', 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo, namespace: frontend, labels: {app: web}}\n');
  await expect(pg.locator('[data-result]')).toContainText('1 pod', { timeout: 30_000 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await pg.locator('[data-action="copy-link"]').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#');
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const other = await fresh.newPage();
  await other.goto(link);
  const fold = playground(other, 'egress-dns').locator('details[data-pg-fold="cluster"]');
  await expect(fold).toHaveAttribute('open', '');
  await expect(fold.locator('summary')).not.toContainText('the example cluster');
  await expect(playground(other, 'egress-dns').locator('[data-result]')).toContainText('1 pod', { timeout: 30_000 });
  await fresh.close();
});
