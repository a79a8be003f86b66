import { ARMED } from './server.ts';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { createNote, expect, openApp } from './fixtures.ts';
import { SYNC_LOCK } from '../../src/sync/syncOnce.ts';
import { outboxRows } from './syncTraffic.ts';

export const PASSWORD = 'correct horse battery';

export function newUsername(): string {
  return `e2e-${randomUUID().slice(0, 8)}`;
}

export async function signIn(page: Page, username: string, mode: 'Create account' | 'Sign in') {
  await page.getByRole('button', { name: 'Sign in to sync' }).click();
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByRole('textbox', { name: 'Username' }).fill(username);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: mode }).click();
  await expect(syncControl(page)).toBeVisible();
}

/**
 * After signing in on a device that holds records made signed out, the app asks whether to
 * move them into the account (src/ui/account/MoveOfferDialog.tsx); this answers.
 */
export async function answerMoveOffer(page: Page, username: string, move: boolean) {
  const dialog = page.getByRole('dialog', { name: /^Move what you made on this device/ });
  await dialog
    .getByRole('button', { name: move ? `Move them into ${username}` : 'Keep them apart' })
    .click();
  await expect(dialog).toBeHidden();
}

/** Signs out, keeping the account's data on the device or removing it (SignOutDialog). */
export async function signOut(page: Page, username: string, choice: 'keep' | 'remove') {
  await (await openSyncSheet(page)).getByRole('button', { name: `Sign out ${username}` }).click();
  const dialog = page.getByRole('dialog', { name: `Sign out of ${username}?` });
  await dialog
    .getByRole('button', {
      name: choice === 'keep' ? 'Keep my data on this device' : /^Remove/,
    })
    .click();
  await expect(page.getByRole('button', { name: 'Sign in to sync' })).toBeVisible();
}

/** Opens the app at `path` on a fresh account made for this test; returns its username. */
export async function openSignedUp(page: Page, path?: string): Promise<string> {
  const username = newUsername();
  await openApp(page, path);
  await signIn(page, username, 'Create account');
  return username;
}

/**
 * A second device (its own browser context: its own IndexedDB and service worker) with the app
 * open and signed in as `username`. The caller closes the context.
 */
export async function openSecondDevice(
  browser: Browser,
  baseURL: string,
  username: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await openApp(page);
    await signIn(page, username, 'Sign in');
    return { context, page };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Runs `use` with a second device signed in as `username`, and closes it whatever happens. */
export async function withSecondDevice<T>(
  browser: Browser,
  baseURL: string,
  username: string,
  use: (page: Page) => Promise<T>,
): Promise<T> {
  const { context, page } = await openSecondDevice(browser, baseURL, username);
  try {
    return await use(page);
  } finally {
    await context.close();
  }
}

/** The whole status sentence: a live region, read out as it changes (AccountPanel.tsx). */
export function syncStatus(page: Page) {
  return page.getByRole('region', { name: 'Sync', exact: true }).getByRole('status');
}

/** The header's one sync control (icon and word), signed in. */
export function syncControl(page: Page) {
  return page.getByRole('button', { name: /^Sync: / });
}

/** Opens the sheet behind the sync control: the whole status, Sync now, Details, Sign out. */
export async function openSyncSheet(page: Page) {
  await syncControl(page).click();
  const sheet = page.getByRole('dialog', { name: 'Sync', exact: true });
  await expect(sheet).toBeVisible();
  return sheet;
}

/** Presses "Sync now" in the sync sheet and closes it again. */
export async function syncNow(page: Page) {
  const sheet = await openSyncSheet(page);
  await sheet.getByRole('button', { name: 'Sync now' }).click();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
}

/** "3 changes waiting", or offline "3 changes saved on this device": the status's count. */
export const waitingCount = (count: number) =>
  new RegExp(`\\b${count} changes? (waiting|saved on this device)`);
/** Any count of changes waiting, in either wording. */
export const ANY_WAITING = /\d+ changes? (waiting|saved on this device)/;

/**
 * Everything this device wrote has reached the server, no sync is running or waiting to run,
 * and the status line says so. The outbox and the sync lock are read first: the status line is
 * a live query of its own, and right after a write it may still show the "Synced" of the sync
 * before for a few reads, while the write's change has not left the device yet; and a sync
 * queued behind the lock (sign-in, start and the event stream each ask for one) would still
 * send a request a moment later. Refused changes stay in the outbox, marked failed.
 */
export async function expectSynced(page: Page, timeout = 10_000) {
  const waiting = async () =>
    (await outboxRows(page)).filter((entry) => entry.state !== 'failed').length;
  await expect.poll(waiting, { timeout }).toBe(0);
  await expect.poll(() => syncsUnderway(page), { timeout }).toBe(0);
  await expect(syncStatus(page)).toContainText('Synced', { timeout });
  await expect(syncStatus(page)).not.toContainText(ANY_WAITING);
}

/** Syncs holding or waiting for the engine's Web Lock (src/sync/syncOnce.ts), in every tab and the worker. */
async function syncsUnderway(page: Page): Promise<number> {
  return page.evaluate(async (name) => {
    const { held = [], pending = [] } = await navigator.locks.query();
    return [...held, ...pending].filter((lock) => lock.name === name).length;
  }, SYNC_LOCK);
}

const PROTOCOL = { 'Outpost-Protocol': '1' };

/**
 * What the server holds for the signed-in user (the context's session cookie authenticates).
 * `origin`: a server other than the test file's own (e.g. a second deployment).
 */
export async function serverTitles(page: Page, origin = ''): Promise<string[]> {
  return (await serverRecords(page, origin)).map((record) => String(record['title'])).sort();
}

export interface ServerRecord {
  id: string;
  version: number;
  deletedAt: number | null;
  [field: string]: unknown;
}

/** [L3] every record the server holds for the signed-in user, tombstones included. */
export async function serverRecords(page: Page, origin = ''): Promise<ServerRecord[]> {
  const response = await page.request.get(`${origin}/api/sync/pull?cursor=0&limit=1000`, {
    headers: PROTOCOL,
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { changes: { record: ServerRecord }[] };
  return body.changes.map((change) => change.record);
}

/** One record as the server holds it for the signed-in user. */
export async function serverRecord(page: Page, id: string): Promise<ServerRecord | undefined> {
  return (await serverRecords(page)).find((record) => record.id === id);
}

/** [H1] the server's history of one note: one entry per applied change. */
export async function serverHistory(
  page: Page,
  id: string,
): Promise<{ version: number; previous: object }[]> {
  const response = await page.request.get(`/api/sync/history?collection=notes&id=${id}`, {
    headers: PROTOCOL,
  });
  return ((await response.json()) as { entries: { version: number; previous: object }[] }).entries;
}

/** [F1] sets the server's simulated faults. */
export async function setFaults(page: Page, faults: object, origin = ''): Promise<void> {
  const response = await page.request.post(`${origin}/api/_faults`, { data: faults, ...ARMED });
  expect(response.status()).toBe(200);
}

/**
 * A phone (the test's page) and a laptop (a second context) signed in to one account, both
 * showing one synced note and both offline. The caller closes `laptop`.
 */
export async function twoOfflineDevices(page: Page, browser: Browser, baseURL: string, body = '') {
  const username = await openSignedUp(page);
  const id = await createNote(page, 'Shopping', body);
  await expectSynced(page);
  const { context: laptop, page: other } = await openSecondDevice(browser, baseURL, username);
  await other.goto(`/notes/${id}`);
  await expect(other.getByRole('textbox', { name: 'Title' })).toHaveValue('Shopping');
  await page.context().setOffline(true);
  await laptop.setOffline(true);
  return { id, laptop, other };
}

/** [P9] names the device in Settings, as a person would, and waits until the name is stored. */
export async function nameDevice(page: Page, name: string): Promise<void> {
  await page.goto('/settings');
  const field = page.getByRole('textbox', { name: 'Device name' });
  await expect(field).toBeEditable();
  await field.fill(name);
  await expect(page.getByText('Saved on this device', { exact: true })).toBeVisible();
}

/**
 * From twoOfflineDevices: each device changes the open note's fields (by label), the phone
 * syncs first and the laptop's changes then collide with it (P3): the laptop ends with one
 * conflict, the phone synced.
 */
export async function collideOnLaptop(
  devices: { page: Page; laptop: BrowserContext; other: Page; id: string },
  changes: { phone: Record<string, string>; laptop: Record<string, string> },
): Promise<void> {
  const { page, laptop, other, id } = devices;
  await page.goto(`/notes/${id}`);
  for (const [device, fields] of [
    [page, changes.phone],
    [other, changes.laptop],
  ] as const) {
    for (const [label, value] of Object.entries(fields)) {
      await device.getByRole('textbox', { name: label }).fill(value);
    }
    // Queued (the status counts it) and written: nothing still on its way to the database.
    await expect(syncStatus(device)).toContainText('Offline — 1 change saved on this device');
    await expect(device.getByText('Saved on this device', { exact: true })).toBeVisible();
  }
  await page.context().setOffline(false);
  await expect(syncStatus(page)).toContainText('Synced', { timeout: 15_000 });
  await laptop.setOffline(false);
  await expect(syncStatus(other)).toContainText('1 conflict', { timeout: 15_000 });
}
