import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { createNote, expect, openApp, test } from './support/fixtures.ts';

/** Your data: a backup exported and imported through Settings, offline (src/backup). */

const noteRows = (page: Page) => page.getByRole('list', { name: /^Notes/ }).getByRole('link');
const importInput = (page: Page) => page.getByLabel('Import a file…');

test('offline: export a backup, import it back with duplicates kept, and a malformed file changes nothing', async ({
  page,
  appErrors,
}) => {
  await openApp(page);
  await createNote(page, 'Groceries', 'milk');
  await createNote(page, 'Plan the trip');
  await page.goto('/contacts/new');
  await page.getByRole('textbox', { name: 'Name (required)' }).fill('Ada Lovelace');
  await expect(page.getByText('Saved on this device', { exact: true })).toBeVisible();
  await page.context().setOffline(true);
  await page.getByRole('link', { name: 'Settings' }).click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^outpost-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile(await download.path(), 'utf8');
  const backup = JSON.parse(text) as { collections: Record<string, { fields: object }[]> };
  expect(backup.collections['notes']?.map((note) => note.fields)).toEqual(
    expect.arrayContaining([expect.objectContaining({ title: 'Groceries', body: 'milk' })]),
  );
  await expect(page.getByText(/Saved outpost-backup-.*: 2 notes and 1 contact\./)).toBeVisible();

  // A file cut short: said in words, and nothing changes.
  await importInput(page).setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text.slice(0, 40)),
  });
  await expect(page.getByRole('alert')).toHaveText(/not JSON, or it was cut short/);

  await importInput(page).setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  const preview = page.getByRole('region', { name: 'In backup.json' });
  await expect(preview).toContainText('2 notes, 1 contact.');
  await expect(preview.getByRole('group')).toContainText('3 are already on this device');
  await expect(preview.getByRole('radio', { name: 'Skip them' })).toBeChecked();
  await expect(preview.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
  await preview.getByRole('radio', { name: 'Keep both' }).check();
  await preview.getByRole('button', { name: 'Import 3 records' }).click();
  await expect(page.getByText('Imported 2 notes and 1 contact.')).toBeVisible();

  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await expect(noteRows(page)).toHaveCount(4);
  await expect(noteRows(page).filter({ hasText: 'Groceries' })).toHaveCount(2);
  // Offline, the browser itself reports each request that could not leave (Settings asks the
  // server whether it offers the network lab): no script error and no CSP violation besides.
  expect(appErrors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('a 5,000-note backup: the preview counts them, a progress bar moves, every note arrives', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page, '/settings');
  const record = (index: number) => ({
    id: randomUUID(),
    fields: { title: `Imported ${index}`, body: `Line ${index}`, pinned: false, tags: [] },
    createdAt: 1,
    updatedAt: 1,
    version: 0,
    unsynced: true,
  });
  const file = {
    format: 'outpost-backup',
    version: 1,
    exportedAt: new Date().toISOString(),
    collections: {
      notes: [...Array.from({ length: 5_000 }, (_, index) => record(index)), { id: 'bad' }],
    },
  };
  await importInput(page).setInputFiles({
    name: 'big.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  const preview = page.getByRole('region', { name: 'In big.json' });
  await expect(preview).toContainText('5,000 notes, 0 contacts, 1 invalid record.');
  await preview.getByText('Why one record is left out').click();
  await expect(preview.getByRole('listitem')).toHaveText(['notes, record 5001: id: Invalid UUID']);

  // Every value the progress bar shows on its way, as the page renders it.
  await page.evaluate(() => {
    const seen: number[] = [];
    Object.assign(window, { progressSeen: seen });
    new MutationObserver(() => {
      const bar = document.querySelector('progress');
      if (bar) seen.push(bar.value);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await preview.getByRole('button', { name: 'Import 5,000 records' }).click();
  await expect(page.getByText('Imported 5,000 notes.')).toBeVisible({
    timeout: 60_000,
  });
  const seen = await page.evaluate(
    () => (window as unknown as { progressSeen: number[] }).progressSeen,
  );
  expect(seen.some((value) => value > 0 && value < 5_000)).toBe(true);
  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Notes (5000)' })).toBeVisible();
});

test('offline: notes leave as Markdown in a zip and contacts as vCard; a phone’s vCard 3.0 comes in', async ({
  page,
}) => {
  await openApp(page);
  await createNote(page, 'Groceries', 'milk\neggs');
  await page.context().setOffline(true);
  await page.getByRole('link', { name: 'Settings' }).click();
  const exportAs = page.getByRole('combobox', { name: 'Export as' });

  await exportAs.selectOption('Notes as Markdown (zip)');
  const [zip] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  expect(zip.suggestedFilename()).toMatch(/^outpost-notes-\d{4}-\d{2}-\d{2}\.zip$/);
  const bytes = await readFile(await zip.path());
  // A zip's local file header, then the note's file name.
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(bytes.includes(Buffer.from('Groceries.md'))).toBe(true);

  await importInput(page).setInputFiles({
    name: 'Contacts.vcf',
    mimeType: 'text/vcard',
    buffer: Buffer.from(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'N:Hopper;Grace;;;',
        'FN:Grace Hopper',
        'TEL;TYPE=CELL:+1 202 555 0100',
        'EMAIL;TYPE=INTERNET:grace@navy.mil',
        'ORG:US Navy',
        'END:VCARD',
        '',
      ].join('\r\n'),
    ),
  });
  const preview = page.getByRole('region', { name: 'In Contacts.vcf' });
  await expect(preview).toContainText('0 notes, 1 contact.');
  await preview.getByRole('button', { name: 'Import 1 record' }).click();
  await expect(page.getByText('Imported 1 contact.')).toBeVisible();

  await exportAs.selectOption('Contacts as vCard');
  const [vcard] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const card = await readFile(await vcard.path(), 'utf8');
  expect(card).toContain('VERSION:4.0');
  expect(card).toContain('FN:Grace Hopper');
  expect(card).toContain('TEL:+1 202 555 0100');
  await expect(page.getByText(/Saved outpost-contacts-.*\.vcf: 1 contact\./)).toBeVisible();
});
