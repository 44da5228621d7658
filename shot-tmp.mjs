import { chromium } from '@playwright/test';
const [,, url, out, w, h, theme, action] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: Number(w), height: Number(h) } });
if (theme) await p.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
await p.goto(url);
if (action === 'slip') {
  const ta = p.locator('[data-input="policies"] textarea');
  const v = await ta.inputValue();
  const lines = v.split('\n'); const i = lines.findIndex((l, k) => k > 20 && l === '      podSelector:'); lines[i] = '     podSelector:';
  await ta.fill(lines.join('\n'));
  await p.waitForTimeout(2500);
  await p.locator('.pg-summary').first().scrollIntoViewIfNeeded();
  await p.evaluate(() => window.scrollBy(0, -120));
} else if (action) {
  await p.locator(action).first().scrollIntoViewIfNeeded();
  await p.waitForTimeout(500);
}
await p.screenshot({ path: out });
await b.close();
