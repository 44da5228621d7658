/**
 * The connection matrix as a compact grid (issue 16 item 3): what a reader sees at 20 × 20
 * pods on a desktop and on a phone — ✓/✗ with colour, short labels with the full name on
 * hover and focus, the deciding rules on click, a scroll box with a sticky first column —
 * and DNS names as columns under the Cilium engine.
 */
import { expect, test, type Page } from '@playwright/test';
import { playground, runs } from './helpers';

test.setTimeout(120_000);

const NAMESPACES = ['payments', 'catalog', 'frontend', 'platform'];
/** 20 pods in 4 namespaces, with long names so labels must be shortened. */
const CLUSTER = NAMESPACES.flatMap((ns, n) =>
  [0, 1, 2, 3, 4].map(
    (i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${ns}-service-${i}\n  namespace: ${ns}\n  labels: {app: svc${i}, tier: t${i % 2}}\nspec:\n  containers:\n  - name: c\n    image: c\n    ports: [{containerPort: 8080}]\nstatus:\n  podIP: 10.244.${n}.${10 + i}`,
  ),
).join('\n---\n');
const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: only-tier0, namespace: payments}
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector: {}
      podSelector: {matchLabels: {tier: t0}}
`;
const QUERY = 'ports: 8080\nengine: kubernetes\n';

async function open(page: Page) {
  const params = new URLSearchParams({ cluster: CLUSTER, policies: POLICIES, query: QUERY });
  await page.goto(`/tools/netpol/?${params.toString()}`);
  const pg = playground(page, 'tool');
  await expect(pg.locator('[data-result] .pg-grid caption').first()).toContainText('Port 8080/TCP', { timeout: 30_000 });
  return pg;
}

const allowCell = '[data-cell="catalog/catalog-service-0|payments/payments-service-1|8080/TCP"]';
const denyCell = '[data-cell="catalog/catalog-service-1|payments/payments-service-1|8080/TCP"]';

for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
  test(`20 × 20 grid on a ${name}: symbols with colour, short labels, full names on focus, rules on click`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const pg = await open(page);
    const grid = pg.locator('[data-result] table.pg-grid').first();
    await expect(grid.locator('tbody tr')).toHaveCount(20);
    await expect(grid.locator('thead th.pg-grid-col')).toHaveCount(20);

    // ✓ and ✗ are both symbol and colour; cells are big enough to read and to tap.
    const allow = grid.locator(`${allowCell} button.pg-grid-cell`);
    const deny = grid.locator(`${denyCell} button.pg-grid-cell`);
    await expect(allow).toHaveText('✓');
    await expect(deny).toHaveText('✗');
    const colour = (l: typeof allow) => l.evaluate((el) => getComputedStyle(el).color);
    expect(await colour(allow)).not.toBe(await colour(deny));
    const box = (await deny.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);

    // Labels are short; the full name shows on keyboard focus.
    const rowLabel = grid.locator('tbody th.pg-grid-row .pg-grid-label').first();
    await expect(rowLabel).toHaveText('paymen…service-0');
    const rowBox = (await rowLabel.boundingBox())!;
    expect(rowBox.width).toBeLessThanOrEqual(170);
    await rowLabel.focus();
    expect(await rowLabel.evaluate((el) => getComputedStyle(el, '::after').content)).toBe('"payments/payments-service-0"');

    // The scroll box scrolls on its own; the page does not scroll sideways.
    const scroller = pg.locator('[data-result] .pg-grid-box').first();
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    if (name === 'phone') {
      expect(scrollWidth).toBeGreaterThan(clientWidth);
      // Scrolled to the far right, the first column stays at the box's left edge.
      await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
      const boxLeft = (await scroller.boundingBox())!.x;
      const headLeft = (await grid.locator('tbody th.pg-grid-row').first().boundingBox())!.x;
      expect(Math.abs(headLeft - boxLeft)).toBeLessThanOrEqual(2);
    }

    // A click shows the rules that decided the cell; Escape closes them.
    await deny.scrollIntoViewIfNeeded();
    await deny.click();
    const why = grid.locator(`${denyCell} .pg-grid-why`);
    await expect(why).toBeVisible();
    await expect(why).toContainText('payments/only-tier0');
    const whyBox = (await why.boundingBox())!;
    expect(whyBox.x).toBeGreaterThanOrEqual(0);
    expect(whyBox.x + whyBox.width).toBeLessThanOrEqual(viewport.width);
    await page.keyboard.press('Escape');
    await expect(why).toBeHidden();
  });
}

test('under engine: cilium, DNS names of the query are columns of the grid', async ({ page }) => {
  await page.goto('/tools/netpol/');
  const pg = playground(page, 'tool');
  const cnp = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: web-to-github
  namespace: frontend
spec:
  endpointSelector:
    matchLabels: {app: web}
  egress:
  - toEndpoints:
    - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
    toPorts:
    - ports: [{port: "53", protocol: ANY}]
      rules:
        dns: [{matchPattern: "*.github.com"}]
  - toFQDNs: [{matchName: api.github.com}]
    toPorts:
    - ports: [{port: "443", protocol: TCP}]
`;
  const params = new URLSearchParams({ policies: cnp, query: 'frontend/web -> api.github.com:443/TCP\nfrontend/web -> example.com:443\nports: 443\nengine: cilium\n' });
  await page.goto(`/tools/netpol/?${params.toString()}`);
  await expect(pg.locator('[data-result] .pg-summary')).toContainText('frontend/web -> api.github.com 443/TCP: allow', { timeout: 30_000 });
  const grid = pg.locator('[data-result] table.pg-grid').first();
  await expect(grid.locator('thead th.pg-grid-name')).toHaveCount(2);
  await expect(grid.locator('thead th.pg-grid-name').first()).toBeVisible();
  await expect(grid.locator('[data-cell="frontend/web|api.github.com|443/TCP"] button.pg-grid-cell')).toHaveText('✓');
  await expect(grid.locator('[data-cell="frontend/web|example.com|443/TCP"] button.pg-grid-cell')).toHaveText('✗');
});

test('typing keeps the grid where the reader scrolled it: only what changed is redrawn', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const pg = await open(page);
  await expect(pg.locator('[data-result] table.pg-grid').first().locator('tbody tr')).toHaveCount(20);
  const scroller = pg.locator('[data-result] .pg-grid-box').first();
  // Marked with a property (not an attribute, which a run would remove), to tell the same element from a rebuilt one.
  await scroller.evaluate((el) => {
    el.scrollLeft = 300;
    Object.assign(el, { testKept: true });
  });
  const left = await scroller.evaluate((el) => el.scrollLeft);
  expect(left).toBeGreaterThan(100);
  const before = await runs(pg);
  // A new first line in the query adds a connection above the grid.
  await pg.locator('[data-input="query"] textarea').press('Control+Home');
  await pg.locator('[data-input="query"] textarea').pressSequentially('catalog/catalog-service-1 -> payments/payments-service-1:8080\n');
  await expect.poll(() => runs(pg)).toBeGreaterThan(before);
  await expect(pg.locator('[data-result] .pg-summary')).toContainText('catalog/catalog-service-1 -> payments/payments-service-1 8080/TCP: deny');
  // The query's partial lines came and went above the grid while typing: the grid stayed put.
  expect(await scroller.evaluate((el) => 'testKept' in el)).toBe(true);
  expect(await scroller.evaluate((el) => el.scrollLeft)).toBe(left);
});
