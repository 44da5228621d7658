import { expect, test } from '@playwright/test';
import { playground, setInput } from './helpers';

test.setTimeout(120_000);

test('Gateway router tool: runbook parameters route the request; the picture and the winning row are on screen', async ({ page }) => {
  await page.goto('/tools/gateway/?host=shop.example.com&path=/cart/checkout');
  const pg = playground(page, 'tool');
  await expect(pg.locator('[data-input="request"] textarea')).toHaveValue('GET http://shop.example.com/cart/checkout');
  const verdict = pg.locator('[data-result] .pg-verdict');
  await expect(verdict).toContainText('200 → shop/cart:8080 or shop/cart-v2:8080');
  await expect(verdict).toBeVisible();
  // The picture: five boxes, drawn wide enough to read.
  const svg = pg.locator('[data-result] svg.gw-path');
  await expect(svg).toBeVisible();
  // Polled: the side-by-side tool layout may still be settling when the picture first shows.
  await expect.poll(async () => (await svg.boundingBox())?.width ?? 0).toBeGreaterThan(300);
  await expect(svg.locator('text', { hasText: 'Listener' })).toBeVisible();
  await expect(svg.locator('text', { hasText: 'Backends' })).toBeVisible();
  // The winning row of the route table is marked, and the catch-all's longer path is not it.
  const win = pg.locator('[data-result] tr[aria-current="true"]');
  await expect(win).toBeVisible();
  await expect(win).toContainText('shop/storefront rule 1');
  await expect(win).toContainText('PathPrefix /cart');
});

// Editing tests run at phone width, where panes stay plain text areas: they check the engine
// answers typing without waiting for Monaco (which the playground tests cover), and the narrow layout.
test.describe('at 390 px', () => {
test.use({ viewport: { width: 390, height: 844 } });

test('Gateway router tool: editing the request changes the winner; another host goes to the catch-all route', async ({ page }) => {
  await page.goto('/tools/gateway/');
  const pg = playground(page, 'tool');
  const verdict = pg.locator('[data-result] .pg-verdict');
  await setInput(pg, 'request', 'GET http://blog.example.com/cart/checkout');
  await expect(verdict).toContainText('infra/maintenance:80');
  await expect(verdict).toHaveClass(/pg-allow/);
  await page.reload();
  await setInput(pg, 'request', 'GET http://example.com/');
  await expect(verdict).toContainText('404');
  await expect(verdict).toHaveClass(/pg-deny/);
  const color = await verdict.evaluate((el) => getComputedStyle(el).color);
  expect(color).not.toBe('rgba(0, 0, 0, 0)');
});

test('Gateway router tool: broken YAML shows an error at its line, the page stays usable', async ({ page }) => {
  await page.goto('/tools/gateway/');
  const pg = playground(page, 'tool');
  await setInput(pg, 'manifests', 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules:\n  - backendRef: [{name: a, port: 80}]\n');
  const diags = pg.locator('.pg-diagnostics');
  await expect(diags).toContainText('did you mean "backendRefs"');
  await expect(pg.locator('[data-result] .pg-verdict')).toContainText('404');
});

test('Precedence playground on the guide page: adding a route changes the winner', async ({ page }) => {
  await page.goto('/ingress/gateway-api/');
  const pg = playground(page, 'precedence');
  const verdict = pg.locator('[data-result] .pg-verdict');
  await expect(verdict).toContainText('shop/cart:8080');
  const manifests = await pg.locator('[data-input="manifests"] textarea').inputValue();
  await setInput(
    pg,
    'manifests',
    `${manifests}---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: checkout\n  namespace: shop\nspec:\n  parentRefs:\n  - name: shop-gateway\n    namespace: infra\n  hostnames: ["shop.example.com"]\n  rules:\n  - matches:\n    - path:\n        type: Exact\n        value: /cart/checkout\n    backendRefs:\n    - name: checkout\n      port: 80\n`,
  );
  await expect(verdict).toContainText('shop/checkout:80');
  await expect(pg.locator('[data-result] tr[aria-current="true"]')).toContainText('shop/checkout rule 0');
});

});

test('Migration tool: the example converts; YAML, notConverted and a highlighted difference are visible; copy works', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/tools/ingress-to-gateway/');
  const pg = playground(page, 'tool');
  // The result's headline states the verdict (the view does not repeat it).
  const verdict = pg.locator('[data-result] .pg-summary');
  await expect(verdict).toContainText('1 Gateway and 3 HTTPRoutes');
  const yaml = pg.locator('[data-result] pre.gw-yaml');
  await expect(yaml).toBeVisible();
  await expect(yaml).toContainText('gatewayClassName: approuting-istio');
  await expect(yaml).toContainText('sectionName: http');
  await expect(pg.locator('[data-result]')).toContainText('nginx.ingress.kubernetes.io/proxy-body-size');
  // The /healthzv1 near-miss differs (ImplementationSpecific is a string prefix) and is highlighted with its reason.
  const diff = pg.locator('[data-result] tbody.gw-diff', { hasText: '/healthzv1' });
  await expect(diff).toBeVisible();
  await expect(diff).toContainText('string prefix');
  const bg = await diff.locator('td').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  const plain = await pg.locator('[data-result] table.gw-equivalence tbody tr:not(.gw-diff) td').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).not.toBe(plain);
  await pg.getByRole('button', { name: 'Copy YAML' }).click();
  await expect(pg.locator('[data-pg-status]')).toContainText('YAML copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('kind: HTTPRoute');
});

test.describe('at 390 px, pasting', () => {
test.use({ viewport: { width: 390, height: 844 } });

test('Migration tool: pasting kubectl List output and a broken document both answer; a share link restores the input', async ({ page, browser }) => {
  await page.goto('/tools/ingress-to-gateway/');
  const pg = playground(page, 'tool');
  // The result's headline states the verdict (the view does not repeat it).
  const verdict = pg.locator('[data-result] .pg-summary');
  await setInput(
    pg,
    'manifests',
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: Ingress\n  metadata: {name: web, namespace: shop}\n  spec:\n    rules:\n    - host: shop.example.com\n      http:\n        paths:\n        - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n',
  );
  // The example converts only the application routing class: the pasted class-less Ingress is named as left out.
  await expect(verdict).toContainText('1 Ingress in the input is not of class webapprouting.kubernetes.azure.com');
  await setInput(pg, 'options', '');
  await expect(verdict).toContainText('1 Gateway and 1 HTTPRoute');
  await expect(pg.locator('[data-result] pre.gw-yaml')).toContainText('shop-example-com-http');
  await pg.getByRole('button', { name: /Copy link/ }).click();
  // The link is built asynchronously (compressed), then put in the address bar.
  await expect(page).toHaveURL(/#pg\.tool=/);
  const url = page.url();
  await page.reload();
  await setInput(pg, 'manifests', 'kind: Ingress\n  bad: [');
  await expect(pg.locator('.pg-diagnostics')).toBeVisible();
  const fresh = await browser.newPage();
  await fresh.goto(url);
  await expect(playground(fresh, 'tool').locator('[data-result] pre.gw-yaml')).toContainText('shop-example-com-http');
  await fresh.close();
});
});
