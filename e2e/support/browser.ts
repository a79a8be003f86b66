import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * Which Chromium to drive. Playwright cannot download its own browser on machines without
 * internet, so Debian's /usr/bin/chromium is used when present; OUTPOST_CHROMIUM overrides it,
 * and with neither, Playwright's own browser is used where it is installed.
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.OUTPOST_CHROMIUM;
  if (fromEnv) return fromEnv;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
}

export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: chromiumExecutable(),
    // Background networking, component updates and sync reach for Google's hosts; on a closed
    // network those lookups fail noisily and slow every start.
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
