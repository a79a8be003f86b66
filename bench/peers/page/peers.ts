import { Dexie } from 'dexie';
import PouchDB from 'pouchdb-browser';
import PouchFind from 'pouchdb-find';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { listRows } from '../../../src/db/lists.ts';
import { openOutpost } from '../../../src/db/outpost.ts';
import { applyPullPage } from '../../../src/db/pulled.ts';
import { MAX_PULL_LIMIT } from '../../../src/protocol/limits.ts';
import { matching, normalize, noteTexts, searchable } from '../../../src/ui/search/matching.ts';

/**
 * Runs in headless Chromium: the same note-like documents through a raw Dexie table (the
 * baseline of every row), Outpost's own repository, list and pull code, RxDB on its Dexie
 * storage, and PouchDB on its idb adapter. Each figure is milliseconds; bench/peers.ts turns
 * them into ratios to the raw call of the same shape.
 */
PouchDB.plugin(PouchFind);

interface Doc {
  id: string;
  title: string;
  body: string;
  pinned: boolean;
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

export type System = 'raw' | 'outpost' | 'rxdb' | 'pouchdb';

/** What one system does for each measure; every call stands alone, on a fresh database. */
interface Subject {
  bulkInsert(docs: Doc[]): Promise<void>;
  /** Sets the title of one of the inserted documents, awaited. */
  update(doc: Doc, title: string): Promise<void>;
  /** The newest `limit` by updatedAt. */
  newest(limit: number): Promise<unknown[]>;
  titleContains(term: string): Promise<unknown[]>;
  /** Writes documents as a first sync brings them: in pages, as the server sends them. */
  pull(docs: Doc[]): Promise<void>;
  close(): Promise<void>;
}

let opened = 0;
const freshName = (system: string) => `peers-${system}-${Date.now()}-${opened++}`;

export function sampleDocs(count: number): Doc[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, index) => ({
    id: crypto.randomUUID(),
    title: `Note ${index}: meeting about project ${index % 97}`,
    body: `Line one of note ${index}\nA second line with a few more words in it.\n- item a\n- item b`,
    pinned: index % 50 === 0,
    tags: index % 3 === 0 ? ['work'] : ['home', `t${index % 7}`],
    createdAt: start + index,
    updatedAt: start + index,
  }));
}

function pages<T>(items: T[]): T[][] {
  const all: T[][] = [];
  for (let offset = 0; offset < items.length; offset += MAX_PULL_LIMIT)
    all.push(items.slice(offset, offset + MAX_PULL_LIMIT));
  return all;
}

async function rawDexie(): Promise<Subject> {
  const db = new Dexie(freshName('raw'), { chromeTransactionDurability: 'relaxed' });
  db.version(1).stores({ notes: 'id, updatedAt' });
  const table = db.table<Doc, string>('notes');
  return {
    bulkInsert: async (docs) => void (await table.bulkPut(docs)),
    update: async (doc, title) => void (await table.put({ ...doc, title })),
    newest: (limit) => table.orderBy('updatedAt').reverse().limit(limit).toArray(),
    titleContains: async (term) =>
      (await table.toArray()).filter((doc) => doc.title.includes(term)),
    pull: async (docs) => {
      for (const page of pages(docs)) await table.bulkPut(page);
    },
    close: () => db.delete(),
  };
}

async function outpost(): Promise<Subject> {
  const { db, notes } = openOutpost({ name: freshName('outpost') });
  const ids = new Map<string, string>();
  return {
    bulkInsert: async (docs) => {
      const made = await notes.createMany(
        docs.map(({ title, body, pinned, tags }) => ({ title, body, pinned, tags })),
      );
      made.forEach((note, index) => ids.set(docs[index]!.id, note.id));
    },
    update: async (doc, title) => void (await notes.update(ids.get(doc.id)!, { title })),
    newest: (limit) => listRows(db, 'notes', 0, limit),
    // What the app's search does when it opens: read the notes, normalize once, match.
    titleContains: async (term) =>
      matching(searchable(await db.records('notes').toArray(), noteTexts), normalize(term)),
    pull: async (docs) => {
      let cursor = 0;
      for (const page of pages(docs)) {
        cursor += page.length;
        const changes = page.map((doc) => ({
          collection: 'notes' as const,
          record: { ...doc, deletedAt: null, version: 1 },
        }));
        await applyPullPage(db, { changes, cursor, hasMore: true });
      }
    },
    close: () => db.delete(),
  };
}

const rxSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    title: { type: 'string' },
    body: { type: 'string' },
    pinned: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'number' },
    updatedAt: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['id', 'updatedAt'],
  indexes: ['updatedAt'],
} as const;

async function rxdb(): Promise<Subject> {
  const database: RxDatabase = await createRxDatabase({
    name: freshName('rxdb'),
    storage: getRxStorageDexie(),
    multiInstance: false,
  });
  const added = await database.addCollections({ notes: { schema: rxSchema } });
  const notes = added['notes'] as RxCollection<Doc>;
  return {
    bulkInsert: async (docs) => void (await notes.bulkInsert(docs)),
    update: async (doc, title) => {
      const found = await notes.findOne(doc.id).exec(true);
      await found.incrementalPatch({ title });
    },
    newest: (limit) => notes.find({ sort: [{ updatedAt: 'desc' }], limit }).exec(),
    titleContains: (term) => notes.find({ selector: { title: { $regex: `.*${term}.*` } } }).exec(),
    pull: async (docs) => {
      for (const page of pages(docs)) await notes.bulkUpsert(page);
    },
    close: async () => void (await database.remove()),
  };
}

async function pouchdb(): Promise<Subject> {
  const db = new PouchDB<Omit<Doc, 'id'>>(freshName('pouchdb'), { adapter: 'idb' });
  const revisions = new Map<string, string>();
  const asPouch = ({ id, ...doc }: Doc) => ({ _id: id, ...doc });
  return {
    bulkInsert: async (docs) => {
      const results = await db.bulkDocs(docs.map(asPouch));
      for (const result of results) {
        if ('rev' in result && result.id && result.rev) revisions.set(result.id, result.rev);
      }
    },
    update: async (doc, title) => {
      const result = await db.put({ ...asPouch(doc), title, _rev: revisions.get(doc.id) });
      revisions.set(result.id, result.rev);
    },
    newest: async (limit) => {
      await db.createIndex({ index: { fields: ['updatedAt'] } });
      const found = await db.find({
        selector: { updatedAt: { $gt: null } },
        sort: [{ updatedAt: 'desc' }],
        limit,
      });
      return found.docs;
    },
    titleContains: async (term) => (await db.find({ selector: { title: { $regex: term } } })).docs,
    // As replication writes: documents with the revisions the server gave them.
    pull: async (docs) => {
      for (const page of pages(docs)) {
        const withRevisions = page.map((doc) => ({
          ...asPouch(doc),
          _rev: `1-${doc.id.replaceAll('-', '')}`,
        }));
        await db.bulkDocs(withRevisions, { new_edits: false });
      }
    },
    close: () => db.destroy().then(() => undefined),
  };
}

const SUBJECTS: Record<System, () => Promise<Subject>> = { raw: rawDexie, outpost, rxdb, pouchdb };

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One run of every measure for one system, each on its own fresh database. */
async function measure(system: System, count: number, updates: number) {
  const docs = sampleDocs(count);
  const open = SUBJECTS[system];

  let subject = await open();
  const bulkInsert = await timed(() => subject.bulkInsert(docs));
  const times: number[] = [];
  for (let index = 0; index < updates; index++) {
    const doc = docs[index % 100]!;
    times.push(await timed(() => subject.update(doc, `Edited ${index}`)));
  }
  // The first query builds what a system builds lazily (PouchDB's index): timed apart. Each
  // run asks a slightly different question (50 rows, then 51…; "project 40", then 41…): RxDB
  // answers a query it has seen from its cache, and a cache hit measures no storage at all.
  const firstNewest = await timed(() => subject.newest(49));
  const newest: number[] = [];
  for (let run = 0; run < 5; run++) newest.push(await timed(() => subject.newest(50 + run)));
  const contains: number[] = [];
  for (let run = 0; run < 5; run++)
    contains.push(await timed(() => subject.titleContains(`project 4${run}`)));
  await subject.close();

  subject = await open();
  const pull = await timed(() => subject.pull(docs));
  await subject.close();
  return {
    bulkInsert,
    update: median(times),
    firstNewest,
    newest50: median(newest),
    titleContains: median(contains),
    pull,
  };
}

// bench/peers.ts calls it (and declares its type there: this page is built apart).
(window as unknown as { outpostPeers: object }).outpostPeers = { measure };
