import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { specOf } from '../model/collections.ts';
import { validateFields } from '../model/validation.ts';
import { openTestOutpost } from '../db/testing.ts';
import { readLiveRecords } from '../db/snapshot.ts';
import { exportFile, readImportFile } from './files.ts';
import type { ExportFormat } from './formatNames.ts';
import { ImportError, importRecords, previewImport } from './importBackup.ts';

/** Text as people type it: any characters, line breaks, quotes, commas, semicolons. */
const text = (maxLength: number) =>
  fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '"', '\\', '\n', 'é', '😀', ':', '-'),
    maxLength,
  });
const tagList = fc.uniqueArray(
  text(12).filter((tag) => tag.trim() !== ''),
  { maxLength: 3 },
);
const note = fc
  .record({ title: text(30), body: text(120), pinned: fc.boolean(), tags: tagList })
  .filter((fields) => validateFields(specOf('notes'), fields).length === 0);
const contact = fc
  .record({
    name: text(30).filter((name) => name.trim() !== '' && name === name.trim()),
    email: fc.oneof(fc.constant(''), fc.emailAddress()),
    phone: fc.stringMatching(/^\+?[0-9][0-9 ]{0,14}$/),
    company: text(30),
    notes: text(80),
    tags: tagList,
    favorite: fc.boolean(),
    timesContacted: fc.nat(50),
  })
  .filter((fields) => validateFields(specOf('contacts'), fields).length === 0);

/** Each record's fields, as the device holds them (an import gives every record a new id). */
async function held(device: ReturnType<typeof openTestOutpost>, collection: 'notes' | 'contacts') {
  const records = (await readLiveRecords(device.db))[collection] as unknown as Record<
    string,
    unknown
  >[];
  return records
    .map(
      ({
        id: _i,
        createdAt: _c,
        updatedAt: _u,
        version: _v,
        pending: _p,
        deletedAt: _d,
        ...rest
      }) => rest,
    )
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function roundTrip(
  format: ExportFormat,
  seed: (device: ReturnType<typeof openTestOutpost>) => Promise<unknown>,
) {
  const source = openTestOutpost({ randomIds: true });
  await seed(source);
  const file = await exportFile(source.db, format);
  const bytes = typeof file.content === 'string' ? strToU8(file.content) : file.content;
  const parsed = readImportFile(file.name, bytes);
  expect(parsed.invalid).toEqual([]);
  const target = openTestOutpost({ randomIds: true });
  await importRecords(target, await previewImport(target, parsed), { keepDuplicates: false });
  return { source, target };
}

describe('export and import in every format', () => {
  it('notes as Markdown in a zip come back equal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(note, { maxLength: 6 }), async (notes) => {
        const { source, target } = await roundTrip('markdown', (device) =>
          device.notes.createMany(notes),
        );
        expect(await held(target, 'notes')).toEqual(await held(source, 'notes'));
      }),
      { numRuns: 25 },
    );
  });

  for (const format of ['vcard', 'csv'] as const) {
    it(`contacts as ${format} come back equal`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(contact, { maxLength: 6 }), async (contacts) => {
          const { source, target } = await roundTrip(format, (device) =>
            device.contacts.createMany(contacts),
          );
          expect(await held(target, 'contacts')).toEqual(await held(source, 'contacts'));
        }),
        { numRuns: 25 },
      );
    });
  }

  it('a vCard 3.0 file as a phone exports it: names, numbers and companies', () => {
    const phone = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Hopper;Grace;;;',
      'FN:Grace Hopper',
      'TEL;TYPE=CELL:+1 202 555 0100',
      'EMAIL;TYPE=INTERNET:grace@navy.mil',
      'ORG:US Navy;Research',
      'UID:phone-contact-17',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Lovelace;Ada;;;',
      'END:VCARD',
      '',
    ].join('\r\n');
    const parsed = readImportFile('Contacts.vcf', strToU8(phone));
    expect(parsed.invalid).toEqual([]);
    expect(parsed.records.map((record) => record.fields)).toEqual([
      expect.objectContaining({
        name: 'Grace Hopper',
        phone: '+1 202 555 0100',
        email: 'grace@navy.mil',
        company: 'US Navy, Research',
      }),
      expect.objectContaining({ name: 'Ada Lovelace', email: '' }),
    ]);
  });

  it('a malformed file of any kind is refused in words', () => {
    const refused = (name: string, content: string | Uint8Array) => {
      try {
        readImportFile(name, typeof content === 'string' ? strToU8(content) : content);
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
        return (error as ImportError).message;
      }
      throw new Error(`${name} was read`);
    };
    expect(refused('notes.zip', new Uint8Array([80, 75, 3, 4, 1, 2, 3]))).toMatch(/not a zip/);
    expect(refused('people.vcf', 'BEGIN:VCARD\r\nFN:Ada')).toMatch(/not a vCard file/);
    expect(refused('people.csv', 'email,phone\r\na@b.c,1\r\n')).toMatch(/no “name” column/);
  });

  it('Markdown from other apps: loose front matter, a rule on top, Finder’s metadata, clashing names', async () => {
    const zip = zipSync({
      'Trip.md': strToU8(
        '---\ntags:\n  - travel\ndate-created: 2024-01-01\npinned: yes\n---\nPack',
      ),
      'Rule.md': strToU8('---\n\n---\nA body that opens with a rule'),
      '__MACOSX/._Trip.md': new Uint8Array([0, 5, 22, 7]),
      'folder/._Other.md': new Uint8Array([0, 5, 22, 7]),
    });
    const parsed = readImportFile('notes.zip', zip);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.records.map((record) => record.fields)).toEqual([
      expect.objectContaining({ title: 'Rule', body: '---\n\n---\nA body that opens with a rule' }),
      expect.objectContaining({ title: 'Trip', body: 'Pack', pinned: false, tags: [] }),
    ]);

    const device = openTestOutpost({ randomIds: true });
    await device.notes.createMany([
      { title: 'Groceries' },
      { title: 'groceries' },
      { title: 'CON' },
    ]);
    const file = await exportFile(device.db, 'markdown');
    const names = Object.keys(unzipSync(file.content as Uint8Array));
    // Whichever comes first keeps the plain name; none overwrites another on macOS or Windows.
    expect(names.map((name) => name.toLowerCase()).sort()).toEqual([
      'con-note.md',
      'groceries (2).md',
      'groceries.md',
    ]);
  });

  it('invalid rows are listed with their reasons, the others kept', () => {
    const csv = 'name,email\r\nAda,ada@example.com\r\n,nobody@example.com\r\nBob,bob@\r\n';
    const parsed = readImportFile('people.csv', strToU8(csv));
    expect(parsed.records.map((record) => record.fields['name'])).toEqual(['Ada']);
    expect(parsed.invalid.map((record) => record.position)).toEqual([2, 3]);
  });
});
