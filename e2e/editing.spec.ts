import type { BrowserContext, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { expect, openApp, test } from './support/fixtures.ts';
import { SYNC_AFTER_QUIET_MS } from '../src/sync/driver.ts';
import { persistentProfile } from './support/profile.ts';
import {
  ANY_WAITING,
  openSignedUp,
  serverHistory,
  serverRecords,
  syncNow,
  syncStatus,
} from './support/sync.ts';
import { outboxRows } from './support/syncTraffic.ts';

/**
 * Never lose a word: a new note takes typing the moment it is started, and whatever was typed
 * is on the device before the page can go away, however abruptly it goes.
 */

const noteRows = (page: Page) => page.getByRole('list', { name: /^Notes/ }).getByRole('link');
const titleBox = (page: Page) => page.getByRole('textbox', { name: 'Title' });
const bodyBox = (page: Page) => page.getByRole('textbox', { name: 'Note text' });

/** Exactly one note in the list, with this title, and no empty one anywhere. */
async function expectOnlyNote(page: Page, title: string) {
  await expect(noteRows(page)).toHaveCount(1);
  await expect(noteRows(page).first()).toContainText(title);
  await expect(page.getByText('Untitled note')).toHaveCount(0);
}

const noteId = (page: Page) => new URL(page.url()).pathname.split('/')[2] ?? '';

test.describe('a new note', () => {
  test('"New note" by click, then typing at once: one note with that title, no empty notes left behind', async ({
    page,
  }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'New note' }).click();
    await page.keyboard.type('Buy milk and eggs');
    await expect(titleBox(page)).toHaveValue('Buy milk and eggs');
    await expect(titleBox(page)).toBeFocused();
    await expectOnlyNote(page, 'Buy milk and eggs');
  });

  test('"New note" by Enter, then typing at once: one note with that title', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'New note' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Call the plumber');
    await expect(titleBox(page)).toHaveValue('Call the plumber');
    await expectOnlyNote(page, 'Call the plumber');
  });

  test('"New note" by tap, then typing at once: one note with that title', async ({
    browser,
    server,
  }) => {
    const phone = await browser.newContext({
      baseURL: server.baseURL,
      serviceWorkers: 'allow',
      hasTouch: true,
      viewport: { width: 390, height: 844 },
    });
    try {
      const page = await phone.newPage();
      await openApp(page);
      await page.getByRole('button', { name: 'New note' }).tap();
      await page.keyboard.type('Tapped and typed');
      await expect(titleBox(page)).toHaveValue('Tapped and typed');
      // On a phone the note replaces the list: back to it, where the note is listed once.
      await page.getByRole('link', { name: 'Back to notes' }).tap();
      await expectOnlyNote(page, 'Tapped and typed');
    } finally {
      await phone.close();
    }
  });

  test('Enter in the title moves the cursor to the text', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'New note' }).click();
    await page.keyboard.type('Packing list');
    await page.keyboard.press('Enter');
    await page.keyboard.type('passport');
    await expect(titleBox(page)).toHaveValue('Packing list');
    await expect(bodyBox(page)).toHaveValue('passport');
    await expect(bodyBox(page)).toBeFocused();
  });

  test('a new note left blank is not kept, and never reaches the server', async ({
    page,
    context,
  }) => {
    await openSignedUp(page);
    await expect(syncStatus(page)).toContainText('Synced');
    // Offline, so nothing can sync before it is erased. Started and left untouched; then
    // started, typed into, erased, and left.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByRole('button', { name: 'New note' }).click();
    await page.keyboard.type('gone soon');
    await expect(noteRows(page)).toHaveCount(1);
    await titleBox(page).fill('');
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('link', { name: 'Notes', exact: true }).click();
    await expect(page.getByText('No notes yet')).toBeVisible();

    await context.setOffline(false);
    await syncNow(page);
    await expect(syncStatus(page)).toContainText('Synced');
    await expect(syncStatus(page)).not.toContainText(ANY_WAITING);
    expect(await serverRecords(page)).toEqual([]);
    expect(await outboxRows(page)).toEqual([]);
  });
});

test('a sentence typed online goes to the server as at most two changes, not one per keystroke', async ({
  page,
}) => {
  await openSignedUp(page);
  await expect(syncStatus(page)).toContainText('Synced');
  await page.getByRole('button', { name: 'New note' }).click();
  await recordKeystrokeTimes(page);
  await page.keyboard.type('Typed while online, and synced ');
  await page.keyboard.press('Enter');
  await page.keyboard.type('without a push for every keystroke');
  await expect
    .poll(async () => (await serverRecords(page))[0]?.['body'], { timeout: 10_000 })
    .toBe('without a push for every keystroke');
  await expect(syncStatus(page)).not.toContainText(ANY_WAITING);
  // A burst of typing goes out as what its first keystroke asked for and the rest once the
  // typing pauses (src/sync/driver.ts). A loaded machine can stall the typing itself long
  // enough to end a burst; each stall the page saw allows one more burst, never one change per
  // keystroke (65 here). Half the quiet window counts as a stall: the driver measures from each
  // write's commit, which can lag its keystroke.
  const stalls = (await keystrokeGaps(page)).filter((gap) => gap >= SYNC_AFTER_QUIET_MS / 2);
  const changes = await serverHistory(page, noteId(page));
  expect(changes.length).toBeGreaterThanOrEqual(1);
  expect(changes.length).toBeLessThanOrEqual(2 * (1 + stalls.length));
});

/** Notes the time of every input event from now on, as the page handles it. */
async function recordKeystrokeTimes(page: Page) {
  await page.evaluate(() => {
    const times: number[] = [];
    Object.assign(window, { keystrokeTimes: times });
    document.addEventListener('input', () => times.push(performance.now()), true);
  });
}

/** Milliseconds between consecutive input events since recordKeystrokeTimes. */
async function keystrokeGaps(page: Page): Promise<number[]> {
  const times = await page.evaluate(
    () => (window as unknown as { keystrokeTimes: number[] }).keystrokeTimes,
  );
  expect(times.length).toBeGreaterThan(60);
  return times.slice(1).map((time, i) => time - times[i]!);
}

test.describe('typing survives the page going away', () => {
  test('type and at once reload: every character is there', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'New note' }).click();
    await page.keyboard.type('Typed right before the reload');
    await page.keyboard.press('Enter');
    await page.keyboard.type('and the text too');
    await page.reload();
    await expect(titleBox(page)).toHaveValue('Typed right before the reload');
    await expect(bodyBox(page)).toHaveValue('and the text too');
  });

  test('type and at once close the page: reopened, every character is there', async ({
    context,
    page,
  }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'New note' }).click();
    await page.keyboard.type('Typed right before closing the tab');
    const id = noteId(page);
    await page.close();

    const reopened = await context.newPage();
    await reopened.goto(`/notes/${id}`);
    await expect(titleBox(reopened)).toHaveValue('Typed right before closing the tab');
  });

  test.describe('with a profile on disk', () => {
    const profile = persistentProfile();
    const launch = profile.launch;

    async function typeInNewNote(context: BrowserContext, text: string): Promise<string> {
      const page = context.pages()[0] ?? (await context.newPage());
      await openApp(page);
      await page.getByRole('button', { name: 'New note' }).click();
      await page.keyboard.type(text);
      return noteId(page);
    }

    async function expectReopened(baseURL: string, id: string, text: string) {
      const again = await launch(baseURL);
      try {
        const page = again.pages()[0] ?? (await again.newPage());
        await page.goto(`/notes/${id}`);
        await expect(titleBox(page)).toHaveValue(text);
      } finally {
        await again.close();
      }
    }

    test('type and at once close the browser: reopened, every character is there', async ({
      server,
    }) => {
      const context = await launch(server.baseURL);
      const id = await typeInNewNote(context, 'Typed right before the browser closed');
      await context.close();
      await expectReopened(server.baseURL, id, 'Typed right before the browser closed');
    });

    test('type and at once kill the browser process: reopened, every character is there', async ({
      server,
    }) => {
      const context = await launch(server.baseURL);
      const id = await typeInNewNote(context, 'Typed right before the browser was killed');
      // SIGKILL to every process of this profile: no unload, no shutdown, no goodbye.
      execFileSync('pkill', ['-KILL', '-f', '--', `user-data-dir=${profile.directory()}`]);
      await context.close().catch(() => undefined);
      await expectReopened(server.baseURL, id, 'Typed right before the browser was killed');
    });
  });
});

test('[P9] a device name typed and reloaded at once is kept, every letter', async ({ page }) => {
  await openApp(page);
  await page.goto('/settings');
  const field = page.getByRole('textbox', { name: 'Device name' });
  await expect(field).toBeEditable();
  await field.click();
  // As fast as the keyboard goes, then the page goes away before the writes could commit.
  await page.keyboard.type('Kitchen tablet');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Device name' })).toHaveValue('Kitchen tablet');
});
