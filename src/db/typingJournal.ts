import type { OutpostDatabase } from './schema.ts';
import type { TypingRow } from './types.ts';
import { COLLECTIONS, type CollectionName } from '../protocol/records.ts';

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
 * When the editor's write of keystrokes up to n has committed, both copies of them go. What a
 * page that is gone left behind is replayed as ordinary edits the next time the app opens the
 * database (replayTyping.ts). Every page holds a Web Lock under its own name while it lives, so
 * a page's keystrokes are replayed only once it is gone, never while it is still writing them.
 */

type Fields = Record<string, unknown>;

const PAGE_LOCK_PREFIX = 'outpost-page:';
const LOCAL_PREFIX = 'outpost-typing';
/** This page's name (a reload is a new page: the old one's lock is gone with it). */
const THIS_PAGE = crypto.randomUUID();
let holdingPageLock = false;

/** Holds this page's lock until the page goes away. Call once, when the app starts. */
export function holdPageLock(): void {
  if (holdingPageLock || !navigator.locks) return;
  holdingPageLock = true;
  void navigator.locks.request(PAGE_LOCK_PREFIX + THIS_PAGE, () => new Promise<never>(() => {}));
}

/** One record's keystrokes in the journal of one local database. */
export interface TypingJournal {
  /** Keeps the fields just typed (whole values); returns the keystroke's number. */
  keep(fields: Fields): number;
  /** The editor's write of every keystroke up to `n` has committed: they can go. */
  stored(n: number): void;
}

export function typingJournal(
  db: OutpostDatabase,
  collection: CollectionName,
  id: string,
): TypingJournal {
  const record = `${collection}:${id}`;
  const localKey = `${LOCAL_PREFIX}:${db.name}:${THIS_PAGE}:${record}`;
  let count = 0;
  return {
    keep(fields) {
      count += 1;
      const row: TypingRow = { page: THIS_PAGE, record, n: count, at: Date.now(), fields };
      // The local row holds every field typed since the last committed write, latest values.
      const earlier = readLocal(localKey);
      writeLocal(localKey, { ...row, fields: { ...earlier?.fields, ...fields } });
      blindly(db, (store) => store.put(row));
      return count;
    },
    stored(n) {
      if ((readLocal(localKey)?.n ?? 0) <= n) removeLocal(localKey);
      const range = IDBKeyRange.bound([THIS_PAGE, record, 0], [THIS_PAGE, record, n]);
      blindly(db, (store) => store.delete(range));
    },
  };
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
  const living = new Set(((await navigator.locks?.query())?.held ?? []).map((lock) => lock.name));
  const gone = (row: TypingRow) =>
    row.page !== THIS_PAGE && !living.has(PAGE_LOCK_PREFIX + row.page);
  const local = localRows(db.name).filter(({ row }) => gone(row));
  const stored = (await db.typing.toArray()).filter(gone);

  const byRecord = new Map<string, { rows: TypingRow[]; localKeys: string[] }>();
  const entry = (record: string) => {
    const found = byRecord.get(record) ?? { rows: [], localKeys: [] };
    byRecord.set(record, found);
    return found;
  };
  for (const row of stored) entry(row.record).rows.push(row);
  for (const { key, row } of local) {
    entry(row.record).rows.push(row);
    entry(row.record).localKeys.push(key);
  }

  const found: LeftBehind[] = [];
  for (const [record, { rows, localKeys }] of byRecord) {
    const [collection, id] = record.split(':');
    const keys = rows.map((row) => [row.page, row.record, row.n] as [string, string, number]);
    const done = async () => {
      await db.typing.bulkDelete(keys);
      for (const key of localKeys) removeLocal(key);
    };
    const known = COLLECTIONS.find((name) => name === collection);
    if (!known || !id) {
      await done();
      continue;
    }
    // Later keystrokes win; a local row holds everything up to its n, so it goes after the
    // stored rows of the same keystroke (two closed tabs may have typed into one record).
    rows.sort((a, b) => a.at - b.at || a.n - b.n);
    found.push({
      collection: known,
      id,
      fields: Object.assign({}, ...rows.map((r) => r.fields)),
      done,
    });
  }
  return found;
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

/** localStorage where the page has it (a browser may refuse it, e.g. with storage blocked). */
function localStore(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
