import { defineConfig } from '@playwright/test';

// Browser tests run against the built site (dist/), served by scripts/serve-dist.mjs, in Debian's
// Chromium: a test tool's own browser download cannot work on these machines.
const PORT = Number(process.env.E2E_PORT ?? 4329);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  // Pages with many playgrounds take a while on a loaded 2-core machine; heavy tests set more.
  timeout: 60_000,
  // A result that follows a paste takes one engine run in a worker; on a loaded 2-core machine
  // that can pass Playwright's 5 s default, so waits for what a reader sees get 15 s.
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node scripts/serve-dist.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
