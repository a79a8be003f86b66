import type { Outpost } from '../db/outpost.ts';
import { OutpostDatabase } from '../db/schema.ts';
import { recordKey, type StoredRecord } from '../db/types.ts';
import { forgetTyping } from '../db/typingJournal.ts';
import { fieldNames, specOf, type CollectionName, type FieldsOf } from '../model/collections.ts';
import { signedOutDatabaseName, type DeviceRegistry } from './registry.ts';

/** What the device made while signed out: the records a person would want to take along. */
export interface SignedOutData {
  notes: number;
  contacts: number;
}

/** What the database of the device signed out holds. */
export async function signedOutData(registry: DeviceRegistry): Promise<SignedOutData> {
  const db = new OutpostDatabase(await signedOutDatabaseName(registry), registry.databaseOptions);
  try {
    return counted(await movable(db));
  } finally {
    db.close();
  }
}

/**
 * What a person would take along: live records, and drafts (values typed that cannot sync
 * yet) of live records or of records that exist only as a draft. A deleted record's draft
 * stays behind with its tombstone.
 */
async function movable(db: OutpostDatabase) {
  const [notesTable, contactsTable] = [db.records('notes'), db.records('contacts')];
  return db.transaction('r', notesTable, contactsTable, db.drafts, async () => {
    const [notes, contacts, drafts] = await Promise.all([
      notesTable.toArray(),
      contactsTable.toArray(),
      db.drafts.toArray(),
    ]);
    const deleted = new Set([
      ...notes.filter((note) => !live(note)).map((note) => recordKey('notes', note.id)),
      ...contacts.filter((contact) => !live(contact)).map(contactKey),
    ]);
    return {
      notes: notes.filter(live),
      contacts: contacts.filter(live),
      drafts: drafts.filter((draft) => !deleted.has(draft.record)),
    };
  });
}

/** A contact typed without a valid name yet exists only as its draft: it counts too. */
function counted({ notes, contacts, drafts }: Awaited<ReturnType<typeof movable>>): SignedOutData {
  const stored = new Set(contacts.map(contactKey));
  const draftOnly = drafts.filter((draft) => !stored.has(draft.record));
  return { notes: notes.length, contacts: contacts.length + draftOnly.length };
}

const live = (record: { deletedAt: number | null }) => record.deletedAt === null;
const contactKey = (contact: { id: string }) => recordKey('contacts', contact.id);

/**
 * Moves what was made signed out into an account, when the person says so. Each live record
 * becomes a new record of the account, made through its repositories (so it syncs like typed
 * data), with the id it had, so links to it keep working; drafts go along as they are. Then
 * the signed-out database is emptied, its typing journal too (the editors that wrote it have
 * finished: the page closes a database only after its screens settle). The two databases
 * cannot share a transaction: the copy comes first and skips ids the account already holds,
 * so a move cut short by a closed tab simply runs again, and nothing is ever in neither place.
 */
export async function moveSignedOutData(registry: DeviceRegistry, into: Outpost): Promise<number> {
  const from = new OutpostDatabase(await signedOutDatabaseName(registry), registry.databaseOptions);
  try {
    return await moveRecords(from, into);
  } finally {
    from.close();
  }
}

async function moveRecords(from: OutpostDatabase, into: Outpost): Promise<number> {
  const moving = await movable(from);
  const { notes, contacts, drafts } = moving;
  await into.notes.createMany(
    notes.map((note) => fieldsOf('notes', note)),
    { ids: notes.map((note) => note.id) },
  );
  await into.contacts.createMany(
    contacts.map((contact) => fieldsOf('contacts', contact)),
    { ids: contacts.map((contact) => contact.id) },
  );
  await into.db.transaction('rw', into.db.drafts, async () => {
    const held = await into.db.drafts.bulkGet(drafts.map((draft) => draft.record));
    await into.db.drafts.bulkPut(drafts.filter((_, index) => !held[index]));
  });
  const records = [from.records('notes'), from.records('contacts')];
  const tables = [...records, from.outbox, from.conflicts, from.drafts, from.typing];
  await from.transaction('rw', tables, () => Promise.all(tables.map((table) => table.clear())));
  forgetTyping(from.name);
  const { notes: movedNotes, contacts: movedContacts } = counted(moving);
  return movedNotes + movedContacts;
}

function fieldsOf<C extends CollectionName>(collection: C, record: StoredRecord<C>): FieldsOf[C] {
  return Object.fromEntries(
    fieldNames(specOf(collection)).map((field) => [field, Reflect.get(record, field)]),
  ) as unknown as FieldsOf[C];
}
