import { useLiveQuery } from 'dexie-react-hooks';
import type { CollectionName } from '../../model/collections.ts';
import { emptyRecordFields } from '../../model/collections.ts';
import { orderContacts, orderNotes, type NoteOrder } from './ordering.ts';
import type { OutpostDatabase } from '../../db/schema.ts';
import { recordKey, type DraftRow, type StoredRecord } from '../../db/types.ts';
import { listLength, listRows } from '../../db/lists.ts';
import type { ListSource, RowRange } from '../common/VirtualList.tsx';
import { useOutpost } from './OutpostProvider.tsx';

/**
 * Thin live-query hooks: the UI reads only IndexedDB, so every write (this tab, another tab,
 * the service worker) shows up here without the UI ever waiting for the network.
 * `undefined` means "still loading", which screens show differently from "empty".
 */
export type Note = StoredRecord<'notes'>;
export type Contact = StoredRecord<'contacts'>;

/** The rows of a long list that one read brings: a page, so scrolling reads again only at its edges. */
const LIST_PAGE = 50;

/** A window onto a collection's list (src/db/lists.ts): its length, and the rows read from `first`. */
export interface ListWindow<T> {
  length: number;
  first: number;
  rows: T[];
}

/**
 * Live: the pages of a collection's list that cover `range` (the rows in view), and the list's
 * length, read together so they agree. A save re-runs only this: the length and a page or two
 * from the list index, never the whole table. Until a new range answers, the last window stays.
 */
export function useListWindow<C extends CollectionName>(
  collection: C,
  range: RowRange,
): ListWindow<StoredRecord<C>> | undefined {
  const { db } = useOutpost();
  const { first, end } = pagesCovering(range);
  return useLiveQuery(
    () => readListWindow(db, collection, first, end),
    [db, collection, first, end],
  );
}

/**
 * Live: the notes list in the order the person chose. "Last changed" is the list index's own
 * order, so only the pages in view are read (useListWindow); the other orders read every note
 * and sort them here.
 */
export function useNoteList(order: NoteOrder, range: RowRange): ListWindow<Note> | undefined {
  const { db } = useOutpost();
  const indexed = order === 'changed';
  const { first, end } = indexed ? pagesCovering(range) : { first: 0, end: 0 };
  return useLiveQuery(async () => {
    if (indexed) return readListWindow(db, 'notes', first, end);
    const rows = orderNotes(await db.records('notes').toArray(), order);
    return { length: rows.length, first: 0, rows };
  }, [db, order, first, end]);
}

/** The rows of whole pages (LIST_PAGE) that cover `range`. */
function pagesCovering(range: RowRange): { first: number; end: number } {
  return {
    first: Math.floor(range.first / LIST_PAGE) * LIST_PAGE,
    end: (Math.floor(range.last / LIST_PAGE) + 1) * LIST_PAGE,
  };
}

/** The list's length and its rows from `first` to `end`, in one read transaction. */
function readListWindow<C extends CollectionName>(
  db: OutpostDatabase,
  collection: C,
  first: number,
  end: number,
): Promise<ListWindow<StoredRecord<C>>> {
  return db.transaction('r', db.records(collection), async () => {
    const [length, rows] = await Promise.all([
      listLength(db, collection),
      listRows(db, collection, first, end - first),
    ]);
    return { length, first, rows };
  });
}

/** A list window as a virtual list's source; `onRangeChange` moves the window. */
export function windowSource<T>(
  window: ListWindow<T>,
  onRangeChange: (range: RowRange) => void,
): ListSource<T> {
  return {
    length: window.length,
    itemAt: (index) => window.rows[index - window.first],
    onRangeChange,
  };
}

/**
 * Every live note, pinned first, then the most recently changed: a whole-table read, for search
 * (the notes list reads a window, useListWindow).
 */
export function useNotes(): Note[] | undefined {
  const { db } = useOutpost();
  return useLiveQuery(async () => sortNotes(await db.records('notes').toArray()), [db]);
}

/**
 * Live contacts, favorites first, then by name, as the person sees them: with their drafts
 * (values typed that cannot sync yet, src/db/drafts.ts) laid over them and marked unsynced, and
 * contacts that exist only as a draft (typed, but no name yet) among them.
 */
export function useContacts(): Contact[] | undefined {
  const { db } = useOutpost();
  return useLiveQuery(async () => {
    // One read transaction: a write changes a record and its draft together, and the list
    // must never show one without the other.
    const [stored, drafts] = await db.transaction('r', db.records('contacts'), db.drafts, () =>
      Promise.all([
        db.records('contacts').toArray(),
        db.drafts.where('record').startsWith('contacts:').toArray(),
      ]),
    );
    return sortContacts(withDrafts(stored, drafts));
  }, [db]);
}

function withDrafts(stored: Contact[], drafts: DraftRow[]): Contact[] {
  const byKey = new Map(drafts.map((draft) => [draft.record, draft]));
  const shown = stored.map((contact) => {
    const draft = byKey.get(recordKey('contacts', contact.id));
    byKey.delete(recordKey('contacts', contact.id));
    return draft ? { ...contact, ...draft.fields, pending: 1 as const } : contact;
  });
  for (const draft of byKey.values()) shown.push(draftOnlyContact(draft));
  return shown;
}

/** A contact typed but not yet made (it has no valid name), as the list shows it. */
export function draftOnlyContact(draft: DraftRow): Contact {
  return {
    ...emptyRecordFields('contacts'),
    ...draft.fields,
    id: draft.record.slice('contacts:'.length),
    createdAt: draft.updatedAt,
    updatedAt: draft.updatedAt,
    deletedAt: null,
    version: 0,
    pending: 1,
  };
}

/**
 * One record and its draft (src/db/drafts.ts), read in one transaction: a write changes both
 * at once, and an editor shown the new record with the old draft (or the other way round)
 * would take the mix for news and put an older value back under the cursor. `record` and
 * `draft` are null when absent; the whole answer is undefined while loading.
 */
export function useRecordAndDraft<C extends CollectionName>(
  collection: C,
  id: string | undefined,
): { id: string; record: StoredRecord<C> | null; draft: DraftRow | null } | undefined {
  const { db } = useOutpost();
  return useLiveQuery(async () => {
    if (!id) return undefined;
    const table = db.records(collection);
    const [record, draft] = await db.transaction('r', table, db.drafts, () =>
      Promise.all([table.get(id), db.drafts.get(recordKey(collection, id))]),
    );
    return { id, record: record ?? null, draft: draft ?? null };
  }, [db, collection, id]);
}

/** One record, or null when it does not exist (undefined while loading). */
export function useRecord<C extends CollectionName>(
  collection: C,
  id: string | undefined,
): StoredRecord<C> | null | undefined {
  const { db } = useOutpost();
  return useLiveQuery(async () => {
    if (!id) return null;
    const record = await db.records(collection).get(id);
    return record ?? null;
  }, [db, collection, id]);
}

export function sortNotes(notes: Note[]): Note[] {
  return orderNotes(notes, 'changed');
}

export function sortContacts(contacts: Contact[]): Contact[] {
  return orderContacts(contacts, 'name');
}
