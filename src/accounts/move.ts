import type { Outpost } from '../db/outpost.ts';
import { OutpostDatabase } from '../db/schema.ts';
import { recordKey, type StoredRecord } from '../db/types.ts';
import { addDrafts, emptyMoved, readMovable, type Movable } from '../db/movable.ts';
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
    return counted(await readMovable(db));
  } finally {
    db.close();
  }
}

/** A contact typed without a valid name yet exists only as its draft: it counts too. */
function counted({ notes, contacts, drafts }: Movable): SignedOutData {
  const stored = new Set(contacts.map((contact) => recordKey('contacts', contact.id)));
  const draftOnly = drafts.filter((draft) => !stored.has(draft.record));
  return { notes: notes.length, contacts: contacts.length + draftOnly.length };
}

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
  const moving = await readMovable(from);
  const { notes, contacts, drafts } = moving;
  await into.notes.createMany(
    notes.map((note) => fieldsOf('notes', note)),
    { ids: notes.map((note) => note.id) },
  );
  await into.contacts.createMany(
    contacts.map((contact) => fieldsOf('contacts', contact)),
    { ids: contacts.map((contact) => contact.id) },
  );
  await addDrafts(into.db, drafts);
  await emptyMoved(from);
  const { notes: movedNotes, contacts: movedContacts } = counted(moving);
  return movedNotes + movedContacts;
}

function fieldsOf<C extends CollectionName>(collection: C, record: StoredRecord<C>): FieldsOf[C] {
  return Object.fromEntries(
    fieldNames(specOf(collection)).map((field) => [field, Reflect.get(record, field)]),
  ) as unknown as FieldsOf[C];
}
