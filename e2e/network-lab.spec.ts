import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { SQLITE_FILE } from '../src/server/storage/connect.ts';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import { accessibilityViolations } from './support/axe.ts';
import { ARMED, FAULTS_TOKEN, startServer } from './support/server.ts';
import {
  ANY_WAITING,
  newUsername,
  serverTitles,
  signIn,
  syncStatus,
  waitingCount,
} from './support/sync.ts';

/** The network lab in Settings: the server's faults [F1], switched by a person. */
function lab(page: Page) {
  return page.getByRole('region', { name: 'Network lab' });
}

/** Types the faults token the server printed, as the person who started it would. */
async function enterToken(page: Page) {
  await lab(page).getByLabel('Faults token').fill(FAULTS_TOKEN);
}

function offlineSwitch(page: Page) {
  return lab(page).getByRole('switch', { name: 'Offline (server drops every connection)' });
}

/**
 * Whether the server stored a record, read from its database file: while the server is
 * "offline" no request gets an answer, the test's own included.
 */
function serverStored(dataDir: string, id: string): boolean {
  const db = new Database(join(dataDir, SQLITE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT 1 FROM records WHERE id = ?').get(id) !== undefined;
  } finally {
    db.close();
  }
}

/** The CSP forbids inline styles: a violation would show up as a console error. */
function cspErrors(appErrors: string[]): string[] {
  return appErrors.filter((error) => /Content Security Policy/i.test(error));
}

test.afterEach(async ({ page }) => {
  await page.request.delete('/api/_faults', ARMED);
});

test('offline from the lab: the edit waits on the device, and syncs once the lab turns it off', async ({
  page,
  server,
  appErrors,
}) => {
  await openApp(page);
  await signIn(page, newUsername(), 'Create account');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(lab(page).getByRole('heading', { name: 'Network lab' })).toBeVisible();
  expect(await accessibilityViolations(page, '.network-lab')).toEqual([]);
  await enterToken(page);

  // Not check(): the switch shows the server's answer, which arrives a moment after the click.
  await offlineSwitch(page).click();
  await expect(offlineSwitch(page)).toBeChecked();
  await expect(lab(page).getByRole('status')).toContainText('offline');

  await page.getByRole('link', { name: 'Notes' }).click();
  const title = 'Written while the server is away';
  const id = await createNote(page, title);
  await expect(syncStatus(page)).toContainText('Can’t reach the server', { timeout: 10_000 });
  await expect(syncStatus(page)).toContainText(waitingCount(1));
  await expect(serverTitles(page)).rejects.toThrow();
  expect(serverStored(server.dataDir, id)).toBe(false);

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(offlineSwitch(page)).toBeChecked();
  await offlineSwitch(page).click();
  await expect(offlineSwitch(page)).not.toBeChecked();
  await expect(lab(page).getByRole('status')).toContainText('none');

  // Nobody presses "Sync now": the engine's own retry (backoff) brings the note over.
  await expect.poll(() => serverTitles(page), { timeout: 20_000 }).toEqual([title]);
  await expect(syncStatus(page)).toContainText('Synced', { timeout: 20_000 });
  await expect(syncStatus(page)).not.toContainText(ANY_WAITING);
  expect(cspErrors(appErrors)).toEqual([]);
});

test('the lab by keyboard: each fault is applied and shown, a refused change is an alert', async ({
  page,
  appErrors,
}) => {
  await openApp(page, '/settings');
  const status = lab(page).getByRole('status');
  await expect(status).toContainText('none, the server behaves normally');

  // [F1] without the token the server refuses, and the lab says why.
  const latency = lab(page).getByRole('spinbutton', { name: 'Latency (ms)' });
  await latency.fill('500');
  await latency.press('Enter');
  await expect(lab(page).getByRole('alert')).toContainText('faults_token_invalid');
  await expect(status).toContainText('none, the server behaves normally');
  await enterToken(page);
  // Kept for the tab: a reload does not ask for it again.
  await page.reload();
  await expect(lab(page).getByLabel('Faults token')).toHaveValue(FAULTS_TOKEN);
  await latency.fill('500');
  await latency.press('Enter');
  await expect(status).toContainText('500 ms latency');

  await lab(page).getByRole('spinbutton', { name: 'Requests to fail (N)' }).fill('2');
  await lab(page).getByRole('combobox', { name: 'Status (S)' }).selectOption('429');
  await lab(page).getByRole('button', { name: 'Apply failures' }).press('Enter');
  await expect(status).toContainText('the next 2 requests fail with 429');

  await lab(page).getByRole('spinbutton', { name: 'Pushes to drop (N)' }).fill('1');
  await lab(page).getByRole('button', { name: 'Apply drops' }).press('Space');
  await expect(status).toContainText('the answer to the next push is lost');
  const server = await (await page.request.get('/api/_faults')).json();
  expect(server).toEqual({
    latencyMs: 500,
    failNext: { count: 2, status: 429 },
    dropAfterCommit: 1,
  });

  // The server refuses the next change: the lab says so, and keeps showing what is set.
  await page.route('**/api/_faults', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 500,
          json: { error: { code: 'internal', message: 'Something broke' } },
        })
      : route.fallback(),
  );
  await offlineSwitch(page).focus();
  await page.keyboard.press('Space');
  await expect(lab(page).getByRole('alert')).toHaveText(
    'Could not change the faults: Something broke (internal)',
  );
  await expect(offlineSwitch(page)).not.toBeChecked();
  await expect(status).toContainText('500 ms latency');
  expect(await accessibilityViolations(page, '.network-lab')).toEqual([]);
  await page.unroute('**/api/_faults');

  await lab(page).getByRole('button', { name: 'Clear all faults' }).press('Enter');
  await expect(status).toContainText('none, the server behaves normally');
  await expect(lab(page).getByRole('alert')).toHaveCount(0);
  expect(await (await page.request.get('/api/_faults')).json()).toEqual({});
  expect(cspErrors(appErrors)).toEqual([]);
});

test('without OUTPOST_FAULTS=1 on the server, Settings has no network lab', async ({
  page,
  appErrors,
}) => {
  const plain = await startServer({ OUTPOST_FAULTS: '0' });
  try {
    const health = page.waitForResponse((response) => response.url().endsWith('/api/health'));
    await openApp(page, `${plain.baseURL}/settings`);
    expect(await (await health).json()).not.toHaveProperty('faults');
    expect((await page.request.get(`${plain.baseURL}/api/_faults`)).status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    // The lab asked /api/health, not the missing route: no 404 in the console.
    expect(appErrors).toEqual([]);
    await expect(page.getByRole('heading', { name: 'Network lab' })).toHaveCount(0);
    await expect(page.getByRole('switch')).toHaveCount(0);
  } finally {
    await plain.stop();
  }
});
