/**
 * Checks of each device after everyone synced: what it holds against the server and its own
 * open conflicts.
 */
import { expect } from 'vitest';
import type { ConflictEntry, StoredRecord } from '../../../src/db/types.ts';
import type { FieldValue, Mutation } from '../../../src/protocol/mutation.ts';
import type { CollectionName } from '../../../src/model/collections.ts';
import type { AnyWireRecord } from '../../../src/protocol/sync.ts';
import type { Device, PushLogEntry } from './device.ts';
import { content, type State } from './history.ts';

import { keyOf, type ServerState } from './pushLog.ts';

/** A change of this device the server applied, with the values it left in the fields it set. */
export interface OwnApplied {
  mutation: Mutation;
  values: Record<string, FieldValue>;
}

/**
 * What a device shows of a record it has open conflicts on: its own version, i.e. the server's
 * with the person's changes on top in the order they made them: the conflicting ones, and in
 * the fields those set, the values of later changes of theirs that the server applied (typing a
 * field back to the server's value, or a text edit that merged): the last value typed shows.
 */
export function ownVersion(
  server: AnyWireRecord,
  conflicts: ConflictEntry[],
  applied: OwnApplied[],
): State {
  const state = { ...(server as unknown as State) };
  const earliest = Math.min(...conflicts.map((entry) => entry.mutation.clientTime));
  const changes = [
    ...conflicts.map((entry) => ({ ...entry, values: entry.mutation.set ?? {}, open: true })),
    ...applied
      .filter(({ mutation }) => mutation.clientTime > earliest)
      .map((change) => ({ ...change, open: false })),
  ].sort((a, b) => a.mutation.clientTime - b.mutation.clientTime);
  // Later applied values count only in the fields the conflicts are about; elsewhere the
  // server's newer values show.
  const contested = new Set(conflicts.flatMap((entry) => Object.keys(entry.mutation.set ?? {})));
  for (const { mutation, values, open } of changes) {
    for (const [field, value] of Object.entries(values)) {
      if (open || contested.has(field)) state[field] = value;
    }
    if (open) {
      // Not applied (M2): the device adds its deltas and tag changes itself.
      for (const [field, delta] of Object.entries(mutation.inc ?? {})) {
        state[field] = (state[field] as number) + delta;
      }
      let tags = state['tags'] as string[];
      tags = tags.filter((tag) => !(mutation.remove?.['tags'] ?? []).includes(tag));
      tags = [...tags, ...(mutation.add?.['tags'] ?? []).filter((tag) => !tags.includes(tag))];
      state['tags'] = tags;
    }
    if (mutation.op === 'delete') state['deletedAt'] = state['deletedAt'] ?? mutation.clientTime;
    // The person edited (or restored) a live record: it stays alive on their device until they
    // decide, whether the server had deleted it before their edit arrived (reason 'deleted') or
    // deleted it after reporting the conflict.
    if (mutation.op === 'restore' || (mutation.op === 'put' && open)) {
      state['deletedAt'] = null;
    }
  }
  return state;
}

/**
 * After every device synced twice: nothing waits in any outbox, each device holds exactly the
 * conflicts the server reported to it that the person has not resolved, and each record equals
 * the server's, except those the device has an open conflict on: it keeps showing its own
 * version until the person decides.
 */
export async function checkDevices(
  devices: Device[],
  log: PushLogEntry[],
  server: ServerState,
  resolved: Set<string>,
): Promise<void> {
  const ownApplied = new Map<string, OwnApplied[]>();
  const seen = new Set<string>();
  for (const push of log) {
    for (const [index, mutation] of push.mutations.entries()) {
      const result = push.results[index]!;
      if (seen.has(mutation.id)) continue;
      seen.add(mutation.id);
      if (result.status !== 'applied' && result.status !== 'merged') continue;
      const from = result.status === 'merged' ? (result.record as unknown as State) : mutation.set;
      const values = Object.fromEntries(
        Object.keys(mutation.set ?? {}).map((field) => [field, from![field] as FieldValue]),
      );
      const key = `${push.device}:${keyOf(mutation.collection, mutation.recordId)}`;
      ownApplied.set(key, [...(ownApplied.get(key) ?? []), { mutation, values }]);
    }
  }
  for (const device of devices) {
    const name = `d${device.index}`;
    expect(await device.db.outbox.toArray(), `${name}: nothing left in the outbox`).toEqual([]);
    const conflicts = await device.db.conflicts.toArray();
    const expected = expectedConflicts(log, device.index, resolved);
    expect(
      conflicts.map((entry) => entry.mutationId).sort(),
      `${name}: holds the conflicts reported to it, less those its later edits settled`,
    ).toEqual([...expected.keys()].sort());
    for (const entry of conflicts) {
      expect(entry, `${name}: conflict entry as reported`).toMatchObject(
        expected.get(entry.mutationId)!,
      );
    }
    const local = new Map<string, StoredRecord<CollectionName>>();
    for (const collection of ['notes', 'contacts'] as const) {
      for (const record of await device.db.table(collection).toArray()) {
        local.set(keyOf(collection, (record as StoredRecord<CollectionName>).id), record);
      }
    }
    expect([...local.keys()].sort(), `${name}: has exactly the server's records`).toEqual(
      [...server.records.keys()].sort(),
    );
    for (const [key, { collection, record }] of server.records) {
      const mine = local.get(key)!;
      const open = conflicts.filter((entry) => entry.recordKey === key);
      if (open.length === 0) {
        // Fields, version and deletedAt; not updatedAt: an edit undone before it was sent
        // (delete then restore) leaves the device's own time, and the server has no news.
        const expected: State = {
          ...content(collection, record),
          version: record.version,
          pending: 0,
        };
        const actual: State = {
          ...content(collection, mine),
          version: mine.version,
          pending: mine.pending,
        };
        expect(actual, `${name}: ${key} equals the server's`).toEqual(expected);
        continue;
      }
      const shownAs = (state: State) => ({
        ...state,
        deletedAt: state['deletedAt'] !== null,
        tags: [...(state['tags'] as string[])].sort(), // a set: its order is the device's own
      });
      const applied = ownApplied.get(`${device.index}:${key}`) ?? [];
      const own = shownAs(content(collection, ownVersion(record, open, applied)));
      const shown = shownAs(content(collection, mine));
      expect(
        { ...shown, version: mine.version, pending: mine.pending },
        `${name}: ${key} shows its own version over the server's`,
      ).toEqual({ ...own, version: record.version, pending: 1 });
    }
  }
}

interface ExpectedConflict {
  reason: string;
  fields: string[];
  mutation: { op: Mutation['op']; set?: Record<string, FieldValue> };
}

/**
 * The conflicts a device should hold: every conflict reported to it (in pushes whose answer it
 * got), less those resolved, as later applied edits of the same record from the same device
 * leave them: a later `set` of a field takes it out of the conflict (that value is on the
 * server now), a later delete leaves nothing to decide, a later restore makes a refused delete
 * the put of what it carried; a conflict with nothing left is gone.
 */
function expectedConflicts(
  log: PushLogEntry[],
  device: number,
  resolved: Set<string>,
): Map<string, ExpectedConflict> {
  // `crdt`: the conflicting mutation carries counter deltas or tag changes, which always wait.
  const open = new Map<string, ExpectedConflict & { key: string; crdt: boolean }>();
  const seen = new Set<string>();
  for (const push of log.filter((entry) => entry.device === device && !entry.lost)) {
    for (const [index, mutation] of push.mutations.entries()) {
      if (seen.has(mutation.id)) continue; // a resend gets its first result again (P1)
      seen.add(mutation.id);
      const result = push.results[index]!;
      const key = keyOf(mutation.collection, mutation.recordId);
      if (result.status === 'conflict') {
        open.set(mutation.id, {
          key,
          crdt: Boolean(mutation.inc ?? mutation.add ?? mutation.remove),
          reason: result.reason,
          fields: result.fields,
          mutation: { op: mutation.op, ...(mutation.set ? { set: mutation.set } : {}) },
        });
        continue;
      }
      if (result.status !== 'applied' && result.status !== 'merged') continue;
      for (const [id, conflict] of open) {
        if (conflict.key !== key) continue;
        const settled = settledBy(conflict, mutation);
        if (settled) open.set(id, settled);
        else open.delete(id);
      }
    }
  }
  const expected = new Map<string, ExpectedConflict>();
  for (const [id, { key: _key, crdt: _crdt, ...conflict }] of open) {
    if (!resolved.has(id)) expected.set(id, conflict);
  }
  return expected;
}

function settledBy<T extends ExpectedConflict & { crdt: boolean }>(
  conflict: T,
  later: Mutation,
): T | null {
  if (later.op === 'delete') return null;
  const laterFields = Object.keys(later.set ?? {});
  const set = Object.fromEntries(
    Object.entries(conflict.mutation.set ?? {}).filter(([field]) => !laterFields.includes(field)),
  );
  const op = later.op === 'restore' ? 'put' : conflict.mutation.op;
  if (op === 'put' && Object.keys(set).length === 0 && !conflict.crdt) return null;
  const fields = conflict.fields.filter(
    (field) => !laterFields.includes(field) && (op !== 'put' || field in set),
  );
  return { ...conflict, fields, mutation: { op, ...(Object.keys(set).length ? { set } : {}) } };
}
