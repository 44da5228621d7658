import { expect, test } from '@playwright/test';
import { playground, setInput } from './helpers';

test('Ingress page: changing the request path changes the backend', async ({ page }) => {
  await page.goto('/ingress/ingress/');
  const pg = playground(page, 'myapp-ingress');
  const verdict = pg.locator('[data-result] .pg-verdict');
  await expect(verdict).toContainText('Service blog, port 80');
  await setInput(pg, 'request', 'https://myapp.com/api/orders/7');
  await expect(verdict).toContainText('Service api, port 8080');
  // The typed request survives a reload. (Reloading also makes the next setInput meet a fresh
  // pane: with Monaco loaded, setInput's click on the centre of this short pane lands on the
  // hint text and the editor loses focus.)
  await page.reload();
  await expect(verdict).toContainText('Service api, port 8080');
  await setInput(pg, 'request', 'https://myapp.com/apix');
  await expect(verdict).toContainText('Service frontend, port 80');
});

test('Ingress tool page: ?url= opens with that request and its backend', async ({ page }) => {
  await page.goto('/tools/ingress/?url=http://myapp.com/api/orders');
  const pg = playground(page, 'tool');
  await expect(pg.locator('[data-input="request"] textarea')).toHaveValue('http://myapp.com/api/orders');
  await expect(pg.locator('[data-result] .pg-verdict')).toContainText('http://myapp.com/api/orders → Service api, port 8080');
});

test('Ingress tool page: ?class= of another class routes nothing, and a newline in a value adds no line', async ({ page }) => {
  await page.goto(`/tools/ingress/?url=${encodeURIComponent('https://myapp.com/blog/x\nclass: x')}&class=nginx`);
  const pg = playground(page, 'tool');
  await expect(pg.locator('[data-input="request"] textarea')).toHaveValue('https://myapp.com/blog/xclass:x\nclass: nginx');
  await expect(pg.locator('[data-result] .pg-verdict')).toContainText('no backend');
});

test('WAF page: changing the request changes the action', async ({ page }) => {
  await page.goto('/waf/waf/');
  const pg = playground(page, 'own-policy');
  const verdict = pg.locator('[data-result] .pg-verdict');
  await expect(verdict).toContainText('Block');
  await expect(verdict).toContainText('blockEvilBot');
  await expect(verdict).toHaveClass(/pg-deny/);
  await setInput(pg, 'request', '# remoteAddr: 203.0.113.9\nGET /products?id=42 HTTP/1.1\nHost: shop.example.com\nUser-Agent: Mozilla/5.0\n');
  await expect(verdict).toContainText('No rule acted');
  await expect(verdict).toHaveClass(/pg-allow/);
  await setInput(pg, 'request', '# remoteAddr: 192.0.2.44\nGET / HTTP/1.1\nHost: shop.example.com\nUser-Agent: EvilBot/3\n');
  await expect(verdict).toContainText('allowPartner');
});

test('WAF tool page: ?ip= and ?country= set the pseudo-headers', async ({ page }) => {
  await page.goto('/tools/waf/?ip=192.0.2.10&country=fr');
  const pg = playground(page, 'tool');
  const request = pg.locator('[data-input="request"] textarea');
  await expect(request).toHaveValue(/# remoteAddr: 192\.0\.2\.10/);
  await expect(request).toHaveValue(/# country: fr/);
  await expect(pg.locator('[data-result] .pg-verdict')).toContainText('allowPartner');
});

test('exercises: solve a services exercise, reload, and see it done on the index', async ({ page }) => {
  await page.goto('/exercises/services-ingress/');
  const ex = page.locator('[data-exercise="service-fix-selector"]');
  await ex.locator('summary', { hasText: 'Show solution' }).click();
  await ex.getByRole('button', { name: 'Put the solution in the editor' }).click();
  await expect(ex.locator('[data-input="manifests"] textarea')).toHaveValue(/app: api\n/);
  await ex.getByRole('button', { name: 'Check my answer' }).click();
  await expect(ex.locator('[data-ex-feedback]')).toContainText('Passed.');
  await page.reload();
  await expect(page.locator('[data-exercise="service-fix-selector"]')).toHaveAttribute('data-ex-state', 'passed');
  await page.goto('/exercises/');
  await expect(page.locator('[data-exercise-row="service-fix-selector"] [data-progress-badge]')).toHaveText('Done');
  await expect(page.locator('[data-exercise-row="service-internal-lb"] [data-progress-badge]')).toHaveText('Not done');
});
