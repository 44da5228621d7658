/**
 * IP planning in the browser (issue 3, and the planner's runbook links of issue 8): the
 * planner follows an edited node count in its numbers and its diagram; the script
 * checker puts the seed script's service-CIDR finding on its line; query parameters open
 * the planner with a runbook's values; an IP-planning exercise accepts a correct answer.
 */
import { expect, test } from '@playwright/test';
import { SEED } from '../unit/azcli/seed';
import { playground, setInput } from './helpers';

const PAGE = '/plugins/ip-planning/';

test('editing the node count changes the required addresses and the diagram', async ({ page }) => {
  await page.goto(PAGE);
  const pg = playground(page, 'cni-50-nodes');
  const result = pg.locator('[data-result]');
  // (50 + 1) × (1 + 30) = 1,581 addresses, more than the 1,019 usable in the /22
  await expect(result).toContainText('(50 + 1) × (1 + 30) = 1,581');
  const need = result.locator('svg:visible rect[data-need="node-subnet"]');
  await expect(need).toHaveAttribute('data-required', '1581');
  await expect(need).toHaveAttribute('data-fits', 'false');
  const before = Number(await need.getAttribute('width'));

  await setInput(
    pg,
    'plan',
    'plugin: azure\nvnetCidrs: [10.1.0.0/16]\nnodeSubnetCidr: 10.1.0.0/22\nnodeCount: 20\nmaxPods: 30\nserviceCidr: 10.2.0.0/16\ndnsServiceIp: 10.2.0.10\n',
  );
  // (20 + 1) × (1 + 30) = 651 fits the 1,019 usable addresses
  await expect(result).toContainText('(20 + 1) × (1 + 30) = 651');
  await expect(result.locator('.pg-verdict')).toHaveClass(/pg-allow/);
  await expect(need).toHaveAttribute('data-required', '651');
  await expect(need).toHaveAttribute('data-fits', 'true');
  const after = Number(await need.getAttribute('width'));
  // drawn to scale within the /22's bar: 651 / 1,024 of its width, was all of it
  expect(after).toBeLessThan(before);
  expect(after / before).toBeCloseTo(651 / 1024, 1);
  await expect(result.locator('[data-code="node-subnet-too-small"]')).toHaveCount(0);
});

test('the seed script pasted into the script checker: the service-CIDR finding on its line, with a marker', async ({ page }) => {
  await page.goto(PAGE);
  const pg = playground(page, 'seed-overlay');
  await setInput(pg, 'script', SEED);
  const line = SEED.split('\n').findIndex((l) => l.includes('--service-cidr 10.32.0.0/16')) + 1;
  expect(line).toBe(23);
  const finding = pg.locator('[data-result] [data-code="service-cidr-overlap"]');
  await expect(finding.first()).toContainText(`line ${line}`);
  await expect(finding.first()).toContainText('10.0.0.0/8');
  await expect(pg.locator('[data-result]')).toContainText('myAKSCluster');
  await expect(pg.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
});

test('/tools/ip-planner/ opens with the values of its query parameters', async ({ page }) => {
  await page.goto('/tools/ip-planner/?plugin=azure-overlay&nodes=50&subnet=10.240.0.0/22');
  const pg = playground(page, 'tool');
  const plan = pg.locator('[data-input="plan"] textarea');
  await expect(plan).toHaveValue(/^plugin: azure-overlay$/m);
  await expect(plan).toHaveValue(/^nodeCount: 50$/m);
  await expect(plan).toHaveValue(/^nodeSubnetCidr: 10\.240\.0\.0\/22$/m);
  const result = pg.locator('[data-result]');
  // Overlay: nodes only, 50 + 1 = 51 addresses of the /22's 1,019
  await expect(result).toContainText('nodes + surge = 50 + 1 = 51');
  // the example's VNet 10.1.0.0/16 is kept, so the planner says the subnet is outside it, on its line
  await expect(result.locator('[data-code="node-subnet-outside-vnet"]')).toContainText('line 3');
});

test('/tools/ip-planner/ with vnet too: the plan works', async ({ page }) => {
  await page.goto('/tools/ip-planner/?plugin=azure-overlay&nodes=50&vnet=10.240.0.0/16&subnet=10.240.0.0/22');
  const pg = playground(page, 'tool');
  await expect(pg.locator('[data-input="plan"] textarea')).toHaveValue(/^vnetCidrs: \[10\.240\.0\.0\/16\]$/m);
  await expect(pg.locator('[data-result] .pg-verdict')).toHaveClass(/pg-allow/);
  await expect(pg.locator('[data-result] svg:visible rect[data-need="node-subnet"]')).toHaveAttribute('data-required', '51');
});

test('exercise: another correct DNS service IP passes', async ({ page }) => {
  await page.goto('/exercises/ip-planning/');
  const ex = page.locator('[data-exercise="fix-dns-service-ip"]');
  const start = await ex.locator('[data-input="plan"] textarea').inputValue();
  expect(start).toContain('dnsServiceIp: 10.0.0.10');
  await setInput(ex, 'plan', start.replace('dnsServiceIp: 10.0.0.10', 'dnsServiceIp: 10.2.200.53'));
  await ex.getByRole('button', { name: 'Check my answer' }).click();
  await expect(ex.locator('[data-ex-feedback]')).toContainText('Passed.');
  await expect(ex.locator('[data-ex-feedback]')).toContainText('10.2.200.53');
});
