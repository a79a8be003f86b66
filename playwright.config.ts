import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/browser.ts';

/**
 * End-to-end tests run the built app on the real server (a fresh process and data directory
 * per test file, see e2e/support/fixtures.ts) in a real Chromium with service workers on.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Budgets for waiting, not speed checks: on a busy 2-core machine running two workers, each
  // with its browsers and server, a multi-device test can take twice as long as alone.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    browserName: 'chromium',
    serviceWorkers: 'allow',
    launchOptions: chromiumLaunchOptions(),
    // A failed test keeps its trace (actions, DOM snapshots, network). Without the screencast:
    // every test records one, passing or not, and on two cores it cost a tenth of the run.
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
});
