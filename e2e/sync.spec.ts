import { randomUUID } from 'node:crypto';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import {
  answerMoveOffer,
  ANY_WAITING,
  expectSynced,
  openSecondDevice,
  openSyncSheet,
  PASSWORD,
  serverTitles,
  signIn,
  waitingCount,
} from './support/sync.ts';

test.describe('sync', () => {
  test('offline edits, back online: a sync (Background Sync or the online fallback) sends them, the server has exactly them, the status says synced', async ({
    page,
    context,
  }) => {
    const username = `e2e-${randomUUID().slice(0, 8)}`;
    await openApp(page);
    await createNote(page, 'Made before signing in');
    await signIn(page, username, 'Create account');
    await answerMoveOffer(page, username, true);
    const status = page.getByRole('region', { name: 'Sync', exact: true }).getByRole('status');
    await expect(status).toContainText('Synced');

    await context.setOffline(true);
    await createNote(page, 'Offline one');
    await createNote(page, 'Offline two');
    await expect(status).toContainText('Offline');
    await expect(status).toContainText(waitingCount(2));
    // Signed in, each item that waits for the server says so.
    const rows = page.getByRole('list', { name: /^Notes/ }).getByRole('link');
    await expect(
      rows.filter({ hasText: 'Offline one' }).getByText('Not synced yet'),
    ).toBeAttached();
    await expect(page.getByText('kept on this device only')).toHaveCount(0);
    // Details lists what the status counts: one line per note, a new note called new.
    await openSyncSheet(page);
    const waiting = page
      .getByRole('list', { name: 'Changes waiting for the server' })
      .getByRole('listitem');
    await expect(waiting).toHaveCount(2);
    await expect(waiting.first()).toContainText('New note “Offline one”');
    await page.keyboard.press('Escape');

    await context.setOffline(false);
    await expect(status).toContainText('Synced', { timeout: 10_000 });
    await expect(status).not.toContainText(ANY_WAITING);
    expect(await serverTitles(page)).toEqual([
      'Made before signing in',
      'Offline one',
      'Offline two',
    ]);
    await expect(page.getByText('Not synced yet')).toHaveCount(0);
  });

  test('a second device signs in and receives everything', async ({ page, browser, server }) => {
    const username = `e2e-${randomUUID().slice(0, 8)}`;
    await openApp(page);
    await signIn(page, username, 'Create account');
    await createNote(page, 'Shared note');
    await expectSynced(page);

    const { context: laptop, page: other } = await openSecondDevice(
      browser,
      server.baseURL,
      username,
    );
    try {
      await expect(
        other.getByRole('list', { name: /^Notes/ }).getByRole('link', { name: /Shared note/ }),
      ).toBeVisible({
        timeout: 10_000,
      });
    } finally {
      await laptop.close();
    }
  });

  test('a wrong password says so and keeps the data on the device', async ({ page }) => {
    await openApp(page);
    await createNote(page, 'Still here');
    await page.getByRole('button', { name: 'Sign in to sync' }).click();
    const form = page.getByRole('form', { name: 'Sign in' });
    await form
      .getByRole('textbox', { name: 'Username' })
      .fill(`nobody-${randomUUID().slice(0, 6)}`);
    await form.getByLabel('Password').fill('wrong password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Wrong username or password');
    await expect(
      page.getByRole('list', { name: /^Notes/ }).getByRole('link', { name: /Still here/ }),
    ).toBeVisible();
  });

  test('[E1] a second device shows new notes through a poke, without a reload', async ({
    page,
    browser,
    server,
  }) => {
    const username = `e2e-${randomUUID().slice(0, 8)}`;
    await openApp(page);
    await signIn(page, username, 'Create account');
    const { context: laptop, page: other } = await openSecondDevice(
      browser,
      server.baseURL,
      username,
    );
    try {
      await expect(
        other.getByRole('region', { name: 'Sync', exact: true }).getByRole('status'),
      ).toContainText('Synced');
      await other.evaluate(
        () => ((window as unknown as { notReloaded: boolean }).notReloaded = true),
      );

      await createNote(page, 'Poked across');
      await expect(
        other.getByRole('list', { name: /^Notes/ }).getByRole('link', { name: /Poked across/ }),
      ).toBeVisible({
        timeout: 10_000,
      });
      expect(await other.evaluate(() => 'notReloaded' in window)).toBe(true);
    } finally {
      await laptop.close();
    }
  });

  test('[A3] a 401 mid-session asks to sign in again, keeps the outbox, and sends it after sign-in', async ({
    page,
  }) => {
    const username = `e2e-${randomUUID().slice(0, 8)}`;
    await openApp(page);
    await signIn(page, username, 'Create account');
    // The session ends on the server (here: revoked), while the app still thinks it is signed in.
    expect((await page.request.post('/api/auth/logout')).status()).toBe(204);

    await createNote(page, 'Written after the session ended');
    const sync = page.getByRole('region', { name: 'Sync', exact: true });
    await expect(sync.getByRole('status')).toContainText('Your session ended');
    await expect(sync.getByRole('status')).toContainText(waitingCount(1));

    await sync.getByRole('button', { name: 'Sign in again' }).click();
    const form = page.getByRole('form', { name: 'Sign in' });
    await expect(form.getByRole('textbox', { name: 'Username' })).toHaveValue(username);
    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(sync.getByRole('status')).toContainText('Synced', { timeout: 10_000 });
    expect(await serverTitles(page)).toEqual(['Written after the session ended']);
  });
});
