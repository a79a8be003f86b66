import { Dexie, type Table } from 'dexie';
import type { FieldValue } from '../protocol/mutation.ts';
import {
  emptyFields,
  isBlank,
  kindOf,
  type CollectionName,
  type CollectionSpec,
  type FieldsOf,
} from '../model/collections.ts';
import type { Fields } from '../model/collections/define.ts';
import { assertValid } from '../model/validation.ts';
import { foldEdit, sameValue, type ShownRecord } from './fold.ts';
import type { OutpostDatabase } from './schema.ts';
import { draftOf, keepDraft, shownFields, sortTyped } from './drafts.ts';
import { sentThrough, unsentEntryOf } from './inFlight.ts';
import { markTypingStored, type TypingMark } from './typingJournal.ts';
import { recordKey, type OutboxEntry, type StoredRecordOf } from './types.ts';
import { creationPlan, plannedCreation, type EditPlan } from './creations.ts';

export interface RepositoryDeps {
  db: OutpostDatabase;
  /** Device clock in ms; injected so tests are deterministic. */
  now: () => number;
  newId: () => string;
  /** Called after every committed write: asks the sync engine to flush (flow 1). */
  afterWrite: () => void;
}

/** The register and text fields a person edits directly (tags and counters have their own calls). */
export type EditableOf<F extends Fields> = Partial<Pick<F, SettableKeys<F>>>;
export type EditableFields<C extends CollectionName> = EditableOf<FieldsOf[C]>;
type SettableKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends string | boolean ? K : never;
}[keyof F];
type FieldOf<F extends Fields> = keyof F & string;

/** Plans one edit from the stored record (undefined when there is none); null: nothing to do. */
type PlanOf<F extends Fields> = (
  current: StoredRecordOf<F> | undefined,
  time: number,
) => EditPlan<F> | null;
type Unsent = OutboxEntry | undefined;

export class RecordNotFoundError extends Error {
  readonly code = 'record_not_found';
  constructor(spec: CollectionSpec, id: string) {
    super(`This ${spec.noun} no longer exists on this device.`);
    this.name = 'RecordNotFoundError';
    void id;
  }
}

/**
 * The only way the app changes data. Every call is one Dexie transaction over the record and
 * the outbox (flow 1), so the optimistic view the UI reads and the queued mutation can never
 * disagree, whatever crashes in between. `base` is captured from the stored record, which is
 * exactly what the device showed: the UI renders nothing else.
 */
export function createRepository<F extends Fields>(spec: CollectionSpec<F>, deps: RepositoryDeps) {
  const { db, now, newId } = deps;
  const collection = spec.name;
  const table = db.records(collection) as unknown as Table<StoredRecordOf<F>, string>;

  /** The tables one write spans: the record, the outbox, the sent watermark, its conflicts. */
  const writeTables = [table, db.outbox, db.syncState, db.conflicts];

  /** What an edit reads before it writes, all at once: the record and its unsent entry (M3). */
  function readForEdit(recordId: string): Promise<[StoredRecordOf<F> | undefined, Unsent]> {
    return Promise.all([table.get(recordId), unsentEntryOf(db, recordKey(collection, recordId))]);
  }

  async function write(recordId: string, plan: PlanOf<F>): Promise<StoredRecordOf<F> | undefined> {
    const result = await db.transaction('rw', writeTables, async () => {
      const [current, entry] = await readForEdit(recordId);
      return writeRead(recordId, current, entry, plan);
    });
    if (result.wrote) deps.afterWrite();
    return result.record;
  }

  /** Inside a write's transaction, once its reads are in: plans the edit and stores it. */
  async function writeRead(
    recordId: string,
    current: StoredRecordOf<F> | undefined,
    entry: Unsent,
    plan: PlanOf<F>,
  ): Promise<{ record: StoredRecordOf<F> | undefined; wrote: boolean }> {
    const time = now();
    const edit = plan(current, time);
    if (!edit) return { record: current, wrote: false };
    const { pending, cancelled, outboxWrite } = await queue(recordId, current, entry, edit, time);
    const record: StoredRecordOf<F> = { ...edit.next, pending: pending ? 1 : 0 };
    // A restore undone before it was sent: the record is deleted as the server has it, since.
    if (cancelled?.baseDeleted && record.deletedAt !== null && cancelled.baseDeletedAt) {
      record.deletedAt = cancelled.baseDeletedAt;
    }
    // Both puts at once: one round trip to IndexedDB instead of two (same transaction, so they
    // still commit together or not at all).
    await Promise.all([outboxWrite, table.put(record)]);
    return { record, wrote: true };
  }

  /**
   * Folds the edit into the outbox (M3). Returns whether the record still waits for the server,
   * the entry the edit cancelled out, if it did, and the outbox write still under way.
   */
  async function queue(
    recordId: string,
    current: StoredRecordOf<F> | undefined,
    /** The record's unsent entry; without one (none, or only sent ones) the edit starts one. */
    entry: Unsent,
    edit: EditPlan<F>,
    time: number,
  ): Promise<{ pending: boolean; cancelled?: OutboxEntry; outboxWrite?: Promise<unknown> }> {
    const key = recordKey(collection, recordId);
    const folded = foldEdit(entry, {
      spec,
      recordId,
      before: current as ShownRecord | undefined,
      deletedAfter: edit.next.deletedAt !== null,
      set: edit.set,
      inc: edit.inc,
      add: edit.add,
      remove: edit.remove,
      clientTime: time,
      newMutationId: newId(),
    });
    if (folded) {
      const next: OutboxEntry = entry
        ? { ...entry, ...folded }
        : {
            recordKey: key,
            state: 'pending',
            queuedAt: time,
            attempts: 0,
            ...folded,
            ...(current?.deletedAt ? { baseDeletedAt: current.deletedAt } : {}),
          };
      return { pending: true, outboxWrite: db.outbox.put(next) };
    }
    if (entry?.seq !== undefined) await db.outbox.delete(entry.seq);
    // Any entry left for this record (in flight, failed), or an open conflict, still counts.
    const anyState = db.outbox
      .where('[recordKey+state]')
      .between([key, Dexie.minKey], [key, Dexie.maxKey]);
    const waiting =
      (await anyState.count()) > 0 ||
      (await db.conflicts.where('recordKey').equals(key).count()) > 0;
    return { pending: waiting, cancelled: entry };
  }

  /** Inside a transaction: drops a record the server never saw, or says to delete it. */
  async function dropIfNeverSent(
    current: StoredRecordOf<F>,
    key: string,
  ): Promise<'dropped' | 'delete'> {
    const entries = await db.outbox
      .where('[recordKey+state]')
      .between([key, Dexie.minKey], [key, Dexie.maxKey])
      .toArray();
    const [only] = entries;
    const unsentCreation =
      entries.length === 1 &&
      only?.seq !== undefined &&
      only.seq > (await sentThrough(db)) &&
      only.mutation.base === undefined;
    const conflicted = (await db.conflicts.where('recordKey').equals(key).count()) > 0;
    if (current.version !== 0 || conflicted || !unsentCreation) return 'delete';
    await db.outbox.delete(only.seq!);
    await table.delete(current.id);
    return 'dropped';
  }

  function existing(current: StoredRecordOf<F> | undefined, id: string): StoredRecordOf<F> {
    if (!current) throw new RecordNotFoundError(spec, id);
    return current;
  }

  return {
    collection,

    /** Creates a record; tags go out as `add` and counters as `inc`, never as `set` (P7). */
    async create(fields: Partial<F> = {}): Promise<StoredRecordOf<F>> {
      const all = { ...emptyFields(spec), ...fields } as F;
      assertValid(spec, all);
      const id = newId();
      const record = await write(id, (_current, time) => creationPlan(spec, id, all, time));
      return existing(record, id);
    },

    /**
     * Creates many records in one transaction (an import, a first run with sample data, what
     * was made signed out moving into an account): the same records and outbox mutations as
     * `create`, written in two bulk operations. With `ids`, each record keeps the id given for
     * it, and an id the device already holds is left alone, so a move cut short can run again.
     */
    async createMany(
      list: Partial<F>[],
      options: { ids?: string[] } = {},
    ): Promise<StoredRecordOf<F>[]> {
      const time = now();
      const planned = list.map((fields, index) => {
        const all = { ...emptyFields(spec), ...fields } as F;
        assertValid(spec, all);
        return plannedCreation(spec, options.ids?.[index] ?? newId(), all, time, newId);
      });
      const written = await db.transaction('rw', table, db.outbox, async () => {
        const held = options.ids ? await table.bulkGet(planned.map(({ record }) => record.id)) : [];
        const fresh = planned.filter((_, index) => !held[index]);
        await table.bulkAdd(fresh.map(({ record }) => record));
        await db.outbox.bulkAdd(fresh.map(({ entry }) => entry));
        return fresh;
      });
      if (written.length > 0) deps.afterWrite();
      return written.map(({ record }) => record);
    },

    /** Changes register and text fields; a value equal to the stored one is not an edit. */
    async update(id: string, changes: EditableOf<F>): Promise<StoredRecordOf<F>> {
      assertValid(spec, changes);
      const record = await write(id, (current, time) =>
        updatePlan(existing(current, id), changes, time),
      );
      return existing(record, id);
    },

    /**
     * What an editor writes as the person types, notes and contacts alike. Values R1 accepts go
     * to the record, creating it with this id when the device has none (a new note is stored
     * only from its first keystroke); values it refuses wait as the record's draft, exactly as
     * typed (see drafts.ts). Returns when the record or its draft last changed, which editors
     * use to tell the echo of their own writes from news. `typed`: the keystrokes this write
     * stores, marked stored in the same transaction (see typingJournal.ts).
     */
    async edit(
      id: string,
      changes: EditableOf<F>,
      typed?: TypingMark,
    ): Promise<{ updatedAt: number }> {
      const key = recordKey(collection, id);
      const journal = typed ? [db.typingStored] : [];
      const result = await db.transaction(
        'rw',
        [...writeTables, db.drafts, ...journal],
        async () => {
          // Every read a keystroke needs in one round trip, the journal's mark written alongside.
          const [[current, entry], draft] = await Promise.all([
            readForEdit(id),
            draftOf(db, key),
            typed && markTypingStored(db, typed),
          ]);
          const { valid, invalid } = sortTyped(spec, { ...draft?.fields, ...changes }, !current);
          const time = now();
          if (draft || Object.keys(invalid).length > 0) await keepDraft(db, key, invalid, time);
          if (Object.keys(valid).length === 0) return { updatedAt: time, wrote: false };
          const { record, wrote } = await writeRead(id, current, entry, (latest, at) =>
            latest
              ? updatePlan(latest, valid as EditableOf<F>, at)
              : creationPlan(spec, id, { ...emptyFields(spec), ...valid } as F, at),
          );
          return { updatedAt: Math.max(record?.updatedAt ?? 0, time), wrote };
        },
      );
      if (result.wrote) deps.afterWrite();
      return { updatedAt: result.updatedAt };
    },

    /**
     * Removes a record left blank (see isBlank), its draft included. One the server never saw
     * goes without a trace: the record and its unsent creation are dropped, so nothing of it
     * ever reaches the server. One the server has is deleted like any other, as a tombstone
     * that syncs. Returns whether the record went.
     */
    async discardIfBlank(id: string): Promise<boolean> {
      const key = recordKey(collection, id);
      const tables = [table, db.outbox, db.syncState, db.conflicts, db.drafts];
      const verdict = await db.transaction('rw', tables, async () => {
        const [current, draft] = await Promise.all([table.get(id), draftOf(db, key)]);
        if ((!current && !draft) || (current && current.deletedAt !== null)) return 'keep';
        if (!isBlank(spec, shownFields(spec, current, draft))) return 'keep';
        if (draft) await db.drafts.delete(key);
        return current ? dropIfNeverSent(current, key) : 'dropped';
      });
      if (verdict === 'delete') await this.remove(id);
      return verdict !== 'keep';
    },

    /** Drops the record's draft: values typed that were never valid enough to store. */
    async discardDraft(id: string): Promise<void> {
      await db.drafts.delete(recordKey(collection, id));
    },

    /** Soft delete (section M: deletes keep the record as a tombstone). Undo with `restore`. */
    async remove(id: string): Promise<StoredRecordOf<F>> {
      const record = await write(id, (current, time) => {
        const shown = existing(current, id);
        if (shown.deletedAt !== null) return null;
        return { next: { ...shown, deletedAt: time, updatedAt: time } };
      });
      return existing(record, id);
    },

    /**
     * Undeletes a record. Right after a delete that is still unsent, the two fold into nothing
     * (M3), which is what makes Undo exact.
     */
    async restore(id: string): Promise<StoredRecordOf<F>> {
      const record = await write(id, (current, time) => {
        const shown = existing(current, id);
        if (shown.deletedAt === null) return null;
        return { next: { ...shown, deletedAt: null, updatedAt: time } };
      });
      return existing(record, id);
    },

    /** [R3] counters change only by deltas, so taps on two devices all count. */
    async increment(id: string, field: FieldOf<F>, delta: number): Promise<StoredRecordOf<F>> {
      expectKind(spec, field, 'counter');
      if (!Number.isInteger(delta) || delta === 0)
        throw new RangeError('delta must be a non-zero integer');
      const record = await write(id, (current, time) => {
        const shown = existing(current, id) as StoredRecordOf<F> & Record<string, number>;
        const next = { ...shown, [field]: (shown[field] ?? 0) + delta, updatedAt: time };
        return { next, inc: { [field]: delta } };
      });
      return existing(record, id);
    },

    /** [R3] set fields change only by add/remove, so concurrent tag edits all survive. */
    async addTag(
      id: string,
      tag: string,
      field = 'tags' as FieldOf<F>,
    ): Promise<StoredRecordOf<F>> {
      expectKind(spec, field, 'set');
      const value = tag.trim();
      const record = await write(id, (current, time) => {
        const shown = existing(current, id) as StoredRecordOf<F> & Record<string, string[]>;
        const tags = shown[field] ?? [];
        if (tags.includes(value)) return null;
        const next = { ...shown, [field]: [...tags, value], updatedAt: time };
        assertValid(spec, { [field]: next[field] });
        return { next, add: { [field]: [value] } };
      });
      return existing(record, id);
    },

    async removeTag(
      id: string,
      tag: string,
      field = 'tags' as FieldOf<F>,
    ): Promise<StoredRecordOf<F>> {
      expectKind(spec, field, 'set');
      const record = await write(id, (current, time) => {
        const shown = existing(current, id) as StoredRecordOf<F> & Record<string, string[]>;
        const tags = shown[field] ?? [];
        if (!tags.includes(tag)) return null;
        const next = { ...shown, [field]: tags.filter((t) => t !== tag), updatedAt: time };
        return { next, remove: { [field]: [tag] } };
      });
      return existing(record, id);
    },
  };
}

export type RepositoryOf<F extends Fields> = ReturnType<typeof createRepository<F>>;
export type Repository<C extends CollectionName> = RepositoryOf<FieldsOf[C]>;

/** An edit of register and text fields; null when every value equals the stored one. */
function updatePlan<F extends Fields>(
  current: StoredRecordOf<F>,
  changes: EditableOf<F>,
  time: number,
): EditPlan<F> | null {
  const shown = current as StoredRecordOf<F> & Record<string, FieldValue>;
  const set: Record<string, FieldValue> = {};
  for (const [field, value] of Object.entries(changes) as [string, FieldValue][]) {
    if (!sameValue(shown[field], value)) set[field] = value;
  }
  if (Object.keys(set).length === 0) return null;
  return { next: { ...shown, ...set, updatedAt: time }, set };
}

function expectKind(spec: CollectionSpec, field: string, kind: string): void {
  if (kindOf(spec, field) !== kind) {
    throw new TypeError(`${spec.name}.${field} is not a ${kind} field`);
  }
}
