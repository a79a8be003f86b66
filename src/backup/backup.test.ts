import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { specOf } from '../model/collections.ts';
import { validateFields } from '../model/validation.ts';
import { openTestOutpost } from '../db/testing.ts';
import { readLiveRecords } from '../db/snapshot.ts';
import { exportBackup } from './exportBackup.ts';
import {
  ImportError,
  importRecords,
  MAX_IMPORT_BYTES,
  parseBackup,
  previewImport,
  type ImportErrorCode,
} from './importBackup.ts';

type Device = ReturnType<typeof openTestOutpost>;

/** Valid fields of a collection, as fast-check makes them (R1 decides what is valid). */
const noteFields = fc
  .record({
    title: fc.string({ maxLength: 40 }),
    body: fc.string({ maxLength: 200 }),
    pinned: fc.boolean(),
    tags: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { maxLength: 3 }),
  })
  .filter((fields) => validateFields(specOf('notes'), fields).length === 0);
const contactFields = fc
  .record({
    name: fc.string({ minLength: 1, maxLength: 40 }),
    email: fc.oneof(fc.constant(''), fc.emailAddress()),
    phone: fc.stringMatching(/^\+?[0-9 ]{0,15}$/),
    company: fc.string({ maxLength: 30 }),
    favorite: fc.boolean(),
  })
  .filter((fields) => validateFields(specOf('contacts'), fields).length === 0);

/**
 * What a person would call the same data: each record's fields. Ids are not kept: an import
 * gives every record a new one (importRecords).
 */
async function contentOf(device: Device) {
  const live = await readLiveRecords(device.db);
  const shape = (records: object[]) =>
    records
      .map((record) => {
        const {
          id: _id,
          createdAt: _c,
          updatedAt: _u,
          version: _v,
          pending: _p,
          deletedAt: _d,
          ...fields
        } = record as Record<string, unknown>;
        return fields;
      })
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { notes: shape(live.notes), contacts: shape(live.contacts) };
}

async function backupText(device: Device): Promise<string> {
  return JSON.stringify(await exportBackup(device.db));
}

async function importAll(device: Device, text: string, keepDuplicates = false) {
  const preview = await previewImport(device, parseBackup(text));
  return importRecords(device, preview, { keepDuplicates });
}

function expectImportError(text: string, code: ImportErrorCode) {
  try {
    parseBackup(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe(code);
    expect((error as ImportError).message.length).toBeGreaterThan(10);
    return;
  }
  throw new Error(`parsed without an error; expected ${code}`);
}

describe('backup', () => {
  it('export, then import into an empty device, gives the same records (under new ids)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(noteFields, { maxLength: 8 }),
        fc.array(contactFields, { maxLength: 8 }),
        async (notes, contacts) => {
          const source = openTestOutpost({ randomIds: true });
          await source.notes.createMany(notes);
          await source.contacts.createMany(contacts);
          const target = openTestOutpost({ randomIds: true });
          const imported = await importAll(target, await backupText(source));
          expect(imported).toEqual({ notes: notes.length, contacts: contacts.length });
          expect(await contentOf(target)).toEqual(await contentOf(source));
          // Ordinary mutations: one creation per record waits to be pushed.
          expect(await target.outbox()).toHaveLength(notes.length + contacts.length);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a malformed file is refused in words, and changes nothing', async () => {
    const source = openTestOutpost();
    await source.notes.create({ title: 'Kept' });
    const text = await backupText(source);
    expectImportError(text.slice(0, text.length - 5), 'not_json');
    expectImportError('{"notes": []}', 'not_a_backup');
    expectImportError('[1, 2, 3]', 'not_a_backup');
    expectImportError(JSON.stringify({ ...JSON.parse(text), version: 2 }), 'newer_version');
    expectImportError(' '.repeat(MAX_IMPORT_BYTES + 1), 'too_large');
    expect(await contentOf(source)).toMatchObject({ notes: [{ title: 'Kept' }] });
  });

  it('invalid records are listed with their reasons; the others import', async () => {
    const file = JSON.parse(await backupText(openTestOutpost())) as {
      collections: Record<string, unknown[]>;
    };
    const record = (id: string, fields: object) => ({
      id,
      fields,
      createdAt: 1,
      updatedAt: 1,
      version: 0,
      unsynced: true,
    });
    const good = '10000000-0000-4000-8000-000000000001';
    file.collections['contacts'] = [
      record(good, { name: 'Ada', email: 'ada@example.com' }),
      record('10000000-0000-4000-8000-000000000002', { name: 'Bob', email: 'bob@' }),
      record('not-an-id', { name: 'Cy' }),
      record(good, { name: 'Ada again' }),
    ];
    file.collections['tasks'] = [record('10000000-0000-4000-8000-000000000003', {})];
    const parsed = parseBackup(JSON.stringify(file));
    expect(parsed.records.map((one) => one.id)).toEqual([good]);
    expect(parsed.invalid).toEqual([
      { collection: 'contacts', position: 2, reason: expect.stringMatching(/email address/) },
      { collection: 'contacts', position: 3, reason: expect.stringMatching(/^id: /) },
      { collection: 'contacts', position: 4, reason: 'its id appears earlier in the file' },
      { collection: 'tasks', position: 1, reason: 'this version of Outpost has no “tasks”' },
    ]);
  });

  it('the same backup twice: duplicates are found by id and by name and email, skipped or kept', async () => {
    const device = openTestOutpost({ randomIds: true });
    await device.notes.createMany([{ title: 'One' }, { title: 'Two' }]);
    await device.contacts.createMany([{ name: 'Ada', email: 'ada@example.com' }]);
    const text = await backupText(device);
    // Ada typed again on this device, under another id: the same person.
    const other = openTestOutpost({ randomIds: true });
    await other.contacts.create({ name: ' ada ', email: 'ADA@example.com' });

    const preview = await previewImport(device, parseBackup(text));
    expect(preview.counts).toEqual({ notes: 2, contacts: 1 });
    expect(preview.duplicates).toHaveLength(3);
    expect(await importRecords(device, preview, { keepDuplicates: false })).toEqual({
      notes: 0,
      contacts: 0,
    });
    expect((await previewImport(other, parseBackup(text))).duplicates).toHaveLength(1);

    expect(await importAll(device, text, true)).toEqual({ notes: 2, contacts: 1 });
    const after = await contentOf(device);
    expect(after.notes.map((note) => note['title']).sort()).toEqual(['One', 'One', 'Two', 'Two']);
    expect((await readLiveRecords(device.db)).notes).toHaveLength(4);
  });

  it('all or nothing: an import that fails halfway leaves nothing behind', async () => {
    const source = openTestOutpost({ randomIds: true });
    await source.notes.createMany(Array.from({ length: 700 }, (_, i) => ({ title: `Note ${i}` })));
    const target = openTestOutpost({ randomIds: true });
    const preview = await previewImport(target, parseBackup(await backupText(source)));
    const progress: number[] = [];
    await expect(
      importRecords(target, preview, {
        keepDuplicates: false,
        onProgress: (done) => {
          progress.push(done);
          if (done === 500) throw new Error('the tab closed');
        },
      }),
    ).rejects.toThrow('the tab closed');
    expect(progress).toEqual([500]);
    expect(await contentOf(target)).toEqual({ notes: [], contacts: [] });
    expect(await target.outbox()).toEqual([]);

    const done: number[] = [];
    await importRecords(target, preview, {
      keepDuplicates: false,
      onProgress: (count, total) => done.push(count, total),
    });
    expect(done).toEqual([500, 700, 700, 700]);
    expect((await contentOf(target)).notes).toHaveLength(700);
  });
});
