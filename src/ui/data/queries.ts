import { useLiveQuery } from 'dexie-react-hooks';
import type { CollectionName } from '../../protocol/records.ts';
import type { StoredRecord } from '../../db/types.ts';
import { useOutpost } from './OutpostProvider.tsx';

/**
 * Thin live-query hooks: the UI reads only IndexedDB, so every write (this tab, another tab,
 * the service worker) shows up here without the UI ever waiting for the network.
 * `undefined` means "still loading", which screens show differently from "empty".
 */
export type Note = StoredRecord<'notes'>;
export type Contact = StoredRecord<'contacts'>;

/** Live notes, pinned first, then the most recently changed. */
export function useNotes(): Note[] | undefined {
  const { db } = useOutpost();
  return useLiveQuery(async () => sortNotes(await db.notes.toArray()), [db]);
}

/** Live contacts, favorites first, then by name. */
export function useContacts(): Contact[] | undefined {
  const { db } = useOutpost();
  return useLiveQuery(async () => sortContacts(await db.contacts.toArray()), [db]);
}

/** One record, or null when it does not exist (undefined while loading). */
export function useRecord<C extends CollectionName>(
  collection: C,
  id: string | undefined,
): StoredRecord<C> | null | undefined {
  const { db } = useOutpost();
  return useLiveQuery(async () => {
    if (!id) return null;
    const record = await db.table<StoredRecord<C>, string>(collection).get(id);
    return record ?? null;
  }, [db, collection, id]);
}

export function sortNotes(notes: Note[]): Note[] {
  return notes
    .filter((note) => note.deletedAt === null)
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt);
}

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function sortContacts(contacts: Contact[]): Contact[] {
  return contacts
    .filter((contact) => contact.deletedAt === null)
    .sort((a, b) => Number(b.favorite) - Number(a.favorite) || byName.compare(a.name, b.name));
}
