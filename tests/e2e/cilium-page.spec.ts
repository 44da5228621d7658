/**
 * The "Cilium network policies on AKS" page as a reader sees it: the DNS-proxy picture
 * (visible, inside the window, readable text in both themes), playgrounds whose results
 * change when the policy is edited (the FQDN rule without its DNS rule, an HTTP path made
 * a prefix), and no axe violation in light or dark.
 */
import { expect, test, type Page } from '@playwright/test';
import { axe, playground, setInput, svgTexts } from './helpers';

const PAGE = '/network-policies/cilium-policies/';
const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

/** The result line of one connection in a playground ("frontend/web -> api.github.com 443/TCP: ✓ allow"). */
const connection = (page: Page, id: string, label: string) => playground(page, id).locator('[data-result] details > summary', { hasText: label });

/** The policy text of a playground as the page ships it (its policies pane). */
async function policyText(page: Page, id: string): Promise<string> {
  const pane = playground(page, id).locator('[data-input="policies"] textarea');
  return pane.inputValue();
}

for (const size of SIZES) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${size.name} ${theme}: the DNS proxy picture is shown whole and readable`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(size.viewport);
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(PAGE);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const fig = page.locator('figure[data-diagram="cilium-dns-proxy"]');
      await fig.scrollIntoViewIfNeeded();
      await expect(fig).toBeVisible();
      const svg = fig.locator('svg');
      await expect(svg).toHaveAttribute('role', 'img');
      await expect(fig.locator('figcaption')).toBeVisible();
      const box = (await svg.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(size.viewport.width);
      // Drawn at a readable size: at least 300 px wide on a phone, and as tall as its drawing says.
      expect(box.width).toBeGreaterThanOrEqual(300);
      expect(box.height / box.width).toBeCloseTo(372 / 400, 1);
      // Every text at least 11 px tall on screen and 4.5:1 against the page.
      const texts = await svgTexts(svg);
      expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(['2 rules.dns ✓', '203.0.113.20:443 ✗ never learned']));
      for (const t of texts) {
        expect(t.px, t.text).toBeGreaterThanOrEqual(11);
        expect(t.contrast, t.text).toBeGreaterThanOrEqual(4.5);
        // No label runs out of the picture.
        expect(t.right, t.text).toBeLessThanOrEqual(box.x + box.width + 1);
      }
      // The text alternative says what the picture says.
      const desc = await svg.evaluate((e) => e.querySelector('desc')?.textContent ?? '');
      expect(desc).toContain('Without the DNS rule');
      expect(desc).toContain('203.0.113.20');
      // Nothing on the page scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
      await page.screenshot({ path: `test-results/cilium-page-picture-${size.name}-${theme}.png` });
      const fqdn = playground(page, 'fqdn');
      await fqdn.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/cilium-page-fqdn-${size.name}-${theme}.png` });
    });
  }

  test(`${size.name}: removing the DNS rule makes the FQDN connection denied`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size.viewport);
    await page.goto(PAGE);
    const name = connection(page, 'fqdn', 'frontend/web -> api.github.com 443/TCP');
    const dns = connection(page, 'fqdn', 'frontend/web -> kube-system/coredns 53/UDP');
    await expect(name).toContainText('✓ allow');
    await expect(dns).toContainText('✓ allow');
    const text = await policyText(page, 'fqdn');
    const without = text.replace(/\n {6}rules:\n {8}dns:\n {8}- matchPattern: "\*\.github\.com"/, '');
    expect(without).not.toBe(text);
    await setInput(playground(page, 'fqdn'), 'policies', without);
    // The lookup still passes (DNS is allowed at L4); the name is never learned, so 443 is denied.
    await expect(name).toContainText('✗ deny');
    await expect(dns).toContainText('✓ allow');
    await expect(name).toBeVisible();
  });
}

test('an HTTP path written as a prefix lets GET /products/42 through, POST stays refused', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(PAGE);
  const one = connection(page, 'l7', 'GET /products/42');
  const post = connection(page, 'l7', 'POST /products');
  const l4 = connection(page, 'l7', 'frontend/web -> backend/api 8080/TCP:');
  await expect(one).toContainText('✗ deny');
  await expect(post).toContainText('✗ deny');
  await expect(l4).toContainText('✓ allow');
  const text = await policyText(page, 'l7');
  await setInput(playground(page, 'l7'), 'policies', text.replace('path: /products\n', 'path: /products(/.*)?\n'));
  await expect(one).toContainText('✓ allow');
  await expect(post).toContainText('✗ deny');
  // What the client sees is said in words: the connection opens, the request gets 403. On a
  // guide page the later connections are folded; the reader opens one.
  const verdict = post.locator('xpath=..').locator(':scope > p.pg-deny');
  if (!(await verdict.isVisible())) await post.click();
  await expect(verdict).toBeVisible();
  await expect(verdict).toContainText('the connection opens, but the HTTP request is refused with 403');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the page is axe-clean in ${theme}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(PAGE);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.waitForLoadState('networkidle');
    const r = await axe(page).analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('a Cilium exercise: the start fails naming the connection, the solution passes', async ({ page }) => {
  test.setTimeout(120_000);
  const id = 'cilium-fqdn-egress';
  await page.goto('/exercises/cilium-policies/');
  const ex = page.locator(`[data-exercise="${id}"]`);
  const feedback = ex.locator('[data-ex-feedback]');
  await expect(ex.locator('[data-playground]')).toHaveAttribute('data-pg-ready', 'true');
  // The start allows DNS at L4 only: the name is never learned (retried until the script is attached).
  await expect(async () => {
    await ex.getByRole('button', { name: 'Check my answer' }).click();
    await expect(feedback).toContainText('Not yet.', { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(feedback).toContainText('shop/web → api.github.com on 443/TCP: denied, should be allowed');
  await expect(feedback).toBeVisible();
  await ex.locator('[data-ex-solution] > summary').click();
  await ex.getByRole('button', { name: 'Put the solution in the editor' }).click();
  await expect(ex.locator('[data-input="policies"] textarea')).toHaveValue(/rules:\n {8}dns:/);
  await ex.getByRole('button', { name: 'Check my answer' }).click();
  await expect(feedback).toContainText('Passed.');
  await expect(feedback).toContainText('DNS proxy');
});
