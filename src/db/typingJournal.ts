import type { OutpostDatabase } from './schema.ts';
import type { TypingRow, TypingStoredRow } from './types.ts';
import { COLLECTIONS, type CollectionName } from '../model/collections.ts';

/**
 * Every keystroke, kept the moment it is typed, before the editor's real write lands.
 *
 * An edit is a transaction that reads (the record, its unsent mutation) before it writes, and
 * the browser hands those reads back only when the page has time: while someone types fast,
 * input events come first and a write can take a few hundred milliseconds. A page that reloads,
 * closes or is killed in that window takes the write with it. So each keystroke is also kept,
 * in the input handler itself, in two places that need nothing more from the page:
 *
 * - localStorage, written before `setItem` returns: it survives the page going away at once
 *   (a reload, a closed tab), but the browser writes it to disk only every few seconds;
 * - a *blind* IndexedDB put, sent with `commit()`: the browser stores it without waiting for
 *   the page again, so it survives a killed browser a moment later, but a page that goes away
 *   within that moment aborts it.
 *
 * The editor's write of keystrokes up to n records, in its own transaction, that they are
 * stored (markTypingStored); their copies go once it has committed, and a page that went away
 * before that is not replayed over values changed since. What a page that is
 * gone left unstored is replayed as ordinary edits the next time the app opens the database
 * (replayTyping.ts). Every page holds a Web Lock under its own name while it lives, so a page's
 * keystrokes are replayed only once it is gone, never while it is still writing them; without
 * Web Locks nothing is replayed, since a living page cannot be told from a gone one.
 */

type Fields = Record<string, unknown>;

const PAGE_LOCK_PREFIX = 'outpost-page:';
const LOCAL_PREFIX = 'outpost-typing';
/** This page's name (a reload is a new page: the old one's lock is gone with it). */
const THIS_PAGE = crypto.randomUUID();
let holdingPageLock = false;
/**
 * This page's keystrokes, counted across all its editors: an editor opened again on a record
 * must not reuse numbers that the journal or its stored mark already hold.
 */
let keystrokes = 0;

/** Holds this page's lock until the page goes away. Call once, when the app starts. */
export function holdPageLock(): void {
  const locks = webLocks();
  if (holdingPageLock || !locks) return;
  holdingPageLock = true;
  void locks.request(PAGE_LOCK_PREFIX + THIS_PAGE, () => new Promise<never>(() => {}));
}

/** One record's keystrokes in the journal of one local database. */
export interface TypingJournal {
  /** Keeps the fields just typed (whole values); returns the keystroke's number. */
  keep(fields: Fields): number;
  /** What the editor's write of every keystroke up to `n` hands its transaction (markTypingStored). */
  mark(n: number): TypingMark;
  /** That write has committed: the journal's copies of those keystrokes can go. */
  stored(n: number): void;
}

/** Keystrokes up to `n` of one page into one record. */
export interface TypingMark {
  page: string;
  record: string;
  n: number;
}

export function typingJournal(
  db: OutpostDatabase,
  collection: CollectionName,
  id: string,
): TypingJournal {
  const record = `${collection}:${id}`;
  const localKey = `${LOCAL_PREFIX}:${db.name}:${THIS_PAGE}:${record}`;
  return {
    keep(fields) {
      const n = ++keystrokes;
      const row: TypingRow = { page: THIS_PAGE, record, n, at: Date.now(), fields };
      // The local row holds every field typed since the last committed write, latest values,
      // each with the number of the keystroke that typed it.
      const earlier = readLocal(localKey);
      const typedBy = Object.fromEntries(Object.keys(fields).map((field) => [field, n]));
      writeLocal(localKey, {
        ...row,
        fields: { ...earlier?.fields, ...fields },
        fieldN: { ...earlier?.fieldN, ...typedBy },
      });
      blindly(db, (store) => store.put(row));
      return n;
    },
    mark: (n) => ({ page: THIS_PAGE, record, n }),
    stored(n) {
      if ((readLocal(localKey)?.n ?? 0) <= n) removeLocal(localKey);
      const range = IDBKeyRange.bound([THIS_PAGE, record, 0], [THIS_PAGE, record, n]);
      blindly(db, (store) => store.delete(range));
    },
  };
}

/**
 * Inside the transaction of the editor's write: the keystrokes up to `mark.n` are stored. Only
 * the mark is written here, in a store of its own: a transaction over the journal's rows would
 * make every keystroke's blind put wait for the editor's write, which waits for the page, and
 * the journal must never wait for the page. The rows go afterwards (`stored`); until then, and
 * if the page goes away first, the mark tells replay they are stored.
 */
export async function markTypingStored(db: OutpostDatabase, mark: TypingMark): Promise<void> {
  // A page's numbers only grow and its writes land in order: the newest mark is the highest.
  await db.typingStored.put({ page: mark.page, record: mark.record, through: mark.n });
}

export interface LeftBehind {
  collection: CollectionName;
  id: string;
  /** The fields as last typed. */
  fields: Fields;
  /** Call once the fields are stored: their keystrokes go from the journal. */
  done: () => Promise<void>;
}

/** What pages that are gone typed into this database and never got to store. */
export async function leftBehind(db: OutpostDatabase): Promise<LeftBehind[]> {
  const locks = webLocks();
  if (!locks) return [];
  const living = new Set(((await locks.query()).held ?? []).map((lock) => lock.name));
  const gone = (row: { page: string }) =>
    row.page !== THIS_PAGE && !living.has(PAGE_LOCK_PREFIX + row.page);
  const marks = (await db.typingStored.toArray()).filter(gone);
  const local = localRows(db.name).filter(({ row }) => gone(row));
  const stored = (await db.typing.toArray()).filter(gone);

  const found: LeftBehind[] = [];
  for (const [record, left] of byRecord(stored, local, marks)) {
    const done = async () => {
      await db.transaction('rw', db.typing, db.typingStored, async () => {
        await db.typing.bulkDelete(left.rows.map((row) => [row.page, row.record, row.n]));
        await db.typingStored.bulkDelete(left.marks.map((mark) => [mark.page, mark.record]));
      });
      for (const key of left.localKeys) removeLocal(key);
    };
    const [collection, id] = record.split(':');
    // Replayed through the app's editors, so only the app's collections are typed into.
    const known = COLLECTIONS.find((name) => name === collection);
    const fields = unstoredFields(left.rows, left.marks);
    if (!known || !id || Object.keys(fields).length === 0) await done();
    else found.push({ collection: known, id, fields, done });
  }
  return found;
}

interface RecordLeft {
  rows: TypingRow[];
  localKeys: string[];
  marks: TypingStoredRow[];
}

/** The rows, localStorage copies and stored marks of gone pages, by record. */
function byRecord(
  stored: TypingRow[],
  local: { key: string; row: TypingRow }[],
  marks: TypingStoredRow[],
): Map<string, RecordLeft> {
  const records = new Map<string, RecordLeft>();
  const of = (record: string) => {
    const found = records.get(record) ?? { rows: [], localKeys: [], marks: [] };
    records.set(record, found);
    return found;
  };
  for (const row of stored) of(row.record).rows.push(row);
  for (const { key, row } of local) {
    of(row.record).rows.push(row);
    of(row.record).localKeys.push(key);
  }
  // A mark whose keystrokes are all stored goes too, once nothing of its page is left.
  for (const mark of marks) of(mark.record).marks.push(mark);
  return records;
}

/**
 * The fields typed after each page's last stored write, latest values. Later keystrokes win; a
 * local row holds everything up to its n, so it goes after the stored rows of the same
 * keystroke (two closed tabs may have typed into one record).
 */
function unstoredFields(rows: TypingRow[], marks: TypingStoredRow[]): Fields {
  const through = (page: string) => marks.find((mark) => mark.page === page)?.through ?? 0;
  const ordered = [...rows].sort((a, b) => a.at - b.at || a.n - b.n);
  return Object.fromEntries(
    ordered.flatMap((row) =>
      Object.entries(row.fields).filter(
        ([field]) => (row.fieldN?.[field] ?? row.n) > through(row.page),
      ),
    ),
  );
}

/** Drops what the journal keeps for a database that is being removed from this device. */
export function forgetTyping(database: string): void {
  for (const { key } of localRows(database)) removeLocal(key);
}

/**
 * One request on the journal's store, committed at once, sent before this returns. A journal
 * that cannot be written (the database is closing, the disk is full) leaves the ordinary write.
 */
function blindly(db: OutpostDatabase, request: (store: IDBObjectStore) => IDBRequest): void {
  try {
    const transaction = db
      .backendDB()
      .transaction('typing', 'readwrite', { durability: 'relaxed' });
    transaction.onerror = (event) => event.preventDefault();
    request(transaction.objectStore('typing'));
    transaction.commit();
  } catch {
    // Only a safety net is missing; the editor's own write still runs.
  }
}

function localRows(database: string): { key: string; row: TypingRow }[] {
  const store = localStore();
  const rows: { key: string; row: TypingRow }[] = [];
  for (let index = 0; store && index < store.length; index++) {
    const key = store.key(index);
    if (!key?.startsWith(`${LOCAL_PREFIX}:${database}:`)) continue;
    const row = readLocal(key);
    if (row) rows.push({ key, row });
  }
  return rows;
}

function readLocal(key: string): TypingRow | undefined {
  try {
    const row = JSON.parse(localStore()?.getItem(key) ?? 'null') as TypingRow | null;
    return row && typeof row.record === 'string' && typeof row.fields === 'object'
      ? row
      : undefined;
  } catch {
    return undefined;
  }
}

function writeLocal(key: string, row: TypingRow): void {
  try {
    localStore()?.setItem(key, JSON.stringify(row));
  } catch {
    // Storage full or refused: the IndexedDB copy and the editor's own write remain.
  }
}

function removeLocal(key: string): void {
  localStore()?.removeItem(key);
}

/** The Web Locks API where the browser has it. */
function webLocks(): LockManager | undefined {
  return (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
}

/** localStorage where the page has it (a browser may refuse it, e.g. with storage blocked). */
function localStore(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
