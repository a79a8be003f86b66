import type { Browser, BrowserContext, Page } from '@playwright/test';
import { createNote, expect } from './fixtures.ts';
import { expectSynced, openSecondDevice, openSignedUp } from './sync.ts';

/** [P3] the settings section that chooses how edits that collide are settled. */
export function strategySection(page: Page) {
  return page.getByRole('region', { name: 'When two devices edit the same thing' });
}

export function radio(page: Page, collection: 'Notes' | 'Contacts', label: string) {
  return strategySection(page)
    .getByRole('group', { name: collection })
    .getByRole('radio', { name: label });
}

/**
 * A phone (the test's page) with notes set to latest-wins and one synced note "Shopping", and
 * a laptop signed in to the same account. The caller closes `laptop`.
 */
export async function latestWinsDevices(page: Page, browser: Browser, baseURL: string) {
  const username = await openSignedUp(page);
  await chooseStrategy(page, 'Notes', 'Latest edit wins');
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Notes' })
    .click();
  const id = await createNote(page, 'Shopping');
  await expectSynced(page);
  const { context: laptop, page: other } = await openSecondDevice(browser, baseURL, username);
  return { id, laptop, other };
}

/** Sets a collection's strategy through the settings screen and waits until it is saved. */
export async function chooseStrategy(page: Page, collection: 'Notes' | 'Contacts', label: string) {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await radio(page, collection, label).check();
  await expect(strategySection(page).getByRole('status')).toHaveText('Saved');
}

/**
 * Both devices go offline and retitle the note, the phone first and the laptop later by the
 * device clocks (blur saves each at once); the caller decides which reaches the server first.
 */
export async function retitleWhileApart(
  phone: Page,
  laptop: { context: BrowserContext; page: Page },
  id: string,
  titles: { earlier: string; later: string },
): Promise<void> {
  const title = (target: Page) => target.getByRole('textbox', { name: 'Title' });
  await laptop.page.goto(`/notes/${id}`);
  await expect(title(laptop.page)).toHaveValue('Shopping');
  await phone.context().setOffline(true);
  await laptop.context.setOffline(true);
  await phone.goto(`/notes/${id}`);
  await title(phone).fill(titles.earlier);
  await title(phone).blur();
  await title(laptop.page).fill(titles.later);
  await title(laptop.page).blur();
}
