import type { Page } from '@playwright/test';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import { expectSynced, openSignedUp, serverRecord, withSecondDevice } from './support/sync.ts';
import { expectInert, watchDialogs, watchErrors, XSS } from './support/xss.ts';

/** Markdown in notes: the rendered view, its checklists as text edits, and nothing that runs. */

const PACKING = [
  '# Packing for the trip',
  '',
  'Bring **light** clothes, *really*, and read [the map](https://example.com/map).',
  '',
  '## Before leaving',
  '',
  '- [x] Passport',
  '- [ ] Tickets',
  '  - [ ] Seat numbers',
  '',
  '```sh',
  'npm run pack -- --all',
  '```',
].join('\n');

const textBox = (page: Page) => page.getByRole('textbox', { name: 'Note text' });
const rendered = (page: Page) => page.getByRole('region', { name: 'Rendered note' });
const showView = (page: Page, name: 'Edit' | 'Preview' | 'Side by side') =>
  page.getByRole('radiogroup', { name: 'View' }).getByRole('radio', { name }).check();

test.describe('Markdown in notes', () => {
  test('Preview renders headings, emphasis, links, code and a checklist; a tick edits the text', async ({
    page,
    appErrors,
  }) => {
    await openApp(page);
    await createNote(page, 'Trip', PACKING);
    await expect(page.getByRole('radio', { name: 'Edit' })).toBeChecked();
    await expect(rendered(page)).toHaveCount(0);

    await showView(page, 'Preview');
    await expect(textBox(page)).toBeHidden();
    const view = rendered(page);
    await expect(view.getByRole('heading', { level: 1 })).toHaveText('Packing for the trip');
    await expect(view.getByRole('heading', { level: 2 })).toHaveText('Before leaving');
    await expect(view.locator('strong')).toHaveText('light');
    await expect(view.locator('em')).toHaveText('really');
    const map = view.getByRole('link', { name: 'the map' });
    await expect(map).toHaveAttribute('href', 'https://example.com/map');
    await expect(map).toHaveAttribute('target', '_blank');
    await expect(map).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(view.locator('pre code')).toHaveText('npm run pack -- --all');
    await expect(view.getByRole('checkbox')).toHaveCount(3);
    await expect(view.getByRole('checkbox', { name: 'Passport' })).toBeChecked();
    await expect(view.getByRole('checkbox', { name: 'Tickets' })).not.toBeChecked();
    await expect(view.getByRole('checkbox', { name: 'Seat numbers' })).toBeEnabled();

    // By keyboard: the region, then what is in it; Space ticks.
    await view.focus();
    await expect(view).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(map).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(view.getByRole('checkbox', { name: 'Tickets' })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(view.getByRole('checkbox', { name: 'Tickets' })).toBeChecked();
    // Focus stays on the box it ticked: the rendering was updated, not rebuilt.
    await expect(view.getByRole('checkbox', { name: 'Tickets' })).toBeFocused();
    await view.getByRole('checkbox', { name: 'Seat numbers' }).check();
    await view.getByRole('checkbox', { name: 'Passport' }).uncheck();

    await showView(page, 'Edit');
    await expect(textBox(page)).toHaveValue(
      PACKING.replace('- [x] Passport', '- [ ] Passport')
        .replace('- [ ] Tickets', '- [x] Tickets')
        .replace('- [ ] Seat numbers', '- [x] Seat numbers'),
    );

    // The choice is kept on the device; a note just started opens where it can be typed in.
    await showView(page, 'Preview');
    await page.reload();
    await expect(page.getByRole('radio', { name: 'Preview' })).toBeChecked();
    await expect(rendered(page).getByRole('checkbox', { name: 'Tickets' })).toBeChecked();
    await page.getByRole('button', { name: 'New note' }).click();
    await expect(page.getByRole('radio', { name: 'Edit' })).toBeChecked();
    await page.keyboard.type('Nothing yet');
    await showView(page, 'Preview');
    await expect(rendered(page)).toHaveText('Nothing to preview yet.');
    expect(appErrors).toEqual([]);
  });

  test('side by side: the rendering follows the typing, and a tick amid typing keeps every keystroke', async ({
    page,
    appErrors,
  }) => {
    await openApp(page);
    await createNote(page, 'Trip', PACKING);
    await showView(page, 'Side by side');
    const text = textBox(page);
    const view = rendered(page);
    await expect(text).toBeVisible();
    await expect(view).toBeVisible();
    const textBounds = (await text.boundingBox())!;
    const viewBounds = (await view.boundingBox())!;
    expect(viewBounds.x).toBeGreaterThanOrEqual(textBounds.x + textBounds.width);
    expect(Math.abs(viewBounds.y - textBounds.y)).toBeLessThan(2);

    await text.press('ControlOrMeta+End');
    await text.pressSequentially('\n\n- [ ] Socks\n\nStill typing');
    await expect(view).toContainText('Still typing');
    // The write of the last keystrokes may still be on its way: the tick goes into the same
    // draft, after them.
    await view.getByRole('checkbox', { name: 'Socks' }).check();
    await text.pressSequentially(', and more');
    const expected = `${PACKING}\n\n- [x] Socks\n\nStill typing, and more`;
    await expect(text).toHaveValue(expected);
    await page.reload();
    await expect(textBox(page)).toHaveValue(expected);
    expect(appErrors).toEqual([]);
  });

  test('a ticked checklist syncs to a second device, and survives a reload', async ({
    page,
    browser,
    server,
    appErrors,
  }) => {
    const username = await openSignedUp(page);
    const id = await createNote(page, 'Packing', '- [ ] Passport\n- [ ] Tickets\n- [x] Charger');
    await expectSynced(page);

    await withSecondDevice(browser, server.baseURL, username, async (other) => {
      const otherErrors = watchErrors(other);
      await other.goto(`/notes/${id}`);
      await expect(other.getByRole('textbox', { name: 'Title' })).toHaveValue('Packing');
      await showView(other, 'Preview');
      await expect(rendered(other).getByRole('checkbox', { name: 'Tickets' })).not.toBeChecked();

      await showView(page, 'Preview');
      await rendered(page).getByRole('checkbox', { name: 'Tickets' }).check();
      await expectSynced(page);
      expect((await serverRecord(page, id))?.['body']).toBe(
        '- [ ] Passport\n- [x] Tickets\n- [x] Charger',
      );

      // The other device learns of it live, while showing the rendering.
      await expect(rendered(other).getByRole('checkbox', { name: 'Tickets' })).toBeChecked({
        timeout: 15_000,
      });
      await expect(rendered(other).getByRole('checkbox', { name: 'Passport' })).not.toBeChecked();
      await showView(other, 'Edit');
      await expect(textBox(other)).toHaveValue('- [ ] Passport\n- [x] Tickets\n- [x] Charger');

      await page.reload();
      await expect(rendered(page).getByRole('checkbox', { name: 'Tickets' })).toBeChecked();
      await expect(rendered(page).getByRole('checkbox', { name: 'Charger' })).toBeChecked();
      expect(otherErrors).toEqual([]);
    });
    expect(appErrors).toEqual([]);
  });

  test('on a phone: the text or its rendering, one at a time, switched by touch', async ({
    browser,
    server,
  }) => {
    const context = await browser.newContext({
      baseURL: server.baseURL,
      serviceWorkers: 'allow',
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await openApp(page);
      await page.getByRole('button', { name: 'New note' }).tap();
      await page.keyboard.type('Packing');
      await textBox(page).tap();
      await page.keyboard.type('- [ ] Passport\n- [ ] Tickets\n\n');
      await page.keyboard.type('`a-long-line-of-code-that-does-not-fit-a-phone-screen-at-all()`');
      const views = page.getByRole('radiogroup', { name: 'View' }).getByRole('radio');
      await expect(views).toHaveCount(2);
      await expect(views.nth(0)).toHaveAccessibleName('Edit');
      await expect(views.nth(1)).toHaveAccessibleName('Preview');

      await page.getByRole('radio', { name: 'Preview' }).tap();
      await expect(rendered(page)).toBeVisible();
      await expect(textBox(page)).toBeHidden();
      // A finger-sized target: the box with its words.
      const tickets = rendered(page).locator('label').filter({ hasText: 'Tickets' });
      const target = (await tickets.boundingBox())!;
      expect(target.height).toBeGreaterThanOrEqual(44);
      await tickets.getByText('Tickets').tap();
      await expect(rendered(page).getByRole('checkbox', { name: 'Tickets' })).toBeChecked();
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        ),
      ).toBe(true);

      await page.getByRole('radio', { name: 'Edit' }).tap();
      await expect(textBox(page)).toBeVisible();
      await expect(rendered(page)).toHaveCount(0);
      await expect(textBox(page)).toHaveValue(
        '- [ ] Passport\n- [x] Tickets\n\n`a-long-line-of-code-that-does-not-fit-a-phone-screen-at-all()`',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  test('the preview works offline: its code is precached with the app, not fetched on first use', async ({
    page,
    context,
    appErrors,
  }) => {
    await openApp(page);
    const id = await createNote(page, 'Away', '- [ ] Works offline');
    // The preview was never opened online: only the service worker's precache can have it.
    await context.setOffline(true);
    await page.goto(`/notes/${id}`);
    await showView(page, 'Preview');
    await rendered(page).getByRole('checkbox', { name: 'Works offline' }).check();
    await showView(page, 'Edit');
    await expect(textBox(page)).toHaveValue('- [x] Works offline');
    expect(appErrors).toEqual([]);
  });
});

test.describe('stored XSS', () => {
  test('payloads in a note’s title, text and tags stay inert in every view, on both devices', async ({
    page,
    browser,
    server,
    appErrors,
  }) => {
    test.setTimeout(120_000);
    const dialogs = watchDialogs(page);
    const username = await openSignedUp(page);
    const id = await createNote(page, XSS.line, XSS.text);
    await page.getByRole('textbox', { name: 'Add a tag' }).fill(XSS.tag);
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByRole('button', { name: `Remove tag ${XSS.tag}` })).toBeVisible();
    await expectSynced(page);
    await expectInert(page, dialogs, 'editor');

    await showView(page, 'Preview');
    // HTML in the text is shown as the text it is.
    await expect(rendered(page)).toContainText('<script>window.__xss=6</script>');
    await expectInert(page, dialogs, 'preview');
    // The words of a link whose address was dropped are only words.
    await rendered(page).getByText('click', { exact: true }).click();
    await rendered(page).getByText('a task').click();
    await expectInert(page, dialogs, 'preview, after clicks');
    await showView(page, 'Side by side');
    await expect(rendered(page)).toContainText('<script>window.__xss=6</script>');
    await expectInert(page, dialogs, 'side by side');

    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expect(
      page.getByRole('list', { name: 'Changes to this note, newest first' }),
    ).toBeVisible();
    await expectInert(page, dialogs, 'history');

    await page.goto('/notes');
    await expect(page.getByRole('list', { name: /^Notes/ }).getByRole('link')).toHaveCount(1);
    await expectInert(page, dialogs, 'list');
    await page.goto('/search?q=onerror');
    await expect(page.getByRole('status').filter({ hasText: 'match' })).toBeVisible();
    await expectInert(page, dialogs, 'search');

    await withSecondDevice(browser, server.baseURL, username, async (other) => {
      const otherDialogs = watchDialogs(other);
      const otherErrors = watchErrors(other);
      const row = other.getByRole('list', { name: /^Notes/ }).getByRole('link');
      await expect(row).toHaveCount(1);
      await expectInert(other, otherDialogs, 'second device: list');
      await row.click();
      await expect(other).toHaveURL(new RegExp(`/notes/${id}$`));
      await expect(other.getByRole('textbox', { name: 'Title' })).toHaveValue(XSS.line);
      await expectInert(other, otherDialogs, 'second device: editor');
      await showView(other, 'Preview');
      await expect(rendered(other)).toContainText('<script>window.__xss=6</script>');
      await expectInert(other, otherDialogs, 'second device: preview');
      await showView(other, 'Side by side');
      await expectInert(other, otherDialogs, 'second device: side by side');
      expect(otherErrors).toEqual([]);
    });
    expect(appErrors).toEqual([]);
  });

  test('payloads in a contact’s fields stay inert in every contact view, on both devices', async ({
    page,
    browser,
    server,
    appErrors,
  }) => {
    test.setTimeout(120_000);
    const dialogs = watchDialogs(page);
    const username = await openSignedUp(page, '/contacts');
    await page.getByRole('button', { name: 'New contact' }).click();
    const fields = {
      'Name (required)': XSS.line,
      Company: XSS.line,
      Email: XSS.email,
      Phone: XSS.phone,
      Notes: XSS.text,
    };
    for (const [name, value] of Object.entries(fields)) {
      await page.getByRole('textbox', { name }).fill(value);
    }
    await expect(page.getByText('Saved on this device', { exact: true })).toBeVisible();
    await expectSynced(page);
    await expect(page.getByRole('link', { name: `Email ${XSS.line}` })).toBeVisible();
    await expectInert(page, dialogs, 'contact editor');

    // A second contact: the list offers its orders from two rows on.
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByRole('textbox', { name: 'Name (required)' }).fill('Ada Lovelace');
    await expect(page.getByText('Saved on this device', { exact: true })).toBeVisible();
    const list = page.getByRole('list', { name: /^Contacts/ });
    await expect(list.getByRole('link')).toHaveCount(2);
    await expectInert(page, dialogs, 'contacts list');
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('Company');
    await expect(list.getByRole('heading', { name: `${XSS.line} (1 contact)` })).toBeVisible();
    await expectInert(page, dialogs, 'contacts by company');
    await page.goto('/search?q=onerror');
    await expect(page.getByRole('status').filter({ hasText: 'match' })).toBeVisible();
    await expectInert(page, dialogs, 'search');
    await expectSynced(page);

    await withSecondDevice(browser, server.baseURL, username, async (other) => {
      const otherDialogs = watchDialogs(other);
      const otherErrors = watchErrors(other);
      await other.goto('/contacts');
      const rows = other.getByRole('list', { name: /^Contacts/ }).getByRole('link');
      await expect(rows).toHaveCount(2);
      await expectInert(other, otherDialogs, 'second device: contacts');
      await rows.filter({ hasText: 'onerror' }).click();
      await expect(other.getByRole('textbox', { name: 'Email' })).toHaveValue(XSS.email);
      await expect(other.getByRole('textbox', { name: 'Notes' })).toHaveValue(XSS.text);
      await expectInert(other, otherDialogs, 'second device: contact editor');
      expect(otherErrors).toEqual([]);
    });
    expect(appErrors).toEqual([]);
  });
});
