import { expect, test } from '@playwright/test';
import { playground, setInput } from './helpers';

const PAGE = '/network-policies/network-policies/';

/** The matrix cell src → dst on one port (data-cell="src|dst|port/PROTO" in the netpol view). */
const cell = (root: ReturnType<typeof playground>, src: string, dst: string, port: string) => root.locator(`[data-result] [data-cell="${src}|${dst}|${port}"]`);

const AND_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-allow-prometheus
  namespace: backend
spec:
  podSelector:
    matchLabels:
      app: api
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          team: ops
      podSelector:
        matchLabels:
          app: prometheus
    ports:
    - port: 9090
`;

test('changing a label in a policy flips the matrix cell', async ({ page }) => {
  await page.goto(PAGE);
  const pg = playground(page, 'peers-and');
  // As the page loads: Prometheus may scrape the API, Grafana may not.
  await expect(cell(pg, 'monitoring/prometheus', 'backend/api', '9090/TCP')).toHaveAttribute('data-verdict', 'allow');
  await expect(cell(pg, 'monitoring/grafana', 'backend/api', '9090/TCP')).toHaveAttribute('data-verdict', 'deny');
  await setInput(pg, 'policies', AND_POLICY.replace('app: prometheus', 'app: grafana'));
  await expect(cell(pg, 'monitoring/grafana', 'backend/api', '9090/TCP')).toHaveAttribute('data-verdict', 'allow');
  await expect(cell(pg, 'monitoring/prometheus', 'backend/api', '9090/TCP')).toHaveAttribute('data-verdict', 'deny');
  // The cell opens its walkthrough, naming the rule that allowed it.
  await cell(pg, 'monitoring/grafana', 'backend/api', '9090/TCP').locator('button.pg-grid-cell').click();
  await expect(cell(pg, 'monitoring/grafana', 'backend/api', '9090/TCP').locator('.pg-grid-why')).toBeVisible();
  await expect(cell(pg, 'monitoring/grafana', 'backend/api', '9090/TCP').locator('.pg-grid-why')).toContainText('backend/api-allow-prometheus');
});

test('a lint finding is reported on the line it concerns, with a marker in the editor', async ({ page }) => {
  await page.goto(PAGE);
  const pg = playground(page, 'peers-and');
  // One dash too many: namespaceSelector and podSelector become two peers (OR).
  const or = AND_POLICY.replace('      podSelector:\n        matchLabels:\n          app: prometheus', '    - podSelector:\n        matchLabels:\n          app: prometheus');
  const line = or.split('\n').findIndex((l) => l.trim() === '- podSelector:') + 1;
  expect(line).toBeGreaterThan(1);
  await setInput(pg, 'policies', or);
  const finding = pg.locator('[data-result] [data-code="peers-or-not-and"]');
  await expect(finding).toContainText(`line ${line}`);
  await expect(finding).toHaveAttribute('data-line', String(line));
  await expect(cell(pg, 'monitoring/grafana', 'backend/api', '9090/TCP')).toHaveAttribute('data-verdict', 'allow');
  const marker = pg.locator('[data-input="policies"] .monaco-editor .squiggly-warning');
  await expect(marker.first()).toBeAttached();
  // The marker sits on that line: Monaco's line numbers are rendered beside the view lines.
  const top = await marker.first().evaluate((m) => (m.closest('.view-overlays > div') as HTMLElement | null)?.style.top ?? '');
  const lineTop = await pg.locator('[data-input="policies"] .margin-view-overlays .line-numbers', { hasText: new RegExp(`^${line}$`) }).first().evaluate((n) => (n.closest('.margin-view-overlays > div') as HTMLElement | null)?.style.top ?? '');
  expect(top).not.toBe('');
  expect(top).toBe(lineTop);
});

test('an exercise solved with the solution is marked done on the index after a reload', async ({ page }) => {
  const id = 'netpol-default-deny';
  await page.goto('/exercises/network-policies/');
  const ex = page.locator(`[data-exercise="${id}"]`);
  const feedback = ex.locator('[data-ex-feedback]');
  await expect(ex.locator('[data-playground]')).toHaveAttribute('data-pg-ready', 'true');
  // The starting policy fails, saying which connections are wrong (retried until the
  // exercise script has attached its handlers).
  await expect(async () => {
    await ex.getByRole('button', { name: 'Check my answer' }).click();
    await expect(feedback).toContainText('Not yet.', { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(feedback).toContainText('should be denied');
  await ex.locator('[data-ex-solution] > summary').click();
  await ex.getByRole('button', { name: 'Put the solution in the editor' }).click();
  await expect(ex.locator('[data-input="policies"] textarea')).toHaveValue(/podSelector: \{\}/);
  await ex.getByRole('button', { name: 'Check my answer' }).click();
  await expect(feedback).toContainText('Passed.');
  await expect(ex).toHaveAttribute('data-ex-state', 'passed');

  await page.reload();
  await expect(page.locator(`[data-exercise="${id}"] [data-ex-feedback]`)).toContainText('You passed this exercise');
  await page.goto('/exercises/');
  const row = page.locator(`[data-exercise-row="${id}"]`);
  await expect(row).toHaveAttribute('data-progress-state', 'done');
  await expect(row.locator('[data-progress-badge]')).toHaveText('Done');
  await expect(page.locator('[data-exercise-row="netpol-allow-frontend"] [data-progress-badge]')).toHaveText('Not done');
});

test('a runbook link adds its connection to the tool page', async ({ page }) => {
  await page.goto('/tools/netpol/?from=monitoring/prometheus&to=backend/api&port=metrics');
  const pg = playground(page, 'tool');
  await expect(pg.locator('[data-input="query"] textarea')).toHaveValue(/^monitoring\/prometheus -> backend\/api:metrics\n/);
  await expect(pg.locator('[data-result] .pg-summary')).toContainText('monitoring/prometheus -> backend/api 9090/TCP: deny');
});
