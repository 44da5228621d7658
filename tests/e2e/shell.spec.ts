/**
 * The playground shell and the site around it, as a reader sees them (issue 16, items 4, 6,
 * 7, 8): tool pages side by side, YAML without soft wrap, the /tools/ index, Check beside the
 * editor, shared links that land on their playground, navigation along "Start here", search
 * that skips playgrounds. Checked by position, size, computed style and visible text.
 */
import { expect, test, type Page } from '@playwright/test';
import { onboardingPath } from '../../src/onboarding';
import { builtPages, playground, readDist } from './helpers';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual((page.viewportSize()?.width ?? 0) + 1);
}

test.describe('tool pages use the width', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`desktop ${scheme}: inputs left, result right, result sticky and scrolling on its own`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(DESKTOP);
      await page.goto('/tools/netpol/');
      const root = playground(page, 'tool');
      const inputs = (await root.locator('.pg-inputs').boundingBox())!;
      const result = root.locator('[data-result]');
      const box = (await result.boundingBox())!;
      // Side by side: the result starts right of the inputs and beside them, both wide enough to read.
      expect(box.x).toBeGreaterThanOrEqual(inputs.x + inputs.width);
      expect(box.y).toBeLessThan(inputs.y + 100);
      expect(inputs.width).toBeGreaterThan(380);
      expect(box.width).toBeGreaterThan(380);
      await expect(result.locator('.pg-summary')).toBeVisible();
      // Sticky: after scrolling the page well down, the result is still on screen under the header.
      await page.mouse.move(300, 600);
      await page.evaluate(() => scrollBy(0, 900));
      await page.waitForTimeout(200);
      const after = (await result.boundingBox())!;
      expect(after.y).toBeGreaterThanOrEqual(56);
      expect(after.y).toBeLessThan(200);
      expect(after.y + after.height).toBeLessThanOrEqual(DESKTOP.height);
      // It scrolls on its own: taller content than its box, and overflow auto.
      expect(await result.evaluate((e) => getComputedStyle(e).overflowY)).toBe('auto');
      expect(await result.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
      await noSidewaysScroll(page);
    });
  }

  test('phone: inputs and result stack, nothing sticks out', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto('/tools/netpol/');
    const root = playground(page, 'tool');
    const inputs = (await root.locator('.pg-inputs').boundingBox())!;
    const box = (await root.locator('[data-result]').boundingBox())!;
    expect(box.y).toBeGreaterThan(inputs.y + inputs.height);
    expect(await root.locator('[data-result]').evaluate((e) => getComputedStyle(e).position)).toBe('static');
    await noSidewaysScroll(page);
  });

  test('guide pages keep the playground in one column', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/basics/ip-address-basics/');
    const root = playground(page, 'calculator');
    const inputs = (await root.locator('.pg-inputs').boundingBox())!;
    const box = (await root.locator('[data-result]').boundingBox())!;
    expect(box.y).toBeGreaterThan(inputs.y + inputs.height);
  });
});

test('YAML panes do not soft-wrap: a long line stays one line, in the text box and in the editor', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await page.goto('/tools/netpol/');
  const pane = playground(page, 'tool').locator('[data-input="policies"]');
  const ta = pane.locator('textarea');
  expect(await ta.evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('pre');
  // The example's first line is longer than the pane: it scrolls sideways instead of wrapping.
  expect(await ta.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  await pane.locator('[data-pg-host]').click({ position: { x: 40, y: 10 } });
  await expect(pane).toHaveAttribute('data-editor', 'monaco', { timeout: 30_000 });
  await page.keyboard.press('ControlOrMeta+Home');
  const long = `# ${'long-comment-'.repeat(12)}end`;
  await page.keyboard.type(long + '\n');
  const editor = pane.locator('.monaco-editor');
  const first = editor.locator('.view-line').filter({ hasText: 'long-comment-long' }).first();
  await expect(first).toBeVisible();
  // One screen line holds the start of the long line; no second screen line continues it.
  expect(await editor.locator('.view-line', { hasText: /^long-comment-/ }).count()).toBe(0);
  const lineBox = (await first.boundingBox())!;
  expect(lineBox.height).toBeLessThan(25);
});

test.describe('the /tools/ index', () => {
  for (const [name, size, scheme] of [
    ['desktop light', DESKTOP, 'light'],
    ['desktop dark', DESKTOP, 'dark'],
    ['phone dark', PHONE, 'dark'],
  ] as const) {
    test(`${name}: one card per tool with its picture, sentence and link`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(size);
      await page.goto('/tools/');
      const toolPages = builtPages().filter((p) => /^\/tools\/[a-z0-9-]+\/$/.test(p) && p !== '/tools/runbook-links/');
      const cards = page.locator('.tool-card');
      await expect(cards).toHaveCount(toolPages.length);
      for (const card of await cards.all()) {
        await card.scrollIntoViewIfNeeded();
        const pic = (await card.locator('svg.tool-pic').boundingBox())!;
        expect(pic.width).toBeGreaterThan(60);
        expect(pic.height).toBeGreaterThan(30);
        await expect(card.locator('p')).toBeVisible();
        expect(((await card.locator('p').textContent()) ?? '').length).toBeGreaterThan(30);
        const href = await card.locator('a').getAttribute('href');
        expect(toolPages).toContain(href);
      }
      await noSidewaysScroll(page);
      // The whole card is the click target: a click on the picture opens the tool.
      const first = cards.first();
      await first.scrollIntoViewIfNeeded();
      const href = (await first.locator('a').getAttribute('href'))!;
      const pic = (await first.locator('svg').boundingBox())!;
      await page.mouse.click(pic.x + pic.width / 2, pic.y + pic.height / 2);
      await expect(page).toHaveURL(new RegExp(`${href}$`));
    });
  }
});

test('exercises: Check sits right under the editor, its verdict right under it, before the result', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize(DESKTOP);
  await page.goto('/exercises/ip-planning/');
  const ex = page.locator('[data-exercise]').first();
  const title = await ex.locator('h2').textContent();
  await expect(ex.locator('.pg-title')).toHaveText(`Your answer: ${title}`);
  const check = ex.getByRole('button', { name: 'Check my answer' });
  await check.scrollIntoViewIfNeeded();
  await expect(check).toBeVisible();
  const inputs = (await ex.locator('.pg-inputs').boundingBox())!;
  const result = (await ex.locator('[data-result]').boundingBox())!;
  const c = (await check.boundingBox())!;
  expect(c.y).toBeGreaterThanOrEqual(inputs.y + inputs.height);
  expect(c.y - (inputs.y + inputs.height)).toBeLessThan(40);
  expect(c.y + c.height).toBeLessThanOrEqual(result.y);
  await check.click();
  const feedback = ex.locator('[data-ex-feedback]');
  await expect(feedback).toContainText(/Not yet|Passed|Correct/);
  const f = (await feedback.boundingBox())!;
  expect(f.y).toBeGreaterThan(c.y);
  expect(f.y + f.height).toBeLessThanOrEqual((await ex.locator('[data-result]').boundingBox())!.y + 1);
});

test.describe('shared links land on their playground', () => {
  test('a copied link scrolls to its playground, highlights it and says where the inputs came from', async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(DESKTOP);
    await page.goto('/basics/ip-address-basics/');
    const pg = playground(page, 'ipv6');
    await pg.locator('[data-input="ranges"] textarea').evaluate((t: HTMLTextAreaElement) => {
      t.value = 'fd00:abcd::/48';
      t.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await pg.getByRole('button', { name: 'Copy link' }).click();
    await expect(page).toHaveURL(/#pg\.ipv6=/);
    const url = page.url();
    for (const size of [DESKTOP, PHONE]) {
      const fresh = await browser.newContext({ baseURL, viewport: size });
      const other = await fresh.newPage();
      await other.goto(url);
      const again = playground(other, 'ipv6');
      await expect(again.locator('[data-pg-status]')).toHaveText('Inputs loaded from a link — Reset restores the example.');
      // Highlighted on arrival: an accent outline around the whole playground.
      await expect(again).toHaveAttribute('data-pg-landed', 'true');
      await expect(again).toHaveCSS('outline-style', 'solid');
      // On screen: the playground's title is in the viewport, below the header.
      const t = (await again.locator('.pg-title').boundingBox())!;
      expect(t.y).toBeGreaterThanOrEqual(0);
      expect(t.y + t.height).toBeLessThanOrEqual(size.height);
      await expect(again.locator('.pg-title')).toBeInViewport();
      // The highlight is brief; Reset clears the notice.
      await expect(again).not.toHaveAttribute('data-pg-landed', 'true', { timeout: 10_000 });
      await expect(again).toHaveCSS('outline-style', 'none');
      await again.getByRole('button', { name: 'Reset' }).click();
      await expect(again.locator('[data-pg-status]')).toHaveText('Reset to the page’s example.');
      await fresh.close();
    }
  });

  test('?cidr= replaces the whole example: no split left over, no error the reader did not cause', async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(DESKTOP);
    await page.goto('/tools/cidr/?cidr=10.240.0.0/28');
    const root = playground(page, 'tool');
    await expect(root.locator('[data-input="ranges"] textarea')).toHaveValue('10.240.0.0/28');
    await expect(root.locator('[data-input="split"] textarea')).toHaveValue('');
    await expect(root).toHaveAttribute('data-pg-runs', /[1-9]/, { timeout: 20_000 });
    await expect(root.locator('[data-result]')).toContainText('10.240.0.0/28');
    await expect(root.locator('[data-result] .pg-diag-error')).toHaveCount(0);
    await expect(root.locator('[data-pg-status]')).toContainText('Inputs loaded from a link');
  });
});

test.describe('navigation follows "Start here"', () => {
  test('Next and Previous walk the onboarding path', async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(DESKTOP);
    // Following Next from Start here visits the path's pages in its order; a topic's further
    // pages (Gateway API after Ingress, Follow a packet after Troubleshooting) sit between them,
    // and Previous always leads back to the page we came from.
    const visited: string[] = [];
    let at: string | null = onboardingPath[0]!;
    while (at && visited.length < 60 && !visited.includes(at)) {
      await page.goto(at);
      visited.push(at);
      const prev = visited.length > 1 ? await page.locator('.pagination-links a[rel="prev"]').getAttribute('href') : null;
      if (visited.length > 1) expect(prev, at).toBe(visited[visited.length - 2]);
      const next = page.locator('.pagination-links a[rel="next"]');
      at = (await next.count()) ? await next.getAttribute('href') : null;
      if (visited.at(-1) === onboardingPath.at(-1)) break;
    }
    expect(visited.filter((p) => onboardingPath.includes(p))).toEqual([...onboardingPath]);
  });

  test('the sidebar lists the path in its order', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/start-here/');
    const hrefs = await page.locator('nav.sidebar a[href]').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const onPath = hrefs.filter((h) => onboardingPath.includes(h));
    expect(onPath).toEqual([...onboardingPath]);
    await expect(page.locator('nav.sidebar').getByText('Dual-stack and performance')).toBeVisible();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`home page (${scheme}): its cards are links, to the path, the exercises and every tool`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(DESKTOP);
      await page.goto('/');
      for (const [name, href] of [
        ['Engineers in onboarding', '/start-here/'],
        ['Learners on exercises', '/exercises/'],
        ['On-call engineers', '/tools/runbook-links/'],
      ]) {
        const link = page.getByRole('link', { name });
        await expect(link).toBeVisible();
        expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toBe(href);
      }
      const tools = page.locator('.tool-card a');
      expect(await tools.count()).toBeGreaterThanOrEqual(9);
      await expect(tools.first()).toBeVisible();
    });
  }

  test('phone: the site title is shown whole', async ({ page }) => {
    await page.setViewportSize(PHONE);
    for (const path of ['/', '/network-policies/network-policies/']) {
      await page.goto(path);
      const title = page.locator('.site-title span').first();
      await expect(title).toBeVisible();
      await expect(title).toHaveText('AKS Networking Field Guide');
      const fits = await title.evaluate((e) => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1);
      expect(fits).toBe(true);
      const box = (await title.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      // Not under the header's buttons either.
      const search = (await page.locator('site-search button').first().boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(search.x);
    }
  });

  test('"On this page" follows the section being read, past playgrounds', async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(DESKTOP);
    await page.goto('/basics/ip-address-basics/');
    const toc = page.locator('starlight-toc');
    expect(await page.locator('.sl-markdown-content h2[id]').count()).toBeGreaterThan(3);
    // A playground's title is no section of its own (it has no id Starlight would track).
    expect(await page.locator('[data-playground] :is(h2, h3, h4)[id]').count()).toBe(0);
    // Scroll to a paragraph after the first playground; the current entry is that paragraph's section.
    const para = page.locator('.sl-markdown-content [data-playground] ~ p').first();
    await para.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => scrollBy(0, -100));
    const section = await para.evaluate((p) => {
      let h: Element | null = p;
      const sel = 'h2[id], h3[id]';
      while (h && !(h.matches(sel) || h.querySelector(sel))) h = h.previousElementSibling;
      return (h?.matches(sel) ? h : h?.querySelector(sel))?.id ?? '';
    });
    expect(section).not.toBe('');
    await expect(toc.locator('a[aria-current="true"]')).toHaveAttribute('href', `#${section}`, { timeout: 5_000 });
    await expect(toc.locator('a[aria-current="true"]')).toBeVisible();
  });
});

test('search: playground inputs, hints and results are left out of the index', async ({ page }) => {
  test.setTimeout(90_000);
  const html = readDist('tools/netpol/index.html');
  for (const cls of ['pg-inputs', 'pg-toolbar', 'pg-result', 'pg-keys']) {
    const tags = [...html.matchAll(new RegExp(`<[^>]*class="[^"]*\\b${cls}\\b[^"]*"[^>]*>`, 'g'))].map((m) => m[0]);
    expect(tags.length, cls).toBeGreaterThan(0);
    for (const t of tags) expect(t, cls).toContain('data-pagefind-ignore');
  }
  // An address only the netpol example and its results contain is not found; prose still is.
  await page.setViewportSize(DESKTOP);
  await page.goto('/');
  await page.getByRole('button', { name: /search/i }).first().click();
  const box = page.getByRole('searchbox').or(page.locator('dialog input')).first();
  await box.fill('10.244.2.21');
  // Pagefind may still list pages whose prose holds similar numbers; none may quote the address.
  await expect(page.locator('dialog')).toContainText(/results? for 10\.244\.2\.21/i, { timeout: 15_000 });
  await expect(page.locator('dialog .pagefind-ui__result-excerpt').first()).toBeVisible();
  expect(await page.locator('dialog .pagefind-ui__result-excerpt').allTextContents()).not.toContainEqual(expect.stringContaining('10.244.2.21'));
  await box.fill('reserves five');
  await expect(page.locator('dialog').getByRole('link', { name: /IP address basics/i }).first()).toBeVisible({ timeout: 15_000 });
});
