import { expect, test } from '@playwright/test';
import { playground, setInput } from './helpers';

const PAGE = '/basics/ip-address-basics/';

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });
  test('the CIDR playground shows its inputs and the pre-rendered result', async ({ page }) => {
    await page.goto(PAGE);
    const pg = playground(page, 'calculator');
    await expect(pg.locator('[data-input="ranges"] textarea')).toHaveValue(/10\.0\.0\.0\/8/);
    const result = pg.locator('[data-result]');
    await expect(result).toContainText('16,777,216');
    await expect(result).toContainText('10.0.0.0/8 contains 10.32.0.0/16');
  });
});

test('Monaco is not requested on page load, and is after the first click', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(PAGE);
  await page.waitForLoadState('networkidle');
  expect(requested.filter((u) => /monaco|editor\.worker|yaml\.worker/i.test(u))).toEqual([]);
  await playground(page, 'calculator').locator('[data-input="ranges"]').click();
  await expect(playground(page, 'calculator').locator('[data-input="ranges"]')).toHaveAttribute('data-editor', 'monaco', { timeout: 15_000 });
  expect(requested.some((u) => /monaco/i.test(u))).toBe(true);
  await expect(playground(page, 'calculator').locator('.monaco-editor')).toBeVisible();
});

test('typing a new CIDR updates the result; bad input gives a diagnostic and a marker', async ({ page }) => {
  await page.goto(PAGE);
  const pg = playground(page, 'calculator');
  await setInput(pg, 'ranges', '192.168.4.0/22');
  const result = pg.locator('[data-result]');
  await expect(result).toContainText('1,024');
  await expect(result).toContainText('1,019');
  await setInput(pg, 'ranges', '10.0.0.0/8\n10.0.0.1/24\nfe80::/129');
  await expect(result.locator('[data-code="host-bits-set"]')).toContainText('line 2');
  await expect(result.locator('[data-code="invalid-cidr"]')).toContainText('line 3');
  await expect(pg.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
});

test('a copied link reopens with the same inputs in a fresh browser context', async ({ page, browser, baseURL }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(PAGE);
  const pg = playground(page, 'calculator');
  await setInput(pg, 'ranges', '172.16.0.0/12\n172.20.0.0/16');
  await expect(pg.locator('[data-result]')).toContainText('172.16.0.0/12 contains 172.20.0.0/16');
  await pg.getByRole('button', { name: 'Copy link' }).click();
  await expect(pg.locator('[data-pg-status]')).toContainText(/copied|address bar/i);
  const url = page.url();
  expect(url).toContain('#pg.calculator=1.');
  const fresh = await browser.newContext({ baseURL });
  const other = await fresh.newPage();
  await other.goto(url);
  const again = playground(other, 'calculator');
  await expect(again.locator('[data-input="ranges"] textarea')).toHaveValue('172.16.0.0/12\n172.20.0.0/16');
  await expect(again.locator('[data-result]')).toContainText('172.16.0.0/12 contains 172.20.0.0/16');
  // The other playground on the page keeps the page's example.
  await expect(playground(other, 'ipv6').locator('[data-input="ranges"] textarea')).toHaveValue(/fd00:10:244::\/56/);
  await fresh.close();
});

test('Reset returns to the example; drafts survive a reload until then', async ({ page }) => {
  await page.goto(PAGE);
  const pg = playground(page, 'calculator');
  await setInput(pg, 'ranges', '10.9.0.0/16');
  await expect(pg.locator('[data-result]')).toContainText('65,536');
  await page.reload();
  await expect(playground(page, 'calculator').locator('[data-input="ranges"] textarea')).toHaveValue('10.9.0.0/16');
  await playground(page, 'calculator').getByRole('button', { name: 'Reset' }).click();
  await expect(playground(page, 'calculator').locator('[data-result]')).toContainText('16,777,216');
  await page.reload();
  await expect(playground(page, 'calculator').locator('[data-input="ranges"] textarea')).toHaveValue(/^10\.0\.0\.0\/8/);
});

test('keyboard: Tab reaches every control, and Ctrl+M lets Tab leave the editor', async ({ page }) => {
  await page.goto(PAGE);
  const pg = playground(page, 'calculator');
  await pg.locator('[data-input="ranges"] textarea').focus();
  await expect(pg.locator('[data-input="ranges"]')).toHaveAttribute('data-editor', 'monaco', { timeout: 15_000 });
  await page.keyboard.press('Control+m');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.closest('[data-input]')?.getAttribute('data-input') ?? document.activeElement?.tagName);
  expect(focused).not.toBe('ranges');
});

test.describe('on a phone-sized screen', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('panes stay textareas that still run the engine', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(PAGE);
    const pg = playground(page, 'calculator');
    await setInput(pg, 'ranges', '10.1.0.0/24');
    await expect(pg.locator('[data-result]')).toContainText('251');
    await expect(pg.locator('[data-input="ranges"]')).toHaveAttribute('data-editor', 'textarea');
    expect(requested.filter((u) => /monaco/i.test(u))).toEqual([]);
  });
});

test('"Open in tool" carries the current inputs to the tool page', async ({ page }) => {
  await page.goto(PAGE);
  const pg = playground(page, 'calculator');
  await setInput(pg, 'ranges', '192.168.0.0/20');
  await expect(pg.locator('[data-result]')).toContainText('4,096');
  await pg.getByRole('link', { name: 'Open in tool' }).click();
  await expect(page).toHaveURL(/\/tools\/cidr\/#pg\.tool=1\./);
  const tool = playground(page, 'tool');
  await expect(tool.locator('[data-input="ranges"] textarea')).toHaveValue('192.168.0.0/20');
  await expect(tool.locator('[data-result]')).toContainText('4,096');
});
