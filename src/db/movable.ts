import type { OutpostDatabase } from './schema.ts';
import { recordKey, type DraftRow, type StoredRecord } from './types.ts';
import { forgetTyping } from './typingJournal.ts';

/** What a person would take from one database into another (signed out into an account). */
export interface Movable {
  notes: StoredRecord<'notes'>[];
  contacts: StoredRecord<'contacts'>[];
  drafts: DraftRow[];
}

/**
 * Live records, and drafts (values typed that cannot sync yet) of live records or of records
 * that exist only as a draft. A deleted record's draft stays behind with its tombstone.
 */
export async function readMovable(db: OutpostDatabase): Promise<Movable> {
  const [notesTable, contactsTable] = [db.records('notes'), db.records('contacts')];
  return db.transaction('r', notesTable, contactsTable, db.drafts, async () => {
    const [notes, contacts, drafts] = await Promise.all([
      notesTable.toArray(),
      contactsTable.toArray(),
      db.drafts.toArray(),
    ]);
    const deleted = new Set([
      ...notes.filter((note) => !live(note)).map((note) => recordKey('notes', note.id)),
      ...contacts.filter((contact) => !live(contact)).map((c) => recordKey('contacts', c.id)),
    ]);
    return {
      notes: notes.filter(live),
      contacts: contacts.filter(live),
      drafts: drafts.filter((draft) => !deleted.has(draft.record)),
    };
  });
}

const live = (record: { deletedAt: number | null }) => record.deletedAt === null;

/** Adds drafts brought from another database; a record's draft already here is kept. */
export async function addDrafts(db: OutpostDatabase, drafts: DraftRow[]): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    const held = await db.drafts.bulkGet(drafts.map((draft) => draft.record));
    await db.drafts.bulkPut(drafts.filter((_, index) => !held[index]));
  });
}

/**
 * Empties a database whose data moved elsewhere: its records, outbox, conflicts, drafts and
 * typing journal (the editors that wrote it have finished: the page closes a database only
 * after its screens settle).
 */
export async function emptyMoved(db: OutpostDatabase): Promise<void> {
  const records = [db.records('notes'), db.records('contacts')];
  const tables = [...records, db.outbox, db.conflicts, db.drafts, db.typing];
  await db.transaction('rw', tables, () => Promise.all(tables.map((table) => table.clear())));
  forgetTyping(db.name);
}
