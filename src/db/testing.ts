import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openOutpost } from './outpost.ts';
import { OutpostDatabase } from './schema.ts';
import { markSentThrough, outboxPhase, sentThrough } from './inFlight.ts';
import type { StoredRecord } from './types.ts';
import type { Collections } from '../model/collections.ts';

/**
 * A fresh in-memory device for unit tests: its own fake IndexedDB, a clock that ticks 1 ms per
 * read, and ids that count up so expectations can name them (or random ones, for several
 * devices sharing one server).
 */
export function openTestOutpost(options: { randomIds?: boolean; collections?: Collections } = {}) {
  const db = new OutpostDatabase('outpost-test', {
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    collections: options.collections,
  });
  let clock = 1_000;
  let nextId = 0;
  let writes = 0;
  const outpost = openOutpost({
    db,
    now: () => clock++,
    newId: options.randomIds
      ? () => crypto.randomUUID()
      : () => `00000000-0000-4000-8000-${String(++nextId).padStart(12, '0')}`,
    afterWrite: () => writes++,
  });
  return {
    ...outpost,
    writes: () => writes,
    /** The outbox in order, each entry's `state` being its phase (`inflight` once sent). */
    outbox: async () => {
      const throughSeq = await sentThrough(db);
      const entries = await db.outbox.orderBy('seq').toArray();
      return entries.map((entry) => ({ ...entry, state: outboxPhase(entry, throughSeq) }));
    },
    /** As if a push had taken everything queued so far (a tab closed while it was sent). */
    markAllSent: async () => markSentThrough(db, (await db.outbox.orderBy('seq').last())?.seq ?? 0),
  };
}

/** A synced note as the device stores it: version 1, nothing pending, unless `fields` say. */
export function syncedNote(fields: Partial<StoredRecord<'notes'>> = {}): StoredRecord<'notes'> {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    title: 'Groceries',
    body: 'milk\neggs',
    pinned: false,
    tags: ['home'],
    createdAt: 1,
    updatedAt: 2,
    deletedAt: null,
    version: 1,
    pending: 0,
    ...fields,
  };
}

/** Puts a note as if it had been pulled from the server at `version`, with nothing pending. */
export async function putSyncedNote(
  db: OutpostDatabase,
  id = '11111111-1111-4111-8111-111111111111',
  version = 5,
): Promise<StoredRecord<'notes'>> {
  const note = syncedNote({ id, version });
  await db.records('notes').put(note);
  return note;
}
