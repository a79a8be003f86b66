import { openOutpost } from '../../src/db/outpost.ts';
import type { StoredRecord } from '../../src/db/types.ts';
import { typingJournal } from '../../src/db/typingJournal.ts';
import type { NoteFields } from '../../src/model/collections.ts';
import { MAX_PULL_LIMIT } from '../../src/protocol/limits.ts';
import type { PullResponse } from '../../src/protocol/sync.ts';
import { applyPullPage } from '../../src/db/pulled.ts';
import { listLength, listRows } from '../../src/db/lists.ts';
import {
  contactTexts,
  matching,
  normalize,
  noteTexts,
  searchable,
  type Searchable,
} from '../../src/ui/search/matching.ts';
import { pullChanges } from '../../src/sync/pullChanges.ts';
import { pushOutbox } from '../../src/sync/pushOutbox.ts';
import { syncOnce } from '../../src/sync/syncOnce.ts';
import { httpTransport } from '../../src/sync/transport.ts';
import { verifySync } from '../../src/sync/verify.ts';

/**
 * Runs inside headless Chromium on the app's origin, against the app's own IndexedDB
 * database, so what it measures is what the app does. bench/run.ts calls these functions.
 */
const outpost = openOutpost();
const { db, notes, contacts } = outpost;

function sampleNote(index: number): Partial<NoteFields> {
  return {
    title: `Note ${index}: meeting about project ${index % 97}`,
    body: `Line one of note ${index}\nA second line with a few more words in it.\n- item a\n- item b`,
    pinned: index % 50 === 0,
    tags: index % 3 === 0 ? ['work'] : ['home', `t${index % 7}`],
  };
}

async function clear(): Promise<void> {
  await db.transaction('rw', db.records('notes'), db.records('contacts'), db.outbox, async () => {
    await Promise.all([
      db.records('notes').clear(),
      db.records('contacts').clear(),
      db.outbox.clear(),
    ]);
  });
}

/**
 * Time each of `count` edits (record + outbox transaction), cycling over 100 synced notes;
 * then raw puts of the same notes; then the floor of any design that keeps the queued mutation
 * in a table of its own: one transaction writing the note and its outbox row, reading nothing;
 * and the same with the reads the transaction rules need first.
 */
async function editLatencies(
  count: number,
): Promise<{ repository: number[]; rawPut: number[]; twoPuts: number[]; readThenPut: number[] }> {
  await clear();
  const created = await notes.createMany(
    Array.from({ length: 100 }, (_, index) => sampleNote(index)),
  );
  // Pretend they were synced, so every edit captures a base like a real one does.
  await db.outbox.clear();
  await db.records('notes').bulkPut(created.map((note) => ({ ...note, version: 1, pending: 0 })));
  const repository: number[] = [];
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    await notes.update(created[index % created.length]!.id, { title: `Edited ${index}` });
    repository.push(performance.now() - start);
  }
  const rawPut: number[] = [];
  for (let index = 0; index < count; index++) {
    const note = { ...created[index % created.length]!, title: `Raw ${index}` };
    const start = performance.now();
    await db.records('notes').put(note);
    rawPut.push(performance.now() - start);
  }
  const [entry] = await db.outbox.toArray();
  const twoPuts: number[] = [];
  for (let index = 0; index < count; index++) {
    const note = { ...created[index % created.length]!, title: `Floor ${index}` };
    const start = performance.now();
    await db.transaction('rw', db.records('notes'), db.outbox, () =>
      Promise.all([db.records('notes').put(note), db.outbox.put(entry!)]),
    );
    twoPuts.push(performance.now() - start);
  }
  // The floor under the transaction rules: the base is read inside the transaction and the
  // record's unsent entry looked up for folding (M3), all three reads at once, then both puts.
  const readThenPut: number[] = [];
  for (let index = 0; index < count; index++) {
    const note = { ...created[index % created.length]!, title: `Read ${index}` };
    const start = performance.now();
    await db.transaction('rw', db.records('notes'), db.outbox, db.syncState, async () => {
      await Promise.all([
        db.records('notes').get(note.id),
        db.outbox
          .where('[recordKey+state]')
          .equals([`notes:${note.id}`, 'pending'])
          .last(),
        db.syncState.get('sent'),
      ]);
      await Promise.all([db.records('notes').put(note), db.outbox.put(entry!)]);
    });
    readThenPut.push(performance.now() - start);
  }
  return { repository, rawPut, twoPuts, readThenPut };
}

/**
 * Time each of `count` keystrokes as an editor writes them (useAutosave): kept in the typing
 * journal, then written with `edit`, which marks the journal stored in its own transaction and
 * folds into the note's one pending mutation. One synced note, typed into at its end.
 */
async function keystrokeLatencies(count: number): Promise<number[]> {
  await clear();
  const [note] = await notes.createMany([sampleNote(0)]);
  await db.outbox.clear();
  await db.records('notes').put({ ...note!, version: 1, pending: 0 });
  const journal = typingJournal(db, 'notes', note!.id);
  const latencies: number[] = [];
  let body = note!.body;
  for (let index = 0; index < count; index++) {
    body += String.fromCharCode(97 + (index % 26));
    const start = performance.now();
    const n = journal.keep({ body });
    await notes.edit(note!.id, { body }, journal.mark(n));
    journal.stored(n);
    latencies.push(performance.now() - start);
  }
  return latencies;
}

/**
 * Bulk-load `count` notes through the repository, then the same note rows with a raw bulkPut,
 * then the same note rows and outbox rows with two raw bulkAdds in one transaction: the floor
 * for any design that keeps the record and its mutation in separate tables.
 */
async function bulkLoad(
  count: number,
): Promise<{ repositoryMs: number; rawBulkPutMs: number; rawBothTablesMs: number }> {
  const list = Array.from({ length: count }, (_, index) => sampleNote(index));
  await clear();
  let start = performance.now();
  const created = await notes.createMany(list);
  const repositoryMs = performance.now() - start;
  const entries = (await db.outbox.toArray()).map(({ seq: _seq, ...entry }) => entry);

  await clear();
  start = performance.now();
  await db.records('notes').bulkPut(created);
  const rawBulkPutMs = performance.now() - start;

  await clear();
  start = performance.now();
  await db.transaction('rw', db.records('notes'), db.outbox, async () => {
    await db.records('notes').bulkAdd(created);
    await db.outbox.bulkAdd(entries);
  });
  const rawBothTablesMs = performance.now() - start;
  return { repositoryMs, rawBulkPutMs, rawBothTablesMs };
}

/** Median time of `runs` calls of `read`. */
async function timed(runs: number, read: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await read();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/**
 * What the notes list reads over `count` unsynced notes, each against the raw read of
 * the same shape: the newest 50 (the list's first window, with its length) against a raw
 * `updatedAt` read of 50; what a save makes the list read again against the whole-table read
 * lists did before.
 */
async function listReads(count: number) {
  await seedNotes(count);
  const runs = 21;
  const window = () =>
    db.transaction('r', db.records('notes'), () =>
      Promise.all([listLength(db, 'notes'), listRows(db, 'notes', 0, 50)]),
    );
  return {
    newest50: await timed(runs, window),
    rawNewest50: await timed(runs, () =>
      db.records('notes').orderBy('updatedAt').reverse().limit(50).toArray(),
    ),
    // What the list read before the list index: every note, filtered and sorted here.
    wholeTable: await timed(runs, async () =>
      (await db.records('notes').toArray())
        .filter((note) => note.deletedAt === null)
        .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt),
    ),
  };
}

/**
 * Search over `count` notes and a tenth as many contacts: opening it (reading both tables and
 * normalizing their texts once), then each query, against the matching it replaced, which
 * normalized every text on every query.
 */
async function searchFigures(count: number) {
  await seedNotes(count);
  await contacts.createMany(
    Array.from({ length: count / 10 }, (_, index) => ({
      name: `Person ${index} Lopez`,
      email: `person${index}@example.com`,
      company: `Company ${index % 13}`,
    })),
  );
  let noteIndex: Searchable<StoredRecord<'notes'>>[] = [];
  let contactIndex: Searchable<StoredRecord<'contacts'>>[] = [];
  const open = await timed(5, async () => {
    const [notesNow, contactsNow] = await Promise.all([
      db.records('notes').toArray(),
      db.records('contacts').toArray(),
    ]);
    noteIndex = searchable(notesNow, noteTexts);
    contactIndex = searchable(contactsNow, contactTexts);
  });
  const terms = ['meeting', 'project 42', 'lopez', 'nothing like this'];
  const query = await timed(21, async () => {
    for (const term of terms) {
      matching(noteIndex, normalize(term));
      matching(contactIndex, normalize(term));
    }
  });
  const before = await timed(5, async () => {
    for (const term of terms) {
      const needle = normalize(term);
      const contains = (texts: string[]) => texts.some((text) => normalize(text).includes(needle));
      noteIndex.filter(({ record }) => contains(noteTexts(record)));
      contactIndex.filter(({ record }) => contains(contactTexts(record)));
    }
  });
  return { open, query: query / terms.length, before: before / terms.length, terms };
}

/**
 * Fills the device with `count` notes: unsynced, as made here (each with its outbox entry), or
 * synced, as a device holds what it pulled (no outbox, nothing pending).
 */
async function seedNotes(count: number, synced = false): Promise<number> {
  await clear();
  await notes.createMany(Array.from({ length: count }, (_, index) => sampleNote(index)));
  if (synced) {
    await db.outbox.clear();
    await db.records('notes').toCollection().modify({ version: 1, pending: 0 });
  }
  return db.records('notes').count();
}

/** Signs a fresh user up on this origin; the session cookie then authenticates the engine. */
async function signUpFresh(): Promise<void> {
  const username = `bench-${crypto.randomUUID().slice(0, 8)}`;
  const response = await fetch('/api/auth/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'benchmark!' }),
  });
  if (!response.ok) throw new Error(`signup failed: ${response.status}`);
  await db.syncState.delete('cursor');
}

/**
 * Issue 4's figures: push `count` queued mutations end to end; then, on an emptied device, pull
 * them all (an initial sync); and apply the same pages again against a raw bulkPut of the same
 * rows.
 */
async function syncFigures(count: number) {
  await signUpFresh();
  await clear();
  await notes.createMany(Array.from({ length: count }, (_, index) => sampleNote(index)));
  const transport = httpTransport();
  // The same transport, timing how long the engine waits on push answers (the server's share).
  let pushWaitMs = 0;
  const timedTransport = {
    ...transport,
    push: async (request: Parameters<typeof transport.push>[0]) => {
      const sent = performance.now();
      try {
        return await transport.push(request);
      } finally {
        pushWaitMs += performance.now() - sent;
      }
    },
  };
  let start = performance.now();
  await pushOutbox(db, timedTransport, { clientId: 'bench' }, Date.now);
  const pushMs = performance.now() - start;

  await clear();
  await db.syncState.delete('cursor');
  start = performance.now();
  await pullChanges(db, transport);
  const initialPullMs = performance.now() - start;

  // [V3] checking the device, now in sync, against the server: digests only, nothing fetched.
  start = performance.now();
  const verified = await verifySync(db, { ...transport, verify: transport.verify! });
  const verifyMs = performance.now() - start;
  if (verified.checked !== count || verified.ranges.length > 0)
    throw new Error(`verify found ${verified.ranges.length} ranges differing`);

  const pages: PullResponse[] = [];
  for (let cursor = 0, more = true; more;) {
    const page = await transport.pull(cursor, MAX_PULL_LIMIT);
    pages.push(page);
    cursor = page.cursor;
    more = page.hasMore;
  }
  await clear();
  start = performance.now();
  for (const page of pages) await applyPullPage(db, page);
  const applyMs = performance.now() - start;
  const rows = pages.flatMap((page) =>
    page.changes.map((change) => ({ ...change.record, pending: 0 as const })),
  );
  await clear();
  start = performance.now();
  for (let offset = 0; offset < rows.length; offset += MAX_PULL_LIMIT) {
    await db
      .records('notes')
      .bulkPut(rows.slice(offset, offset + MAX_PULL_LIMIT) as StoredRecord<'notes'>[]);
  }
  const rawBulkPutMs = performance.now() - start;

  // A whole sync after `count` new notes, on a device that is up to date: push, pull the
  // echo of those changes (their new versions), clear the unsynced markers.
  await pullChanges(db, transport);
  await clear();
  await notes.createMany(Array.from({ length: count }, (_, index) => sampleNote(index)));
  start = performance.now();
  await syncOnce(db, transport);
  const wholeSyncMs = performance.now() - start;
  const stillMarked = await db.records('notes').where('pending').equals(1).count();
  if (stillMarked > 0) throw new Error(`${stillMarked} notes still marked unsynced`);
  return { pushMs, pushWaitMs, initialPullMs, verifyMs, applyMs, rawBulkPutMs, wholeSyncMs };
}

const harness = {
  syncFigures,
  editLatencies,
  keystrokeLatencies,
  bulkLoad,
  seedNotes,
  listReads,
  searchFigures,
  clear,
  close: () => db.close(),
};
declare global {
  interface Window {
    outpostBench: typeof harness;
  }
}
window.outpostBench = harness;
