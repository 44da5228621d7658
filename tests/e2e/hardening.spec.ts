/**
 * Shared links are data, the Content Security Policy holds with Monaco in use, and pages
 * read well on a phone.
 */
import { deflateRawSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { builtPages, playground, setInput } from './helpers';

const PAGE = '/basics/ip-address-basics/';

const XSS = [
  '<img src=x onerror="window.__xss=1">',
  '"><script>window.__xss=1</script>',
  '</textarea><script>window.__xss=1</script>',
  "javascript:window.__xss=1",
  '<svg onload="window.__xss=1"></svg>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<a href="javascript:window.__xss=1">x</a>',
  '\u0000<iframe srcdoc="<script>parent.__xss=1</script>">',
];

const encode = (inputs: Record<string, string>): string =>
  `1.${deflateRawSync(Buffer.from(JSON.stringify(inputs))).toString('base64url')}`;

async function armed(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
}

async function assertClean(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  // Nothing from a payload became an element: no img/iframe/svg with a handler, no extra script.
  expect(await page.locator('[data-playground] img, [data-playground] iframe, [data-playground] [onerror], [data-playground] [onload]').count()).toBe(0);
  expect(await page.locator('[data-playground] [data-result] script').count()).toBe(0);
}

test.describe('shared links are data', () => {
  for (const payload of XSS) {
    test(`payload in a link's state stays text: ${JSON.stringify(payload).slice(0, 40)}`, async ({ page }) => {
      await armed(page);
      await page.goto(`${PAGE}#pg.calculator=${encode({ ranges: payload, split: payload })}`);
      const pg = playground(page, 'calculator');
      await expect(pg.locator('[data-input="ranges"] textarea')).toHaveValue(payload);
      await expect(pg.locator('[data-result] [data-code]').first()).toBeVisible();
      await assertClean(page);
    });
  }

  test('payloads in query parameters of a tool page stay text', async ({ page }) => {
    await armed(page);
    const q = new URLSearchParams({ ranges: XSS.join('\n'), split: XSS[0]! });
    await page.goto(`/tools/cidr/?${q}`);
    const pg = playground(page, 'tool');
    await expect(pg.locator('[data-input="ranges"] textarea')).toHaveValue(XSS.join('\n'));
    await expect(pg.locator('[data-result] [data-code="invalid-cidr"]').first()).toBeVisible();
    await assertClean(page);
  });

  test('a malformed or foreign fragment is ignored', async ({ page }) => {
    await armed(page);
    for (const frag of ['#pg.calculator=9.AAAA', '#pg.calculator=1.%3Cscript%3E', `#${encodeURIComponent(XSS[0]!)}`, '#pg.calculator=1.' + 'A'.repeat(5000)]) {
      await page.goto(`${PAGE}${frag}`);
      await expect(playground(page, 'calculator').locator('[data-input="ranges"] textarea')).toHaveValue(/^10\.0\.0\.0\/8/);
      await assertClean(page);
    }
  });
});

test('every page ships a Content Security Policy without unsafe-eval', async ({ page }) => {
  test.setTimeout(240_000);
  for (const path of builtPages()) {
    await page.goto(path);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp, path).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  }
});

test('Monaco works under the Content Security Policy', async ({ page }) => {
  await armed(page);
  await page.goto(PAGE);
  const pg = playground(page, 'calculator');
  await setInput(pg, 'ranges', '10.0.0.0/16\n10.0.0.1/24');
  await expect(pg.locator('.monaco-editor')).toBeVisible();
  await expect(pg.locator('[data-result] [data-code="host-bits-set"]')).toBeVisible();
  await expect(pg.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('no page scrolls sideways', async ({ page }) => {
    const wide: string[] = [];
    for (const path of builtPages()) {
      await page.goto(path);
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      if (w > 392) wide.push(`${path}: ${w}px`);
    }
    expect(wide).toEqual([]);
  });
});

test('printing keeps inputs and result, drops the buttons, and adds the reproducing URL', async ({ page }) => {
  await page.goto('/tools/cidr/?cidr=10.240.0.0/16&prefix=22');
  const pg = playground(page, 'tool');
  await expect(pg.locator('[data-result]')).toContainText('64 subnets');
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  await expect(pg.getByRole('button', { name: 'Copy link' })).toBeHidden();
  await expect(pg.locator('[data-result]')).toBeVisible();
  await expect(pg.locator('[data-pg-print-url]')).toBeVisible();
  await expect(pg.locator('[data-pg-print-url]')).toContainText('#pg.tool=1.');
});

test.describe('never freeze', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('an engine run that exceeds its time budget is stopped, the page stays responsive and says so', async ({ page }) => {
    // Stand in for an input no engine can finish: a worker that never answers.
    await page.route(/engine\.worker-[^/]*\.js$/, (route) => route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => { for (;;) {} };' }));
    await page.goto(PAGE);
    const pg = playground(page, 'calculator');
    await pg.locator('[data-input="ranges"] textarea').fill('10.0.0.0/16');
    await expect(pg.locator('[data-pg-status]')).toContainText('too large to evaluate', { timeout: 10_000 });
    // The main thread was never blocked: the reader's text is intact and controls respond.
    await expect(pg.locator('[data-input="ranges"] textarea')).toHaveValue('10.0.0.0/16');
    const t0 = Date.now();
    await pg.getByRole('button', { name: 'Copy link' }).click();
    expect(Date.now() - t0).toBeLessThan(2000);
    await expect(page).toHaveURL(/#pg\.calculator=1\./);
  });
});
