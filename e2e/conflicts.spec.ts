import { accessibilityViolations } from './support/axe.ts';
import { createNote, expect, test } from './support/fixtures.ts';
import {
  serverRecord,
  serverTitles,
  signIn,
  syncStatus,
  openSecondDevice,
  openSignedUp,
  twoOfflineDevices,
  expectSynced,
  nameDevice,
  collideOnLaptop,
} from './support/sync.ts';
import { defaultDeviceName } from '../src/db/deviceName.ts';

/** Two devices edit the same field while apart (P3): the conflict is shown, nothing is lost. */
test('[P3] the same title edited on two devices: the second shows a conflict and keeps its own version', async ({
  page,
  browser,
  server,
}) => {
  const username = await openSignedUp(page);
  // [P9] the phone's name goes with its changes: the laptop's dialog says whose they are.
  await nameDevice(page, 'Phone');
  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  const id = await createNote(page, 'Shopping');
  await expectSynced(page);

  const { context: laptop, page: other } = await openSecondDevice(
    browser,
    server.baseURL,
    username,
  );
  try {
    const notes = (target: typeof page) => target.getByRole('list', { name: /^Notes/ });
    await expect(notes(other).getByRole('link', { name: /^Shopping/ })).toBeVisible();

    // Both devices go offline and change the same title differently.
    await page.context().setOffline(true);
    await laptop.setOffline(true);
    await page.goto(`/notes/${id}`);
    await page.getByRole('textbox', { name: 'Title' }).fill('Shopping for Monday');
    // Saved: the list reads the database.
    await expect(notes(page).getByRole('link', { name: /^Shopping for Monday/ })).toBeVisible();
    await other.goto(`/notes/${id}`);
    await other.getByRole('textbox', { name: 'Title' }).fill('Shopping for the party');
    await expect(notes(other).getByRole('link', { name: /^Shopping for the party/ })).toBeVisible();

    // The phone syncs first; the laptop's edit then collides with it.
    await page.context().setOffline(false);
    await expect.poll(() => serverTitles(page)).toEqual(['Shopping for Monday']);
    await laptop.setOffline(false);
    await expect(syncStatus(other)).toContainText('1 conflict');

    // The laptop keeps showing its own version, marked, in the list and the editor.
    const row = notes(other).getByRole('link', { name: /Shopping for the party/ });
    await expect(row).toContainText('Conflict with another device');
    // One marker: the decision it waits for, not also a "not synced" dot (issue 13).
    await expect(row).not.toContainText('Not synced yet');
    await expect(other.getByRole('textbox', { name: 'Title' })).toHaveValue(
      'Shopping for the party',
    );
    await expect(
      other.getByRole('article', { name: 'Note editor' }).getByText('Conflict with another device'),
    ).toBeAttached();
    // Nothing was overwritten on the server either.
    expect(await serverTitles(other)).toEqual(['Shopping for Monday']);

    // The laptop decides: per field, base, mine and theirs side by side, the words that differ
    // highlighted, and nothing chosen until the person chooses.
    await other.getByRole('button', { name: 'Resolve conflict' }).click();
    const dialog = other.getByRole('dialog', { name: 'Resolve “Shopping for the party”' });
    const title = dialog.getByRole('group', { name: 'Title' });
    await expect(title).toContainText('Before both changes');
    await expect(title).toContainText('This device');
    await expect(title).toContainText('Phone · ');
    await expect(dialog).toContainText(
      'Changed on this device and on Phone while they were apart.',
    );
    await expect(title.getByRole('definition')).toHaveText([
      'Shopping',
      'Shopping for the party',
      'Shopping for Monday',
    ]);
    await expect(title.locator('mark')).toHaveText(['the party', 'Monday']);
    for (const choice of ['Use mine', 'Use theirs', 'Edit'])
      await expect(title.getByRole('radio', { name: choice })).not.toBeChecked();
    const apply = dialog.getByRole('button', { name: 'Apply' });
    await expect(apply).toBeDisabled();
    await expect(dialog).toContainText('1 choice left to make.');
    expect(await accessibilityViolations(other)).toEqual([]);
    // Edit starts from this device's version.
    await title.getByRole('radio', { name: 'Edit' }).check();
    const edited = title.getByRole('textbox', { name: 'Your title' });
    await expect(edited).toHaveValue('Shopping for the party');
    await edited.fill('Shopping for the Monday party');
    await apply.click();
    await expect(dialog).toBeHidden();

    // Both devices and the server converge on the decision; the conflict is gone everywhere.
    await expect.poll(() => serverTitles(page)).toEqual(['Shopping for the Monday party']);
    for (const device of [page, other]) {
      await expect(device.getByRole('textbox', { name: 'Title' })).toHaveValue(
        'Shopping for the Monday party',
      );
      await expect(syncStatus(device)).not.toContainText('conflict');
    }
    // The phone's title was replaced by the laptop's decision: the phone says so (issue 13).
    await expect(page.getByRole('article', { name: 'Note editor' })).toContainText(
      `Your title was replaced by ${await defaultName(other)}’s later edit.`,
    );
    await expect(syncStatus(page)).toContainText('1 edit replaced by another device');
    await expect(other.getByText(/was replaced by/)).toHaveCount(0);
  } finally {
    await laptop.close();
  }
});

type Page = Parameters<typeof signIn>[0];

/** [P9] the name a device goes by until it is given one: its browser and platform. */
const defaultName = async (target: Page) =>
  defaultDeviceName(await target.evaluate(() => navigator.userAgent));

const notesList = (target: Page) => target.getByRole('list', { name: /^Notes/ });

test('[P3] a note text changed on both devices: parts to decide one by one, with mine, theirs, both or an edit', async ({
  page,
  browser,
  server,
}) => {
  const lines = (...all: string[]) => all.join('\n');
  const { id, laptop, other } = await twoOfflineDevices(
    page,
    browser,
    server.baseURL,
    lines('milk', 'eggs', 'bread', 'jam', 'rice', 'salt', 'tea', 'fish', 'soap'),
  );
  try {
    // The phone changes four lines and adds one; the laptop changes the same four lines.
    const theirs = lines(
      'milk',
      'oat milk',
      'bread',
      'apricot jam',
      'rice',
      'rock salt',
      'tea',
      'fresh fish',
      'soap',
      'cake',
    );
    const mine = lines(
      'milk',
      'free-range eggs',
      'bread',
      'strawberry jam',
      'rice',
      'sea salt',
      'tea',
      'smoked fish',
      'soap',
    );
    await collideOnLaptop(
      { page, laptop, other, id },
      { phone: { 'Note text': theirs }, laptop: { 'Note text': mine } },
    );

    await other.getByRole('button', { name: 'Resolve conflict' }).click();
    const dialog = other.getByRole('dialog', { name: 'Resolve “Shopping”' });
    const text = dialog.getByRole('group', { name: 'Note text' });
    // The text in order, no merge markers: the phone's added line is taken and said so.
    await expect(text).toContainText('4 parts were changed on both devices');
    await expect(text).toContainText(`Changed on ${await defaultName(page)}`);
    await expect(text).toContainText('cake');
    await expect(dialog).not.toContainText('<<<<<<<');
    const part = (n: number) =>
      text.getByRole('group', { name: `Changed on both devices (${n} of 4)` });
    await expect(part(1).getByRole('definition')).toHaveText(['free-range eggs', 'oat milk']);
    await expect(part(4).locator('mark')).toHaveText(['smoked', 'fresh']);

    const apply = dialog.getByRole('button', { name: 'Apply' });
    await expect(apply).toBeDisabled();
    await expect(dialog).toContainText('4 choices left to make.');
    await part(1).getByRole('radio', { name: 'Use mine' }).check();
    await part(2).getByRole('radio', { name: 'Use theirs' }).check();
    await part(3).getByRole('radio', { name: 'Use both' }).check();
    await expect(dialog).toContainText('1 choice left to make.');
    await expect(apply).toBeDisabled();
    await part(4).getByRole('radio', { name: 'Edit' }).check();
    const edited = part(4).getByRole('textbox', { name: 'Your version of this part' });
    await expect(edited).toHaveValue('smoked fish');
    await edited.fill('fish for Friday');
    expect(await accessibilityViolations(other)).toEqual([]);
    await apply.click();
    await expect(dialog).toBeHidden();

    const decided = lines(
      'milk',
      'free-range eggs',
      'bread',
      'apricot jam',
      'rice',
      'sea salt',
      'rock salt',
      'tea',
      'fish for Friday',
      'soap',
      'cake',
    );
    for (const device of [page, other]) {
      await expect(device.getByRole('textbox', { name: 'Note text' })).toHaveValue(decided);
    }
    await expect.poll(async () => (await serverRecord(page, id))?.body).toBe(decided);
  } finally {
    await laptop.close();
  }
});

test('[P4] deleted on one device while edited on the other: the editor restores it with its changes', async ({
  page,
  browser,
  server,
}) => {
  const { id, laptop, other } = await twoOfflineDevices(page, browser, server.baseURL);
  try {
    await page.goto(`/notes/${id}`);
    await page.getByRole('button', { name: 'Delete note' }).click();
    await other.getByRole('textbox', { name: 'Title' }).fill('Shopping, still needed');
    await expect(
      notesList(other).getByRole('link', { name: /^Shopping, still needed/ }),
    ).toBeVisible();

    await page.context().setOffline(false);
    // The delete has reached the server (the title alone cannot tell: it was there before).
    await expect.poll(async () => (await serverRecord(page, id))?.deletedAt ?? null).not.toBeNull();
    await laptop.setOffline(false);
    await expect(syncStatus(other)).toContainText('1 conflict');
    // The laptop keeps showing the note as its person left it, marked.
    const row = notesList(other).getByRole('link', { name: /^Shopping, still needed/ });
    await expect(row).toContainText('Conflict with another device');

    await other.getByRole('button', { name: 'Resolve conflict' }).click();
    const dialog = other.getByRole('dialog', { name: 'Resolve “Shopping, still needed”' });
    await expect(dialog).toContainText(`; ${await defaultName(page)} deleted it`);
    await expect(dialog.getByRole('table', { name: 'Your changes to this note' })).toContainText(
      'Shopping, still needed',
    );
    await dialog.getByRole('button', { name: 'Restore with my changes' }).click();
    await expect(dialog).toBeHidden();

    // The phone gets the note back, with the laptop's title.
    await expect(
      notesList(page).getByRole('link', { name: /^Shopping, still needed/ }),
    ).toBeVisible();
    await expect(syncStatus(other)).not.toContainText('conflict');
  } finally {
    await laptop.close();
  }
});

test('[P5] deleted here while edited elsewhere: the conflicts list offers to keep the edited note', async ({
  page,
  browser,
  server,
}) => {
  const { id, laptop, other } = await twoOfflineDevices(page, browser, server.baseURL);
  try {
    await renameOnPhone(page, id, 'Shopping for Friday');
    await other.getByRole('button', { name: 'Delete note' }).click();
    await expect(notesList(other).getByRole('link')).toHaveCount(0);

    await page.context().setOffline(false);
    await expect.poll(() => serverTitles(page)).toEqual(['Shopping for Friday']);
    await laptop.setOffline(false);
    await expect(syncStatus(other)).toContainText('1 conflict');

    // The note is deleted here, so only the conflicts list reaches it.
    await other.getByRole('link', { name: 'Conflicts (1)' }).click();
    const list = other.getByRole('list', { name: 'Open conflicts' });
    await expect(list).toContainText(
      `You deleted this note; ${await defaultName(page)} changed it.`,
    );
    // Listed as it was when deleted here, not under the other device's new title; like every
    // row, not a link (issue 13).
    await expect(list.getByRole('link')).toHaveCount(0);
    await list.getByRole('button', { name: 'Resolve: Shopping', exact: true }).click();
    const dialog = other.getByRole('dialog');
    await expect(
      dialog.getByRole('table', {
        name: 'What the other device changed before you deleted this note',
      }),
    ).toContainText('Shopping for Friday');
    await dialog.getByRole('button', { name: 'Keep the edited note' }).click();
    await expect(dialog).toBeHidden();
    await expect(other.getByText('No conflicts')).toBeVisible();

    await other.getByRole('link', { name: 'Notes', exact: true }).click();
    await expect(
      notesList(other).getByRole('link', { name: /^Shopping for Friday/ }),
    ).toBeVisible();
    expect(await serverTitles(other)).toEqual(['Shopping for Friday']);
  } finally {
    await laptop.close();
  }
});

test('[P5] a delete that comes back as a conflict loses its Undo as soon as its Resolve button shows', async ({
  page,
  browser,
  server,
}) => {
  const { id, laptop, other } = await twoOfflineDevices(page, browser, server.baseURL);
  try {
    await renameOnPhone(page, id, 'Shopping for Friday');
    // The laptop's clock stands still from here on, and moves only as runClockUntil moves it:
    // the notice's own lifetime (8 s) cannot end while this test watches, so only the conflict
    // can take the Undo away.
    await other.clock.install();
    await other.clock.pauseAt(Date.now() + 1_000);
    await other.getByRole('button', { name: 'Delete note' }).click();
    const undo = other.getByRole('button', { name: 'Undo' });
    await expect(undo).toBeVisible();

    await page.context().setOffline(false);
    await expect.poll(() => serverTitles(page)).toEqual(['Shopping for Friday']);
    await laptop.setOffline(false);
    const conflicts = other.getByRole('link', { name: 'Conflicts (1)' });
    let ran = await runClockUntil(other, () => conflicts.isVisible());
    // The conflict is back, and nothing has taken the notice away yet.
    await expect(undo).toBeVisible();

    await conflicts.click();
    ran += await runClockUntil(other, () =>
      other.getByRole('button', { name: 'Resolve: Shopping', exact: true }).isVisible(),
    );
    // Undoing now would restore the note behind the person's back while the conflict is open.
    await expect(undo).toBeHidden();
    expect(ran).toBeLessThan(4_000);
  } finally {
    await laptop.close();
  }
});

/** The phone, apart from the laptop, renames the open note (shown in its list). */
async function renameOnPhone(page: Page, id: string, title: string): Promise<void> {
  await page.goto(`/notes/${id}`);
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await expect(notesList(page).getByRole('link', { name: new RegExp(`^${title}`) })).toBeVisible();
}

/**
 * Moves a page's paused clock on, a tenth of a second at each look, until `done`; returns how
 * far it moved. The app's timers (sync, retries) run as it moves; its network and database
 * work runs in real time between the looks.
 */
async function runClockUntil(target: Page, done: () => Promise<boolean>): Promise<number> {
  const STEP = 100;
  let ran = 0;
  await expect
    .poll(async () => {
      if (await done()) return true;
      await target.clock.runFor(STEP);
      ran += STEP;
      return false;
    })
    .toBe(true);
  return ran;
}

test('[P3] a contact edited on two devices: keeping theirs shows their value in the open form, and a later edit keeps it', async ({
  page,
  browser,
  server,
}) => {
  const username = await openSignedUp(page, '/contacts');
  await page.getByRole('button', { name: 'New contact' }).click();
  await page.getByRole('textbox', { name: 'Name (required)' }).fill('Ada Lovelace');
  await page.getByRole('textbox', { name: 'Company' }).fill('Analytical Engines');
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;
  await expectSynced(page);
  const { context: laptop, page: other } = await openSecondDevice(
    browser,
    server.baseURL,
    username,
  );
  try {
    const company = (target: Page) => target.getByRole('textbox', { name: 'Company' });
    await other.goto(path);
    await expect(company(other)).toHaveValue('Analytical Engines');
    await page.context().setOffline(true);
    await laptop.setOffline(true);
    for (const [device, value] of [
      [page, 'Babbage & Co'],
      [other, 'Difference Engines'],
    ] as const) {
      await company(device).fill(value);
      await expect(device.getByText('Saved on this device', { exact: true })).toBeVisible();
    }
    await page.context().setOffline(false);
    await expect(syncStatus(page)).toContainText('Synced');
    await laptop.setOffline(false);
    await expect(syncStatus(other)).toContainText('1 conflict');

    await other.getByRole('button', { name: 'Resolve conflict' }).click();
    const dialog = other.getByRole('dialog', { name: 'Resolve “Ada Lovelace”' });
    await expect(dialog.getByRole('group', { name: 'Company' })).toContainText('Babbage & Co');
    await dialog.getByRole('button', { name: 'Use all theirs' }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();
    // The open form follows the decision; a later edit does not bring the old value back.
    await expect(company(other)).toHaveValue('Babbage & Co');
    await other.getByRole('textbox', { name: 'Phone' }).fill('+44 20 7946 0000');
    await expect(other.getByText('Saved on this device', { exact: true })).toBeVisible();
    await expect(company(page)).toHaveValue('Babbage & Co');
    await expect(page.getByRole('textbox', { name: 'Phone' })).toHaveValue('+44 20 7946 0000');
    await expect(company(other)).toHaveValue('Babbage & Co');
    await expect(syncStatus(other)).not.toContainText('conflict');
  } finally {
    await laptop.close();
  }
});

test('[P3] after a decision the next conflict is one tap away, and a decision that collided again withdraws its "resolved" notice', async ({
  page,
  browser,
  server,
}) => {
  const username = await openSignedUp(page);
  const shopping = await createNote(page, 'Shopping');
  const packing = await createNote(page, 'Packing');
  await expectSynced(page);
  const { context: laptop, page: other } = await openSecondDevice(
    browser,
    server.baseURL,
    username,
  );
  try {
    await expect(notesList(other).getByRole('link')).toHaveCount(2);
    const title = (target: Page) => target.getByRole('textbox', { name: 'Title' });
    const retitle = async (target: Page, id: string, value: string) => {
      await target.goto(`/notes/${id}`);
      await title(target).fill(value);
      await expect(
        notesList(target).getByRole('link', { name: new RegExp(`^${value}`) }),
      ).toBeVisible();
    };
    // Both notes retitled on both devices while apart: two conflicts on the laptop.
    await page.context().setOffline(true);
    await laptop.setOffline(true);
    await retitle(page, shopping, 'Shopping for Monday');
    await retitle(page, packing, 'Packing for the beach');
    await retitle(other, shopping, 'Shopping for the party');
    await retitle(other, packing, 'Packing for the hills');
    await page.context().setOffline(false);
    await expect
      .poll(() => serverTitles(page))
      .toEqual(['Packing for the beach', 'Shopping for Monday']);
    await laptop.setOffline(false);
    await expect(syncStatus(other)).toContainText('2 conflicts');

    // The laptop decides the shopping title offline; the phone retitles it once more meanwhile.
    await laptop.setOffline(true);
    await other.goto(`/notes/${shopping}`);
    await other.getByRole('button', { name: 'Resolve conflict' }).click();
    const dialog = other.getByRole('dialog', { name: /^Resolve/ });
    await dialog.getByRole('button', { name: 'Use all mine' }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();
    const resolved = other.getByText(
      'Conflict resolved with your choices. 1 more conflict to decide.',
    );
    await expect(resolved).toBeVisible();
    await page.goto(`/notes/${shopping}`);
    await title(page).fill('Shopping for Tuesday');
    await expect.poll(() => serverTitles(page)).toContain('Shopping for Tuesday');

    // Back online, the decision collides with what it had not seen: asked again, and the
    // notice that said it was resolved is gone at once (its 8-second lifetime has not passed).
    await laptop.setOffline(false);
    await expect(syncStatus(other)).toContainText('2 conflicts');
    await expect(other.getByRole('button', { name: 'Resolve conflict' })).toBeVisible();
    await expect(resolved).toBeHidden({ timeout: 1_000 });

    // Deciding again, the notice offers the next conflict, and takes focus to it.
    await other.getByRole('button', { name: 'Resolve conflict' }).click();
    await dialog.getByRole('button', { name: 'Use all theirs' }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await other.getByRole('button', { name: 'Next conflict' }).click();
    await expect(other).toHaveURL(/\/conflicts$/);
    await expect(
      other.getByRole('button', { name: 'Resolve: Packing for the hills' }),
    ).toBeFocused();
  } finally {
    await laptop.close();
  }
});

test('[P3][P9] three devices: the tablet decides a line the phone also changed, all three and the server end equal, and history names each device', async ({
  page,
  browser,
  server,
}) => {
  test.setTimeout(90_000);
  const username = await openSignedUp(page);
  await nameDevice(page, 'Phone');
  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  const id = await createNote(page, 'Shopping', 'milk\neggs\nbread');
  await expectSynced(page);
  const devices = await Promise.all(
    ['Laptop', 'Tablet'].map(async (name) => {
      const device = await openSecondDevice(browser, server.baseURL, username);
      await nameDevice(device.page, name);
      await device.page.goto(`/notes/${id}`);
      await expect(device.page.getByRole('textbox', { name: 'Title' })).toHaveValue('Shopping');
      return device;
    }),
  );
  const [laptop, tablet] = devices.map((device) => device.page) as [Page, Page];
  const body = (target: Page) => target.getByRole('textbox', { name: 'Note text' });
  try {
    // The phone and the tablet change the same line while apart; the laptop stays online.
    await page.context().setOffline(true);
    await devices[1]!.context.setOffline(true);
    await page.goto(`/notes/${id}`);
    await body(page).fill('milk\noat milk\nbread');
    await page.getByRole('textbox', { name: 'Title' }).click();
    await body(tablet).fill('milk\nfree-range eggs\nbread');
    await tablet.getByRole('textbox', { name: 'Title' }).click();
    await page.context().setOffline(false);
    await expect(body(laptop)).toHaveValue('milk\noat milk\nbread', { timeout: 15_000 });
    await devices[1]!.context.setOffline(false);
    await expect(syncStatus(tablet)).toContainText('1 conflict');

    await tablet.getByRole('button', { name: 'Resolve conflict' }).click();
    const dialog = tablet.getByRole('dialog', { name: 'Resolve “Shopping”' });
    await expect(dialog).toContainText(
      'Changed on this device and on Phone while they were apart.',
    );
    const part = dialog.getByRole('group', { name: 'Changed on both devices' });
    await expect(part).toContainText('Phone · ');
    await part.getByRole('radio', { name: 'Use both' }).check();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();

    const decided = 'milk\nfree-range eggs\noat milk\nbread';
    for (const device of [page, laptop, tablet]) {
      await expect(body(device)).toHaveValue(decided, { timeout: 15_000 });
    }
    await expect.poll(async () => (await serverRecord(page, id))?.body).toBe(decided);

    // The laptop's history: the tablet's decision, then the phone's edit, by name.
    const editor = laptop.getByRole('article', { name: 'Note editor' });
    await editor.getByRole('button', { name: 'History', exact: true }).click();
    const entries = editor
      .getByRole('list', { name: 'Changes to this note, newest first' })
      .getByRole('listitem');
    await expect(entries.nth(0)).toContainText('Edited on Tablet');
    await expect(entries.nth(1)).toContainText('Edited on Phone');
  } finally {
    for (const device of devices) await device.context.close();
  }
});
