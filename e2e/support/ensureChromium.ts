import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumExecutable } from './browser.ts';

/**
 * Run before the end-to-end tests (`npm run test:e2e`): makes sure there is a Chromium to drive,
 * or stops at once with the one command that gets one — never a wall of launch errors. It looks
 * where the tests look (browser.ts); with nothing there it provisions one: Debian's package when
 * running as root with apt, else Playwright's own download where the network allows it.
 */
const DEBIAN = 'apt-get install -y chromium';
const PLAYWRIGHT = 'npx playwright install chromium';

function found(): string | undefined {
  const system = chromiumExecutable();
  if (system) return system;
  const own = chromium.executablePath();
  return existsSync(own) ? own : undefined;
}

function run(command: string, args: string[]): boolean {
  console.log(`No Chromium for the end-to-end tests: running ${[command, ...args].join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit' }).status === 0;
}

function hasApt(): boolean {
  try {
    execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function provision(): void {
  const root = process.getuid?.() === 0;
  if (root && hasApt()) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    if (run('apt-get', ['install', '-y', 'chromium']) && found()) return;
  }
  if (run('npx', ['playwright', 'install', 'chromium']) && found()) return;
  // Playwright's download was just tried and failed, so with apt the package is the way.
  const command = hasApt() ? `${root ? '' : 'sudo '}${DEBIAN}` : PLAYWRIGHT;
  console.error(
    `\nThe end-to-end tests need a Chromium, and none could be installed here.\nRun: ${command}\n` +
      'or name one with OUTPOST_CHROMIUM=/path/to/chromium, then run the tests again.',
  );
  process.exit(1);
}

const existing = found();
if (existing) console.log(`Chromium for the end-to-end tests: ${existing}`);
else provision();
