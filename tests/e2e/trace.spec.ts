/**
 * The trace picture as a person sees it: hops left to right on a desktop, one under the other on
 * a phone, coloured by verdict with a symbol and a word, the blocking hop with its rule and fix,
 * in light and dark, and complete without JavaScript (rendered at build time).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { playground, setInput } from './helpers';

test.setTimeout(120_000);

const boxes = (page: Page, id: string) => playground(page, id).locator('[data-result] .tr-path > li');

test.describe('light theme, desktop', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('Follow a packet: the hops run left to right with the addresses each sees, and a broken environment shows the blocking hop', async ({ page }) => {
    await page.goto('/troubleshooting/follow-a-packet/');
    const pg = playground(page, 'public-lb');
    const hops = boxes(page, 'public-lb');
    await expect(pg.locator('[data-result] .pg-verdict')).toContainText('Delivered');
    await expect(hops).toHaveCount(7); // client + 6 hops
    const first = await hops.nth(1).boundingBox();
    const second = await hops.nth(2).boundingBox();
    expect(first && second && second.x > first.x && Math.abs(second.y - first.y) < first.height).toBe(true);
    await expect(hops.nth(1)).toContainText('load-balancer');
    await expect(hops.nth(1).locator('.tr-arrow')).toHaveText(/203\.0\.113\.7 → 20\.121\.5\.7:80/);
    await expect(hops.nth(4).locator('.tr-arrow')).toHaveText(/203\.0\.113\.7 → 10\.244\.0\.12:8080/);
    const green = await hops.nth(1).locator('.tr-box').evaluate((e) => getComputedStyle(e).borderTopColor);
    expect(green).toBe('rgb(26, 127, 55)');

    // Break it: the pod now sees a node IP and the ipBlock no longer matches.
    const env = await pg.locator('[data-input="environment"] textarea').inputValue();
    await setInput(pg, 'environment', env.replace('externalTrafficPolicy: Local', 'externalTrafficPolicy: Cluster'));
    await expect(pg.locator('[data-result] .pg-verdict')).toContainText('Blocked at network-policy');
    const blocked = pg.locator('[data-result] .tr-block');
    await expect(blocked).toBeVisible();
    await expect(blocked).toContainText('✗');
    await expect(blocked).toContainText('blocks');
    await expect(blocked.locator('.tr-fix')).toContainText('Fix:');
    await expect(blocked.locator('.tr-arrow')).toHaveText(/10\.224\.0\.\d → 10\.244\.0\.12:8080/);
    const red = await blocked.locator('.tr-box').evaluate((e) => getComputedStyle(e).borderTopColor);
    expect(red).toBe('rgb(198, 40, 40)');
    await pg.locator('[data-result]').screenshot({ path: 'test-results/trace-light.png' });
  });

  test('tool page: ?example=, ?from= and ?port= open a prepared trace', async ({ page }) => {
    await page.goto('/tools/trace/?example=incident-firewall-egress');
    const pg = playground(page, 'tool');
    await expect(pg.locator('[data-result] .pg-verdict')).toContainText('Blocked at network-policy');
    await expect(pg.locator('[data-result] .tr-block')).toContainText('DNS lookup');
    await page.goto('/tools/trace/?from=internet:203.0.113.7&to=service:shop/web&port=443');
    await expect(playground(page, 'tool').locator('[data-input="connection"] textarea')).toHaveValue('from: internet:203.0.113.7\nto: service:shop/web\nport: 443');
    await expect(playground(page, 'tool').locator('[data-result] .pg-verdict')).toContainText('Blocked at load-balancer');
  });
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
  test('the picture keeps its colours and is axe-clean', async ({ page }) => {
    await page.goto('/tools/trace/?example=incident-byo-nsg');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const blocked = playground(page, 'tool').locator('[data-result] .tr-block');
    await expect(blocked).toBeVisible();
    const red = await blocked.locator('.tr-box').evaluate((e) => getComputedStyle(e).borderTopColor);
    expect(red).toBe('rgb(255, 123, 114)');
    const text = await blocked.evaluate((e) => getComputedStyle(e.querySelector('.tr-res')!).color);
    expect(text).not.toBe('rgb(0, 0, 0)');
    const axe = await new AxeBuilder({ page }).include('[data-result]').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await playground(page, 'tool').locator('[data-result]').screenshot({ path: 'test-results/trace-dark.png' });
  });
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('hops stack vertically, full width, without sideways scrolling', async ({ page }) => {
    await page.goto('/troubleshooting/follow-a-packet/');
    const hops = boxes(page, 'egress-firewall');
    await expect(hops.first()).toBeVisible();
    const a = await hops.nth(1).boundingBox();
    const b = await hops.nth(2).boundingBox();
    expect(a && b && b.y > a.y + a.height - 1 && Math.abs(b.x - a.x) < 2).toBe(true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await hops.nth(6).scrollIntoViewIfNeeded();
    await playground(page, 'egress-firewall').locator('[data-result]').screenshot({ path: 'test-results/trace-phone.png' });
  });
});

test.describe('JavaScript off', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  test('the build-time picture is complete: every hop, its verdict word and the addresses', async ({ page }) => {
    await page.goto('/troubleshooting/follow-a-packet/');
    const pg = playground(page, 'app-gateway');
    await expect(pg.locator('[data-result] .pg-verdict')).toContainText('Delivered');
    const hops = boxes(page, 'app-gateway');
    await expect(hops).toHaveCount(9);
    await expect(hops.nth(3)).toContainText('waf');
    await expect(hops.nth(3)).toContainText('passes');
    await expect(hops.nth(7).locator('.tr-arrow')).toHaveText(/10\.241\.0\.4 → 10\.240\.0\.35:8080/);
    // The same content as text for screen readers: an ordered list with a label.
    await expect(pg.locator('[data-result] ol.tr-path')).toHaveAttribute('aria-label', 'The connection, hop by hop');
  });
});
