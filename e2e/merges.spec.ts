import { ARMED } from './support/server.ts';
import type { BrowserContext, Page } from '@playwright/test';
import { createNote, expect, test } from './support/fixtures.ts';
import {
  ANY_WAITING,
  openSecondDevice,
  openSignedUp,
  serverHistory,
  serverRecord,
  serverTitles,
  setFaults,
  syncStatus,
  waitingCount,
} from './support/sync.ts';
import {
  faultsLeft,
  trackSyncRequests,
  storedConflicts,
  watchForConflicts,
  conflictsSeen,
  expectNoConflictSeen,
} from './support/observe.ts';

/**
 * Concurrent edits that must combine without asking anyone (P3 field-wise, R3 counters and
 * sets), several devices syncing at once, and a push whose answer is lost (P1): each ends with
 * every device and the server holding the same state, and a conflict only where one is due.
 */

const SETTLE = { timeout: 20_000 };

const editor = (page: Page) => page.getByRole('article', { name: 'Note editor' });
const title = (page: Page) => page.getByRole('textbox', { name: 'Title' });
const noteText = (page: Page) => page.getByRole('textbox', { name: 'Note text' });

/** Closes the extra devices, whatever happened. */
async function closeAll(contexts: BrowserContext[]) {
  await Promise.all(contexts.map((context) => context.close()));
}

test('[P3] edits of different fields on two devices merge with no dialog', async ({
  page,
  browser,
  server,
}) => {
  const username = await openSignedUp(page);
  const id = await createNote(page, 'Packing list', 'tent\nstove');
  await expect.poll(() => serverTitles(page), SETTLE).toEqual(['Packing list']);

  const { context: laptop, page: other } = await openSecondDevice(
    browser,
    server.baseURL,
    username,
  );
  try {
    const phoneSeen = await watchForConflicts(page);
    const laptopSeen = await watchForConflicts(other);
    await page.goto(`/notes/${id}`);
    await other.goto(`/notes/${id}`);
    await expect(noteText(other)).toHaveValue('tent\nstove');
    await page.context().setOffline(true);
    await laptop.setOffline(true);

    // The phone renames the note; the laptop rewrites its text and pins it.
    await title(page).fill('Packing list for the coast');
    await noteText(page).click(); // blur saves at once
    await expect(syncStatus(page)).toContainText(waitingCount(1));
    await noteText(other).fill('tent\nstove\nrain jacket');
    await title(other).click();
    await other.getByRole('checkbox', { name: 'Pinned' }).check();
    await expect(syncStatus(other)).toContainText(waitingCount(1));

    // The phone syncs first, so the laptop's push meets a record that moved on (other fields).
    await page.context().setOffline(false);
    await expect.poll(() => serverTitles(page), SETTLE).toEqual(['Packing list for the coast']);
    await laptop.setOffline(false);

    await expect
      .poll(async () => {
        const record = await serverRecord(page, id);
        return record && { title: record.title, body: record.body, pinned: record.pinned };
      }, SETTLE)
      .toEqual({
        title: 'Packing list for the coast',
        body: 'tent\nstove\nrain jacket',
        pinned: true,
      });
    for (const device of [page, other]) {
      await expect(title(device)).toHaveValue('Packing list for the coast', SETTLE);
      await expect(noteText(device)).toHaveValue('tent\nstove\nrain jacket', SETTLE);
      await expect(device.getByRole('checkbox', { name: 'Pinned' })).toBeChecked(SETTLE);
      await expect(syncStatus(device)).toContainText('Synced', SETTLE);
      await expect(syncStatus(device)).not.toContainText(ANY_WAITING);
      await expect(editor(device).getByRole('button', { name: 'Resolve conflict' })).toHaveCount(0);
      await expect(device.getByRole('link', { name: /^Conflicts/ })).toHaveCount(0);
      expect(await storedConflicts(device)).toBe(0);
    }
    // The watch worked (it saw the syncs), and never saw a conflict on either device.
    expectNoConflictSeen(phoneSeen, laptopSeen);
  } finally {
    await laptop.close();
  }
});

test('[R3] tags and counter: concurrent tag edits and counter taps on two devices all survive', async ({
  page,
  browser,
  server,
}) => {
  const username = await openSignedUp(page);

  // A contact tagged navy and cobol, contacted once; a note tagged home. Both synced.
  await page.goto('/contacts/new');
  await page.getByRole('textbox', { name: 'Name (required)' }).fill('Grace Hopper');
  await expect(page.getByText('Contacted 0 times')).toBeVisible();
  for (const tag of ['navy', 'cobol']) {
    await page.getByRole('textbox', { name: 'Add a tag' }).fill(tag);
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(
      page.getByRole('list', { name: 'Tags' }).getByText(tag, { exact: true }),
    ).toBeVisible();
  }
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  const contactId = new URL(page.url()).pathname.split('/')[2] ?? '';
  await page.getByRole('button', { name: 'Contacted: add one' }).click();
  await expect(page.getByText('Contacted 1 time')).toBeVisible();

  await page.goto('/notes');
  const noteId = await createNote(page, 'Errands');
  await editor(page).getByRole('textbox', { name: 'Add a tag' }).fill('home');
  await editor(page).getByRole('button', { name: 'Add tag' }).click();
  await expect(editor(page).getByRole('list', { name: 'Tags' })).toContainText('home');
  await expect
    .poll(async () => {
      const [contact, note] = [
        await serverRecord(page, contactId),
        await serverRecord(page, noteId),
      ];
      return [contact?.tags, contact?.timesContacted, note?.tags];
    }, SETTLE)
    .toEqual([expect.arrayContaining(['navy', 'cobol']), 1, ['home']]);

  const { context: laptop, page: other } = await openSecondDevice(
    browser,
    server.baseURL,
    username,
  );
  try {
    const seenA = await watchForConflicts(page);
    const seenB = await watchForConflicts(other);
    for (const device of [page, other]) {
      await device.goto(`/contacts/${contactId}`);
      await expect(device.getByText('Contacted 1 time')).toBeVisible(SETTLE);
      await expect(device.getByRole('button', { name: 'Remove tag cobol' })).toBeVisible();
    }
    await page.context().setOffline(true);
    await laptop.setOffline(true);

    const tagsOn = (device: Page) =>
      device
        .getByRole('list', { name: 'Tags' })
        .getByRole('listitem')
        .locator('span')
        .allTextContents()
        .then((tags) => tags.sort());
    const addTag = async (device: Page, tag: string) => {
      await device.getByRole('textbox', { name: 'Add a tag' }).fill(tag);
      await device.getByRole('button', { name: 'Add tag' }).click();
      await expect(device.getByRole('button', { name: `Remove tag ${tag}` })).toBeVisible();
    };

    // A: adds a tag and taps twice.
    await addTag(page, 'compilers');
    await page.getByRole('button', { name: 'Contacted: add one' }).click();
    await expect(page.getByText('Contacted 2 times')).toBeVisible();
    await page.getByRole('button', { name: 'Contacted: add one' }).click();
    await expect(page.getByText('Contacted 3 times')).toBeVisible();
    // B: adds another, removes an existing one, and taps +1 +1 −1 (net one).
    await addTag(other, 'mentor');
    await other.getByRole('button', { name: 'Remove tag cobol' }).click();
    await expect(other.getByRole('button', { name: 'Remove tag cobol' })).toHaveCount(0);
    await other.getByRole('button', { name: 'Contacted: add one' }).click();
    await expect(other.getByText('Contacted 2 times')).toBeVisible();
    await other.getByRole('button', { name: 'Contacted: add one' }).click();
    await expect(other.getByText('Contacted 3 times')).toBeVisible();
    await other.getByRole('button', { name: 'Contacted: subtract one' }).click();
    await expect(other.getByText('Contacted 2 times')).toBeVisible();

    // The note's tags: A adds one; B removes the existing one and adds another.
    await page.goto(`/notes/${noteId}`);
    await addTag(page, 'shops');
    await other.goto(`/notes/${noteId}`);
    await other.getByRole('button', { name: 'Remove tag home' }).click();
    await expect(other.getByRole('button', { name: 'Remove tag home' })).toHaveCount(0);
    await addTag(other, 'weekend');
    await expect(syncStatus(page)).toContainText(waitingCount(2));
    await expect(syncStatus(other)).toContainText(waitingCount(2));

    await Promise.all([page.context().setOffline(false), laptop.setOffline(false)]);

    await expect
      .poll(async () => {
        const [contact, note] = [
          await serverRecord(page, contactId),
          await serverRecord(page, noteId),
        ];
        return [
          [...((contact?.tags as string[] | undefined) ?? [])].sort(),
          contact?.timesContacted,
          [...((note?.tags as string[] | undefined) ?? [])].sort(),
        ];
      }, SETTLE)
      .toEqual([['compilers', 'mentor', 'navy'], 4, ['shops', 'weekend']]);
    for (const device of [page, other]) {
      await expect.poll(() => tagsOn(device), SETTLE).toEqual(['shops', 'weekend']);
      await expect(syncStatus(device)).toContainText('Synced', SETTLE);
      await device.goto(`/contacts/${contactId}`);
      await expect(device.getByText('Contacted 4 times')).toBeVisible(SETTLE);
      await expect.poll(() => tagsOn(device), SETTLE).toEqual(['compilers', 'mentor', 'navy']);
      await expect(syncStatus(device)).not.toContainText(ANY_WAITING);
      await expect(device.getByRole('button', { name: 'Resolve conflict' })).toHaveCount(0);
      expect(await storedConflicts(device)).toBe(0);
    }
    expectNoConflictSeen(seenA, seenB);
  } finally {
    await laptop.close();
  }
});

test('[P3] three devices syncing at once', async ({ page, browser, server }) => {
  test.setTimeout(90_000);
  const username = await openSignedUp(page);
  const id = await createNote(page, 'Trip', 'day one: hike');
  await expect.poll(() => serverTitles(page), SETTLE).toEqual(['Trip']);

  const second = await openSecondDevice(browser, server.baseURL, username);
  const contexts = [second.context];
  try {
    const third = await openSecondDevice(browser, server.baseURL, username);
    contexts.push(third.context);
    const devices = { phone: page, tablet: second.page, laptop: third.page };
    const seen = {
      phone: await watchForConflicts(devices.phone),
      tablet: await watchForConflicts(devices.tablet),
      laptop: await watchForConflicts(devices.laptop),
    };
    for (const device of Object.values(devices)) {
      await device.goto(`/notes/${id}`);
      await expect(noteText(device)).toHaveValue('day one: hike', SETTLE);
    }
    await Promise.all([page.context(), ...contexts].map((context) => context.setOffline(true)));

    // The phone and the laptop rename the note differently; the tablet changes its text.
    await title(devices.phone).fill('Trip to the lakes');
    await noteText(devices.phone).click();
    await noteText(devices.tablet).fill('day one: hike\nday two: swim');
    await title(devices.tablet).click();
    await title(devices.laptop).fill('Trip to the coast');
    await noteText(devices.laptop).click();
    for (const device of Object.values(devices)) {
      await expect(syncStatus(device)).toContainText('Offline');
      await expect(syncStatus(device)).toContainText(waitingCount(1));
    }

    // All three come back at the same moment.
    await Promise.all([page.context(), ...contexts].map((context) => context.setOffline(false)));

    // Whichever title reached the server first stays there; the tablet's text merges in.
    let winner = '';
    await expect
      .poll(async () => {
        const record = await serverRecord(page, id);
        winner = String(record?.title);
        return { title: record?.title, body: record?.body };
      }, SETTLE)
      .toEqual({
        title: expect.stringMatching(/^Trip to the (lakes|coast)$/),
        body: 'day one: hike\nday two: swim',
      });
    const [mine, loserName] =
      winner === 'Trip to the lakes'
        ? (['Trip to the coast', 'laptop'] as const)
        : (['Trip to the lakes', 'phone'] as const);
    const loser = devices[loserName];

    // Exactly one device, the one that lost the race on the title, has the conflict.
    await expect(syncStatus(loser)).toContainText('1 conflict', SETTLE);
    for (const [name, device] of Object.entries(devices)) {
      if (device === loser) continue;
      await expect(title(device), name).toHaveValue(winner, SETTLE);
      await expect(noteText(device), name).toHaveValue('day one: hike\nday two: swim', SETTLE);
      await expect(syncStatus(device), name).toContainText('Synced', SETTLE);
      await expect(syncStatus(device), name).not.toContainText(ANY_WAITING);
      expect(await storedConflicts(device), name).toBe(0);
    }
    expect(await storedConflicts(loser)).toBe(1);
    await expect(title(loser)).toHaveValue(mine);
    await expect(editor(loser)).toContainText('Conflict with another device');
    await expect(loser.getByRole('link', { name: 'Conflicts (1)' })).toBeVisible();

    // Only the title collided: the dialog asks about it alone, and the loser keeps its own.
    await editor(loser).getByRole('button', { name: 'Resolve conflict' }).click();
    const dialog = loser.getByRole('dialog', { name: `Resolve “${mine}”` });
    await expect(dialog.getByRole('group')).toHaveCount(1);
    await expect(dialog.getByRole('group', { name: 'Title' }).getByRole('definition')).toHaveText([
      'Trip',
      mine,
      winner,
    ]);
    await dialog.getByRole('button', { name: 'Use all mine' }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();

    // Everyone converges on the decided title with the tablet's text.
    await expect
      .poll(async () => {
        const record = await serverRecord(page, id);
        return record && { title: record.title, body: record.body };
      }, SETTLE)
      .toEqual({ title: mine, body: 'day one: hike\nday two: swim' });
    for (const [name, device] of Object.entries(devices)) {
      await expect(title(device), name).toHaveValue(mine, SETTLE);
      await expect(noteText(device), name).toHaveValue('day one: hike\nday two: swim', SETTLE);
      await expect(syncStatus(device), name).toContainText('Synced', SETTLE);
      await expect(syncStatus(device), name).not.toContainText('conflict');
      await expect(syncStatus(device), name).not.toContainText(ANY_WAITING);
      expect(await storedConflicts(device), name).toBe(0);
    }
    // Over the whole run only the loser ever showed a conflict, and only ever one.
    for (const [name, texts] of Object.entries(seen)) {
      if (name === loserName) {
        expect(conflictsSeen(texts).length, name).toBeGreaterThan(0);
        expect(
          texts.filter((text) => /\d+ conflicts/.test(text)),
          name,
        ).toEqual([]);
      } else {
        expect(conflictsSeen(texts), name).toEqual([]);
      }
    }
  } finally {
    await closeAll(contexts);
  }
});

test('[P1] a network interruption during a sync loses nothing and reports the conflict once', async ({
  page,
  browser,
  server,
}) => {
  test.setTimeout(90_000);
  const username = await openSignedUp(page);
  const budget = await createNote(page, 'Budget');
  await page.goto('/notes');
  const groceries = await createNote(page, 'Groceries');
  await expect.poll(() => serverTitles(page), SETTLE).toEqual(['Budget', 'Groceries']);

  const { context: laptop, page: other } = await openSecondDevice(
    browser,
    server.baseURL,
    username,
  );
  try {
    await other.goto(`/notes/${groceries}`);
    await expect(title(other)).toHaveValue('Groceries', SETTLE);

    // Offline, the laptop changes both notes; meanwhile the phone renames the budget, synced.
    await laptop.setOffline(true);
    await title(other).fill('Groceries for the week');
    await noteText(other).click();
    await expect(syncStatus(other)).toContainText(waitingCount(1)); // saved before leaving
    await other.goto(`/notes/${budget}`);
    await title(other).fill('Budget for May');
    await noteText(other).click();
    await expect(syncStatus(other)).toContainText(waitingCount(2));

    await page.goto(`/notes/${budget}`);
    await title(page).fill('Budget for June');
    await noteText(page).click();
    await expect.poll(() => serverTitles(page), SETTLE).toEqual(['Budget for June', 'Groceries']);
    await expect(syncStatus(page)).toContainText('Synced', SETTLE);
    await expect(syncStatus(page)).not.toContainText(ANY_WAITING);
    const before = {
      budget: (await serverHistory(page, budget)).length,
      groceries: (await serverHistory(page, groceries)).length,
    };

    // The laptop comes back online and syncs (the page, on `online`, and its service worker's
    // Background Sync, whichever runs first). The server commits each of the next two pushes
    // and then cuts the connection before answering: the sync is interrupted twice.
    const lastSyncRequest = trackSyncRequests(laptop);
    await setFaults(page, { dropAfterCommit: 2 });
    try {
      await laptop.setOffline(false);
      // Both faults were used up: two pushes really were committed and cut off.
      await expect.poll(() => faultsLeft(page), SETTLE).toBe(0);
      await expect(syncStatus(other)).toContainText('1 conflict', SETTLE);
      await expect(syncStatus(other)).toContainText('Synced', SETTLE);
    } finally {
      await page.request.delete('/api/_faults', ARMED);
    }
    await expect(title(other)).toHaveValue('Budget for May');
    await expect(editor(other)).toContainText('Conflict with another device');

    // The clean change landed once; the colliding one not at all; the conflict is reported once.
    await expect
      .poll(() => serverTitles(page), SETTLE)
      .toEqual(['Budget for June', 'Groceries for the week']);
    expect(await storedConflicts(other)).toBe(1);
    await expect(syncStatus(other)).not.toContainText(ANY_WAITING);
    const groceriesHistory = await serverHistory(page, groceries);
    expect(groceriesHistory).toHaveLength(before.groceries + 1);
    expect(groceriesHistory[0]?.previous).toEqual({ title: 'Groceries' });
    expect(await serverHistory(page, budget)).toHaveLength(before.budget);

    await other.getByRole('link', { name: 'Conflicts (1)' }).click();
    const list = other.getByRole('list', { name: 'Open conflicts' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await list.getByRole('button', { name: 'Resolve: Budget for May' }).click();
    const dialog = other.getByRole('dialog', { name: 'Resolve “Budget for May”' });
    await expect(dialog.getByRole('group', { name: 'Title' }).getByRole('definition')).toHaveText([
      'Budget',
      'Budget for May',
      'Budget for June',
    ]);
    // The person takes a moment to decide: by then the laptop has long stopped retrying.
    await expect
      .poll(() => Date.now() - lastSyncRequest(), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(5_000);
    await dialog.getByRole('button', { name: 'Use all mine' }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();
    await expect(other.getByText('No conflicts')).toBeVisible();

    // Both converge; the decision is applied exactly once on the server.
    await expect
      .poll(() => serverTitles(page), SETTLE)
      .toEqual(['Budget for May', 'Groceries for the week']);
    await expect(title(page)).toHaveValue('Budget for May', SETTLE);
    for (const device of [page, other]) {
      await expect(syncStatus(device)).toContainText('Synced', SETTLE);
      await expect(syncStatus(device)).not.toContainText('conflict');
      await expect(syncStatus(device)).not.toContainText(ANY_WAITING);
      expect(await storedConflicts(device)).toBe(0);
    }
    const budgetHistory = await serverHistory(page, budget);
    expect(budgetHistory).toHaveLength(before.budget + 1);
    expect(budgetHistory[0]?.previous).toEqual({ title: 'Budget for June' });
    expect(await serverHistory(page, groceries)).toHaveLength(before.groceries + 1);
  } finally {
    await laptop.close();
  }
});
