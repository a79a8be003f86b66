import type { Page } from '@playwright/test';
import { defaultDeviceName } from '../src/db/deviceName.ts';
import type { Settings } from '../src/protocol/sync.ts';
import { accessibilityViolations as violations } from './support/axe.ts';
import { expect, openApp, test } from './support/fixtures.ts';
import {
  latestWinsDevices,
  radio,
  retitleWhileApart,
  strategySection,
} from './support/strategies.ts';
import { newUsername, serverTitles, signIn, syncStatus } from './support/sync.ts';

/** [P3] what the server holds as the signed-in user's strategy (the context's cookie). */
async function serverSettings(page: Page): Promise<Settings> {
  const response = await page.request.get('/api/sync/settings', {
    headers: { 'Outpost-Protocol': '1' },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as Settings;
}

test('[P3] the settings screen loads the conflict strategy from the server and saves each change at once', async ({
  page,
  context,
  appErrors,
}) => {
  await openApp(page, '/settings');
  // Signed out: the setting lives on the server, so there is nothing to change yet.
  await expect(strategySection(page)).toContainText('sign in to see and change it');
  await expect(radio(page, 'Notes', 'Ask me')).toBeDisabled();
  expect(await violations(page, '.strategy-section')).toEqual([]);

  await signIn(page, newUsername(), 'Create account');
  // The default is `ask` for both collections [P3].
  await expect(radio(page, 'Notes', 'Ask me')).toBeChecked();
  await expect(radio(page, 'Contacts', 'Ask me')).toBeChecked();
  await expect(radio(page, 'Notes', 'Latest edit wins')).toBeEnabled();
  await expect(radio(page, 'Notes', 'Latest edit wins')).toHaveAccessibleDescription(
    /later edit.*history and can be restored/,
  );

  await radio(page, 'Notes', 'Latest edit wins').check();
  await expect(strategySection(page).getByRole('status')).toHaveText('Saved');
  expect(await violations(page, '.strategy-section')).toEqual([]);
  expect(await serverSettings(page)).toEqual({
    conflictStrategy: { notes: 'latest-wins', contacts: 'ask' },
  });

  // By keyboard: arrow keys move the choice within a group, and that saves too.
  await radio(page, 'Contacts', 'Ask me').focus();
  await page.keyboard.press('ArrowDown');
  await expect(radio(page, 'Contacts', 'Latest edit wins')).toBeChecked();
  await expect(radio(page, 'Contacts', 'Latest edit wins')).toBeFocused();
  await expect
    .poll(async () => (await serverSettings(page)).conflictStrategy.contacts)
    .toBe('latest-wins');
  await expect(strategySection(page).getByRole('status')).toHaveText('Saved');

  // A fresh load reads the server's value, not something kept on this device.
  await page.reload();
  await expect(radio(page, 'Notes', 'Latest edit wins')).toBeChecked();
  await expect(radio(page, 'Contacts', 'Latest edit wins')).toBeChecked();

  // Offline: explained, and the choices cannot be changed; back online they can.
  await context.setOffline(true);
  await expect(strategySection(page)).toContainText('only with a connection');
  await expect(radio(page, 'Notes', 'Ask me')).toBeDisabled();
  await context.setOffline(false);
  await expect(radio(page, 'Notes', 'Ask me')).toBeEnabled();
  await radio(page, 'Notes', 'Ask me').check();
  await expect(strategySection(page).getByRole('status')).toHaveText('Saved');
  expect((await serverSettings(page)).conflictStrategy.notes).toBe('ask');

  // While offline the browser itself logs each request it could not make (a sync attempt, the
  // event stream): those are expected; anything else is an app error.
  expect(appErrors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('[P3][H1] latest edit wins: two offline edits converge without a conflict, and the earlier one is restored from the history', async ({
  page,
  browser,
  server,
}) => {
  test.setTimeout(60_000);
  const { id, laptop, other } = await latestWinsDevices(page, browser, server.baseURL);
  try {
    const notes = (target: Page) => target.getByRole('list', { name: /^Notes/ });
    const title = (target: Page) => target.getByRole('textbox', { name: 'Title' });
    await expect(notes(other).getByRole('link', { name: /^Shopping/ })).toBeVisible();

    // Both devices go offline; the phone edits first, the laptop later (device clocks).
    await page.context().setOffline(true);
    await laptop.setOffline(true);
    await page.goto(`/notes/${id}`);
    await title(page).fill('Shopping for Monday');
    await expect(notes(page).getByRole('link', { name: /^Shopping for Monday/ })).toBeVisible();
    await other.goto(`/notes/${id}`);
    await title(other).fill('Shopping for the party');
    await expect(notes(other).getByRole('link', { name: /^Shopping for the party/ })).toBeVisible();

    // The earlier edit reaches the server first; the later one then takes the title [P3].
    await page.context().setOffline(false);
    await expect.poll(() => serverTitles(page)).toEqual(['Shopping for Monday']);
    await laptop.setOffline(false);
    await expect.poll(() => serverTitles(other)).toEqual(['Shopping for the party']);
    await expect(syncStatus(other)).toContainText('Synced');
    await expect(title(page)).toHaveValue('Shopping for the party');
    await expect(title(other)).toHaveValue('Shopping for the party');
    for (const device of [page, other]) {
      await expect(syncStatus(device)).not.toContainText('conflict');
      await expect(device.getByText('Conflict with another device')).toHaveCount(0);
    }

    // Not in silence (issue 13): the phone says its title was replaced, and by which device,
    // in the editor and in the status, until the person has seen it; the laptop says nothing.
    const laptopName = defaultDeviceName(await other.evaluate(() => navigator.userAgent));
    const editor = page.getByRole('article', { name: 'Note editor' });
    await expect(editor).toContainText(
      `Your title was replaced by ${laptopName}’s later edit. Yours is kept in the history.`,
    );
    await expect(syncStatus(page)).toContainText('1 edit replaced by another device');
    await expect(other.getByText(/was replaced by/)).toHaveCount(0);

    // The overwritten title is in the note's history [H1], newest change first: the notice
    // opens it, with focus on it.
    const toggle = editor.getByRole('button', { name: 'History', exact: true });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await editor.getByRole('button', { name: 'View history' }).click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(toggle).toBeFocused();
    const entries = editor
      .getByRole('list', { name: 'Changes to this note, newest first' })
      .getByRole('listitem');
    await expect(entries.first()).toContainText('Shopping for Monday');
    // [P9] the laptop's change under the name it sent (its browser's, none was given).
    await expect(entries.first()).toContainText(
      `on ${defaultDeviceName(await other.evaluate(() => navigator.userAgent))}`,
    );
    await expect(entries.nth(1)).toContainText('this device');
    await expect(entries.last()).toContainText('Created');
    expect(await violations(page, '.record-history')).toEqual([]);

    // Restoring is an ordinary edit: it shows at once and syncs to the other device.
    const overwritten = entries.filter({ hasText: 'Shopping for Monday' });
    const restore = overwritten.getByRole('button', { name: /^Restore these values from / });
    await expect(restore).toHaveAccessibleName(/: Title “Shopping for Monday”$/);
    await restore.click();
    await expect(title(page)).toHaveValue('Shopping for Monday');
    await expect(
      editor.getByRole('status').filter({ hasText: 'Restored the values' }),
    ).toBeVisible();
    await expect.poll(() => serverTitles(page)).toEqual(['Shopping for Monday']);
    await expect(title(other)).toHaveValue('Shopping for Monday', { timeout: 10_000 });

    // Once synced, the restore is itself a change in the history, and the entry is current.
    await expect(entries.first()).toContainText('Shopping for the party');
    await expect(overwritten).toContainText('These are the current values.');
    // The button stays (aria-disabled), so keyboard focus is not lost after a restore.
    await expect(restore).toHaveAttribute('aria-disabled', 'true');
    await expect(restore).toBeFocused();
    // Seen: the notice and the status's mention go.
    await editor.getByRole('button', { name: 'Got it' }).click();
    await expect(editor.getByText(/was replaced by/)).toHaveCount(0);
    await expect(syncStatus(page)).not.toContainText('replaced');
    for (const device of [page, other]) {
      await expect(syncStatus(device)).not.toContainText('conflict');
    }
  } finally {
    await laptop.close();
  }
});

test('[P3][H1] latest edit wins, the later edit first: the overruled edit is kept in the history and can be used after all', async ({
  page,
  browser,
  server,
}) => {
  test.setTimeout(60_000);
  const { id, laptop, other } = await latestWinsDevices(page, browser, server.baseURL);
  try {
    const title = (target: Page) => target.getByRole('textbox', { name: 'Title' });
    await retitleWhileApart(page, { context: laptop, page: other }, id, {
      earlier: 'Shopping for Monday',
      later: 'Shopping for the party',
    });

    // The later edit reaches the server first; the earlier one then loses, without a dialog.
    await laptop.setOffline(false);
    await expect.poll(() => serverTitles(other)).toEqual(['Shopping for the party']);
    await page.context().setOffline(false);
    await expect(title(page)).toHaveValue('Shopping for the party');
    await expect(syncStatus(page)).toContainText('Synced');
    await expect(syncStatus(page)).not.toContainText('conflict');

    // Not in silence (issue 13): the push's answer said the phone's title lost.
    const editor = page.getByRole('article', { name: 'Note editor' });
    await expect(editor).toContainText(/Your title was replaced by .+’s later edit\./);
    await expect(syncStatus(page)).toContainText('1 edit replaced by another device');

    // Nothing silently lost: the phone's title is in the history, and can still win.
    await editor.getByRole('button', { name: 'History', exact: true }).click();
    const overruled = editor
      .getByRole('list', { name: 'Changes to this note, newest first' })
      .getByRole('listitem')
      .filter({ hasText: 'Edit overruled' });
    await expect(overruled).toContainText('a later edit from another device won');
    await expect(overruled).toContainText('Shopping for Monday');
    await overruled.getByRole('button', { name: /^Use these values after all/ }).click();
    await expect(title(page)).toHaveValue('Shopping for Monday');
    await expect.poll(() => serverTitles(page)).toEqual(['Shopping for Monday']);
    await expect(title(other)).toHaveValue('Shopping for Monday');
  } finally {
    await laptop.close();
  }
});
