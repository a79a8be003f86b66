import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { createNote, expect, openApp, test } from './support/fixtures.ts';

/**
 * Storage on the device: what Settings shows, and what happens when the disk is full. The
 * full disk is real as far as the page can tell: Chromium's quota for the origin is lowered
 * through the DevTools protocol, so IndexedDB itself refuses the write.
 */
test.describe('storage', () => {
  test('settings show usage and quota, and whether the data is kept', async ({ page }) => {
    await openApp(page);
    await createNote(page, 'Something to store');
    await page.getByRole('link', { name: 'Settings' }).click();
    const storage = page.getByRole('region', { name: 'Storage on this device' });
    await expect(storage).toContainText(/used of .* available/);
    await expect(storage.getByRole('meter', { name: 'Storage used' })).toBeVisible();
    await expect(storage).toContainText(/Kept:|Not protected:/);
  });

  test('QuotaExceededError: a clear message, and nothing already saved is lost', async ({
    page,
    browser,
    baseURL,
  }) => {
    // Chromium caches how much room IndexedDB has left, so the quota is lowered before the app
    // opens its database: what a fresh install uses (measured on another device) plus ~600 KB.
    const fresh = await browser.newContext({ baseURL });
    const probe = await fresh.newPage();
    await openApp(probe);
    const installed = await probe.evaluate(async () => (await navigator.storage.estimate()).usage);
    await fresh.close();
    const origin = new URL(baseURL!).origin;
    const cdp = await page.context().newCDPSession(page);
    const quotaSize = (installed ?? 0) + 600 * 1024;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
    await openApp(page);

    // Notes of 100,000 random characters (the most a note holds; random, because Chromium
    // compresses what IndexedDB stores) until the disk is full.
    const saved: string[] = [];
    let refused: string | undefined;
    for (let index = 0; index < 20 && !refused; index++) {
      const body = randomBytes(50_000).toString('hex');
      const outcome = await addLargeNote(page, `Large note ${index}`, body);
      if (outcome === 'saved') saved.push(body);
      else refused = body;
    }
    expect(saved.length).toBeGreaterThan(0);
    expect(refused, 'the quota was never reached').toBeDefined();
    await expect(
      page.getByText(/out of storage space\. Nothing already saved was lost/),
    ).toBeVisible();

    // Space comes back (the person freed some): every note saved before is still whole.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.reload();
    for (const [index, body] of saved.entries()) {
      await page.getByRole('link', { name: new RegExp(`^Large note ${index}\\b`) }).click();
      await expect(page.getByRole('textbox', { name: 'Note text' })).toHaveValue(body);
    }
  });
});

/** Creates a note and fills its text; reports whether the device saved it. */
async function addLargeNote(page: Page, title: string, body: string): Promise<'saved' | 'refused'> {
  const full = page.getByText(/out of storage space/);
  await page.getByRole('button', { name: 'New note' }).click();
  const titleBox = page.getByRole('textbox', { name: 'Title' });
  await expect(titleBox.or(full).first()).toBeVisible();
  if (await full.isVisible()) return 'refused';
  await expect(titleBox).toHaveValue('');
  await titleBox.fill(title);
  await page.getByRole('textbox', { name: 'Note text' }).fill(body);
  // Saved: the list shows the start of the text (it reads the database). Refused: the editor
  // says why.
  const listed = page.getByRole('link', { name: new RegExp(`^${title}\\b.*${body.slice(0, 12)}`) });
  await expect(listed.or(full).first()).toBeVisible();
  if (!(await full.isVisible())) return 'saved';
  // What the person typed stays in the editor, ready for another try.
  await expect(page.getByRole('textbox', { name: 'Note text' })).toHaveValue(body);
  return 'refused';
}
