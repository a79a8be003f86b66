import type { Outpost } from '../db/outpost.ts';
import { OutpostDatabase } from '../db/schema.ts';
import type { StoredRecord } from '../db/types.ts';
import { fieldNames } from '../model/collections.ts';
import type { CollectionName, FieldsOf } from '../protocol/records.ts';
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
    return await countRecords(db);
  } finally {
    db.close();
  }
}

async function countRecords(db: OutpostDatabase): Promise<SignedOutData> {
  const [notes, contacts, drafts] = await Promise.all([
    db.notes.filter(live).count(),
    db.contacts.filter(live).count(),
    db.drafts.where('record').startsWith('contacts:').count(),
  ]);
  return { notes, contacts: contacts + drafts };
}

const live = (record: { deletedAt: number | null }) => record.deletedAt === null;

/**
 * Moves what was made signed out into an account, when the person says so. Each live record
 * becomes a new record of the account, made through its repositories (so it syncs like typed
 * data), with the id it had, so links to it keep working; drafts go along as they are. Then
 * the signed-out database is emptied. The two databases cannot share a transaction: the copy
 * comes first and skips ids the account already holds, so a move cut short by a closed tab
 * simply runs again, and nothing is ever in neither place.
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
  const [notes, contacts, drafts] = await Promise.all([
    from.notes.filter(live).toArray(),
    from.contacts.filter(live).toArray(),
    from.drafts.toArray(),
  ]);
  await into.notes.createMany(
    notes.map((note) => fieldsOf('notes', note)),
    {
      ids: notes.map((note) => note.id),
    },
  );
  await into.contacts.createMany(
    contacts.map((contact) => fieldsOf('contacts', contact)),
    {
      ids: contacts.map((contact) => contact.id),
    },
  );
  await into.db.transaction('rw', into.db.drafts, async () => {
    const held = await into.db.drafts.bulkGet(drafts.map((draft) => draft.record));
    await into.db.drafts.bulkPut(drafts.filter((_, index) => !held[index]));
  });
  const tables = [from.notes, from.contacts, from.outbox, from.conflicts, from.drafts];
  await from.transaction('rw', tables, () => Promise.all(tables.map((table) => table.clear())));
  return notes.length + contacts.length + drafts.length;
}

function fieldsOf<C extends CollectionName>(collection: C, record: StoredRecord<C>): FieldsOf[C] {
  return Object.fromEntries(
    fieldNames(collection).map((field) => [field, Reflect.get(record, field)]),
  ) as unknown as FieldsOf[C];
}
