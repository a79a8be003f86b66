import { test as base, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './server.ts';

/**
 * Every test file gets its own server process and data directory (worker scope), and every
 * test its own browser context: a fresh device with empty IndexedDB and no service worker.
 */
export const test = base.extend<{ appErrors: string[] }, { server: RunningServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument
    async ({}, use) => {
      // Faults (F1) are on for every e2e server, so any test can simulate a bad network.
      const server = await startServer({ OUTPOST_FAULTS: '1' });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.baseURL),
  // Console errors and uncaught exceptions, including CSP violations: tests assert none occur.
  appErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
});

export { expect };

/** Opens the app and waits until the service worker controls the page (the app shell is cached). */
export async function openApp(page: Page, path = '/notes'): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (
      registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null
    );
  });
}

/** Creates a note through the UI, waits until it is saved, and returns its id (from the URL). */
export async function createNote(page: Page, title: string, body = ''): Promise<string> {
  const before = page.url();
  await page.getByRole('button', { name: 'New note' }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(/\/notes\/[0-9a-f-]{36}$/);
  const titleBox = page.getByRole('textbox', { name: 'Title' });
  await expect(titleBox).toHaveValue('');
  await titleBox.fill(title);
  if (body) await page.getByRole('textbox', { name: 'Note text' }).fill(body);
  await expect(page.getByText('Saved on this device', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('list', { name: /^Notes/ }).getByRole('link', { name: title }),
  ).toBeVisible();
  const id = new URL(page.url()).pathname.split('/')[2];
  if (!id) throw new Error(`no note id in ${page.url()}`);
  return id;
}
