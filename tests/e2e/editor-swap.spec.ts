/**
 * What the reader sees when a pane turns into the code editor (issue 16, item 1): the plain
 * text box disappears, the editor takes its whole place, and the lines on screen are the
 * lines being edited. Checked by what is visible, not by which elements exist.
 */
import { expect, test, type Locator } from '@playwright/test';
import { playground, runs, setInput } from './helpers';

const CASES = [
  { page: '/basics/ip-address-basics/', id: 'calculator', input: 'ranges' },
  { page: '/services/services/', id: 'internal-lb', input: 'manifests' },
  { page: '/tools/netpol/', id: 'tool', input: 'policies' },
];

/** Text boxes in the pane that a person can see, other than Monaco's own input. */
async function visibleTextareasOutsideEditor(pane: Locator): Promise<number> {
  return pane.evaluate((el) =>
    [...el.querySelectorAll('textarea')].filter((t) => {
      if (t.closest('.monaco-editor')) return false;
      const box = t.getBoundingClientRect();
      const style = getComputedStyle(t);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    }).length,
  );
}

for (const c of CASES) {
  test(`${c.page} ${c.id}: after click and typing, only the editor is visible, as tall as the pane was, showing the typed text`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(c.page);
    const root = playground(page, c.id);
    const pane = root.locator(`[data-input="${c.input}"]`);
    const host = pane.locator('[data-pg-host]');
    await host.scrollIntoViewIfNeeded();
    const before = (await host.boundingBox())!;
    expect(before.height).toBeGreaterThan(40);
    await host.click({ position: { x: 40, y: 10 } });
    await expect(pane).toHaveAttribute('data-editor', 'monaco', { timeout: 30_000 });
    const editor = pane.locator('.monaco-editor');
    await expect(editor).toBeVisible();
    await page.keyboard.press('ControlOrMeta+End');
    const typed = 'zq-typed-marker-42';
    await page.keyboard.press('Enter');
    await page.keyboard.type(typed);

    expect(await visibleTextareasOutsideEditor(pane)).toBe(0);
    // The editor fills the host the textarea filled: not squeezed below stale text.
    const after = (await editor.boundingBox())!;
    const hostAfter = (await host.boundingBox())!;
    expect(after.height).toBeGreaterThanOrEqual(before.height - 4);
    expect(after.y).toBeLessThanOrEqual(hostAfter.y + 2);
    // The typed line is on screen inside the editor's visible area.
    const line = editor.locator('.view-line', { hasText: typed });
    await expect(line).toBeVisible();
    const lineBox = (await line.boundingBox())!;
    expect(lineBox.y).toBeGreaterThanOrEqual(after.y);
    expect(lineBox.y + lineBox.height).toBeLessThanOrEqual(after.y + after.height + 1);
    // The result follows the text on screen (the engine saw the edit).
    await expect(root).toHaveAttribute('data-pg-runs', /[1-9]/, { timeout: 20_000 });
  });
}

test('at phone width the plain text box stays, is visible, and holds the typed text', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/basics/ip-address-basics/');
  const root = playground(page, 'calculator');
  const ta = root.locator('[data-input="ranges"] textarea');
  await ta.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n10.1.0.0/16');
  await expect(ta).toBeVisible();
  await expect(ta).toHaveValue(/10\.1\.0\.0\/16$/);
  expect(await root.locator('.monaco-editor').count()).toBe(0);
  const box = (await ta.boundingBox())!;
  expect(box.width).toBeGreaterThan(250);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});

test('YAML panes: schema suggestions on Ctrl+Space, none popping up on a typed space, and only the engine marks errors', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/tools/netpol/');
  const root = playground(page, 'tool');
  const pane = root.locator('[data-input="policies"]');
  // `form:` is a misspelt `from:`: an error of the engine's, and one the schema would flag too.
  await setInput(root, 'policies', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: backend\nspec:\n  podSelector: {}\n  ingress:\n  - form: []\n  ');
  await expect(root.locator('[data-result] .pg-summary')).toContainText('1 error', { timeout: 15_000 });
  const suggestions = pane.locator('.suggest-widget');
  // Ctrl+Space offers the fields the Kubernetes schema allows here, spelt out.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+Space');
  await expect(suggestions).toBeVisible({ timeout: 15_000 });
  await expect(suggestions).toContainText('egress');
  await expect(suggestions).toContainText('policyTypes');
  await page.keyboard.press('Escape');
  await expect(suggestions).toBeHidden();
  // With the schema worker running, a typed space runs the engine but opens no list.
  const before = await runs(root);
  await page.keyboard.type(' ');
  await expect.poll(() => runs(root)).toBeGreaterThan(before);
  await page.waitForTimeout(1000);
  await expect(suggestions).toBeHidden();
  // One squiggle for the one error: the engine's, not a second one from the schema.
  await expect(pane.locator('.squiggly-error')).toHaveCount(1);
});
