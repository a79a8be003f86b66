import { openOutpost } from '../../src/db/outpost.ts';
import type { NoteFields } from '../../src/protocol/records.ts';

/**
 * Runs inside headless Chromium on the app's origin, against the app's own IndexedDB
 * database, so what it measures is what the app does. bench/run.ts calls these functions.
 */
const outpost = openOutpost();
const { db, notes } = outpost;

function sampleNote(index: number): Partial<NoteFields> {
  return {
    title: `Note ${index}: meeting about project ${index % 97}`,
    body: `Line one of note ${index}\nA second line with a few more words in it.\n- item a\n- item b`,
    pinned: index % 50 === 0,
    tags: index % 3 === 0 ? ['work'] : ['home', `t${index % 7}`],
  };
}

async function clear(): Promise<void> {
  await db.transaction('rw', db.notes, db.contacts, db.outbox, async () => {
    await Promise.all([db.notes.clear(), db.contacts.clear(), db.outbox.clear()]);
  });
}

/** Time each of `count` edits (record + outbox transaction), cycling over 100 synced notes. */
async function editLatencies(count: number): Promise<{ repository: number[]; rawPut: number[] }> {
  await clear();
  const created = await notes.createMany(
    Array.from({ length: 100 }, (_, index) => sampleNote(index)),
  );
  // Pretend they were synced, so every edit captures a base like a real one does.
  await db.outbox.clear();
  await db.notes.bulkPut(created.map((note) => ({ ...note, version: 1, pending: 0 })));
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
    await db.notes.put(note);
    rawPut.push(performance.now() - start);
  }
  return { repository, rawPut };
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
  await db.notes.bulkPut(created);
  const rawBulkPutMs = performance.now() - start;

  await clear();
  start = performance.now();
  await db.transaction('rw', db.notes, db.outbox, async () => {
    await db.notes.bulkAdd(created);
    await db.outbox.bulkAdd(entries);
  });
  const rawBothTablesMs = performance.now() - start;
  return { repositoryMs, rawBulkPutMs, rawBothTablesMs };
}

async function seedNotes(count: number): Promise<number> {
  await clear();
  await notes.createMany(Array.from({ length: count }, (_, index) => sampleNote(index)));
  return db.notes.count();
}

const harness = { editLatencies, bulkLoad, seedNotes, clear, close: () => db.close() };
declare global {
  interface Window {
    outpostBench: typeof harness;
  }
}
window.outpostBench = harness;
