import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtPages, watch } from './helpers';

const pages = builtPages();

test('the build produced the home page and the IP address basics page', () => {
  expect(pages).toContain('/');
  expect(pages).toContain('/basics/ip-address-basics/');
});

for (const path of pages) {
  test(`${path} loads with no console error, no foreign request, no axe violation in light or dark`, async ({ page, baseURL }) => {
    const seen = watch(page, baseURL!);
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const dark = await new AxeBuilder({ page }).analyze();
    expect(dark.violations.map((v) => `dark: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.foreign).toEqual([]);
  });
}

test('dark mode is axe-clean too', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/basics/ip-address-basics/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await context.close();
});

test('search finds the IP address basics page', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /search/i }).first().click();
  await page.getByRole('searchbox').or(page.locator('dialog input')).first().fill('reserves five');
  await expect(page.locator('dialog').getByRole('link', { name: /IP address basics/i }).first()).toBeVisible({ timeout: 10_000 });
});
