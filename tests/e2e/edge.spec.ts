import { expect, test } from '@playwright/test';
import { playground, setInput } from './helpers';

test('NSG page: changing the flow changes the verdict and the highlighted deciding rule', async ({ page }) => {
  await page.goto('/nsg-egress/network-security-groups/');
  const pg = playground(page, 'nsg-example');
  const verdict = pg.locator('[data-result] .pg-verdict');
  const deciding = pg.locator('[data-result] tr[aria-current="true"]');
  await expect(verdict).toContainText('Allowed');
  await expect(verdict).toHaveClass(/pg-allow/);
  // Inbound: both NSGs allow, each with its own deciding row.
  await expect(deciding).toHaveCount(2);
  await expect(deciding.first()).toContainText('allow-https-from-internet');

  await setInput(pg, 'flow', 'Inbound Tcp 198.51.100.7:50000 -> 10.240.0.4:22\nvnet: 10.240.0.0/16');
  await expect(verdict).toContainText('Denied');
  await expect(verdict).toHaveClass(/pg-deny/);
  await expect(deciding).toHaveCount(1);
  await expect(deciding).toContainText('deny-ssh');
  await expect(deciding).toHaveClass(/pg-hit/);

  await setInput(pg, 'flow', 'Inbound Tcp 198.51.100.7:50000 -> 10.240.0.4:8080\nvnet: 10.240.0.0/16');
  await expect(deciding).toHaveCount(1);
  await expect(deciding).toContainText('DenyAllInBound');
  await expect(pg.locator('[data-result]')).toContainText('DenyAllInBound (priority 65500)');
});

test('API server access page: changing the client IP flips reachable and not reachable', async ({ page }) => {
  await page.goto('/private-access/private-access/');
  const pg = playground(page, 'authorized-ranges');
  const verdict = pg.locator('[data-result] .pg-verdict');
  await expect(verdict).toContainText('Reachable');
  await expect(verdict).toHaveClass(/pg-allow/);
  await setInput(pg, 'client', 'ip: 52.160.33.7\nvia: internet');
  await expect(verdict).toContainText('Not reachable');
  await expect(verdict).toHaveClass(/pg-deny/);
  await expect(pg.locator('[data-result]')).toContainText('not in the authorized range 73.140.245.0/24');
  await setInput(pg, 'client', 'ip: 73.140.245.99\nvia: internet');
  await expect(verdict).toContainText('Reachable');
  await expect(pg.locator('[data-result]')).toContainText('inside the authorized range 73.140.245.0/24');
});

test('NSG tool page: ?src= and ?port= open with that flow, keeping the VNet line', async ({ page }) => {
  await page.goto('/tools/nsg/?src=198.51.100.7&port=22');
  const pg = playground(page, 'tool');
  await expect(pg.locator('[data-input="flow"] textarea')).toHaveValue('Inbound Tcp 198.51.100.7:50000 -> 10.240.0.4:22\nvnet: 10.240.0.0/16');
  await expect(pg.locator('[data-result] .pg-verdict')).toContainText('Denied');
  await expect(pg.locator('[data-result] tr[aria-current="true"]')).toContainText('deny-ssh');
});

test('NSG tool page: ?flow= sets the whole flow pane and ?vnet= adds the VNet line', async ({ page }) => {
  await page.goto(`/tools/nsg/?flow=${encodeURIComponent('Outbound Tcp 10.240.0.4:40000 -> 20.50.1.1:443')}&vnet=10.240.0.0/16`);
  const pg = playground(page, 'tool');
  await expect(pg.locator('[data-input="flow"] textarea')).toHaveValue('Outbound Tcp 10.240.0.4:40000 -> 20.50.1.1:443\nvnet: 10.240.0.0/16');
  await expect(pg.locator('[data-result] .pg-verdict')).toContainText('Allowed');
  await expect(pg.locator('[data-result] tr[aria-current="true"]').first()).toContainText('AllowInternetOutBound');
});

test('API access tool page: ?ranges= and ?ip= open with those values', async ({ page }) => {
  await page.goto('/tools/api-access/?ranges=73.140.245.0/24,52.160.33.0/24&ip=52.160.33.7');
  const pg = playground(page, 'tool');
  await expect(pg.locator('[data-input="client"] textarea')).toHaveValue('ip: 52.160.33.7\nvia: internet');
  await expect(pg.locator('[data-input="cluster"] textarea')).toHaveValue(/authorizedIpRanges:\n {2}- 73\.140\.245\.0\/24\n {2}- 52\.160\.33\.0\/24\n/);
  await expect(pg.locator('[data-result] .pg-verdict')).toContainText('Reachable');
  await page.goto('/tools/api-access/?ip=52.160.33.7');
  await expect(playground(page, 'tool').locator('[data-result] .pg-verdict')).toContainText('Not reachable');
});

test('exercises: the office-range exercise passes with its solution and fails with its start', async ({ page }) => {
  await page.goto('/exercises/edge-access/');
  const ex = page.locator('[data-exercise="access-authorize-office"]');
  await ex.getByRole('button', { name: 'Check my answer' }).click();
  await expect(ex.locator('[data-ex-feedback]')).toContainText('73.140.245.20');
  await ex.locator('summary', { hasText: 'Show solution' }).click();
  await ex.getByRole('button', { name: 'Put the solution in the editor' }).click();
  await expect(ex.locator('[data-input="cluster"] textarea')).toHaveValue(/- 73\.140\.245\.0\/24/);
  await ex.getByRole('button', { name: 'Check my answer' }).click();
  await expect(ex.locator('[data-ex-feedback]')).toContainText('Passed.');
});
