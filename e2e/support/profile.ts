import { chromium, type BrowserContext } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './browser.ts';
import { test } from './fixtures.ts';

/**
 * A browser profile on disk for each test of the calling describe block: only such a profile
 * survives closing the browser, and Chromium reports an ordinary (incognito-like) context as not
 * installable. `launch` opens a browser on it; `directory` names it (to kill its processes).
 */
export function persistentProfile() {
  let directory = '';
  test.beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'outpost-profile-'));
  });
  test.afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  return {
    directory: () => directory,
    launch: (baseURL: string): Promise<BrowserContext> =>
      chromium.launchPersistentContext(directory, {
        ...chromiumLaunchOptions(),
        baseURL,
        serviceWorkers: 'allow',
      }),
  };
}
