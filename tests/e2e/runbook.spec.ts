/**
 * Every runbook example link on the tool pages (and the runbook-authors page) opens its
 * tool with the query applied and a result computed from it. Enumerates the built pages,
 * so a new tool page's examples are covered automatically.
 */
import { expect, test } from '@playwright/test';
import { builtPages, readDist, watch } from './helpers';

const pages = builtPages().filter((p) => p.startsWith('/tools/'));
const links = new Set<string>();
for (const p of pages) {
  for (const m of readDist(`${p.slice(1)}index.html`).matchAll(/href="(\/tools\/[a-z-]+\/\?[^"#]+)"/g)) links.add(m[1]!.replace(/&amp;/g, '&'));
}

test('there are runbook examples for most tools', () => {
  const tools = new Set([...links].map((l) => l.split('/')[2]));
  expect(tools.size).toBeGreaterThanOrEqual(7);
});

for (const link of links) {
  test(`runbook link ${link}`, async ({ page, baseURL }) => {
    const seen = watch(page, baseURL!);
    await page.goto(link);
    const root = page.locator('[data-pg-id="tool"]');
    await expect(root).toHaveAttribute('data-pg-ready', 'true');
    await page.waitForLoadState('networkidle');
    const initial = JSON.parse((await root.locator('script[data-pg-initial]').textContent()) ?? '{}') as Record<string, string>;
    const now: Record<string, string> = {};
    for (const ta of await root.locator('[data-input] textarea').all()) now[(await ta.evaluate((e) => e.closest('[data-input]')!.getAttribute('data-input')))!] = await ta.inputValue();
    // A link whose values differ from the page's example makes the engine run on them.
    if (JSON.stringify(now) !== JSON.stringify(initial)) await expect(root).toHaveAttribute('data-pg-runs', /[1-9]/, { timeout: 10_000 });
    else expect(new URL(link, 'http://x').searchParams.size).toBeGreaterThan(0);
    await expect(root.locator('[data-result] [data-code="internal-error"]')).toHaveCount(0);
    expect(seen.errors).toEqual([]);
  });
}
