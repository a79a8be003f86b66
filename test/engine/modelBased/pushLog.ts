/**
 * Checks of the whole push log against the server's final state and history: what each
 * result says must be what the rules (P1–P7, R4, H1) make of the record it met.
 */
import { expect } from 'vitest';
import type { ConflictStrategy } from '../../../src/protocol/limits.ts';
import type { FieldValue, Mutation } from '../../../src/protocol/mutation.ts';
import type { AnyWireRecord, HistoryEntry, PushResult } from '../../../src/protocol/sync.ts';
import { sameValue } from '../../../src/model/merge/equal.ts';
import type { PushLogEntry } from './device.ts';
import {
  checkField,
  collisions,
  content,
  editedSinceBase,
  inOrder,
  stateAt,
  type State,
} from './history.ts';

/** The server at the end of a run: every record (pull from 0) and its history (H1). */
export interface ServerState {
  records: Map<string, { collection: string; record: AnyWireRecord }>;
  histories: Map<string, HistoryEntry[]>;
}

export const keyOf = (collection: string, id: string) => `${collection}:${id}`;
const show = (value: unknown) => JSON.stringify(value);

/** The conflict strategy of each collection in a run (P3; `ask` unless the run set it). */
export type Strategies = Record<string, ConflictStrategy>;
export const ASK: Strategies = { notes: 'ask', contacts: 'ask' };

/** Which device clock wrote a field last (P3 latest-wins): as the server must remember it. */
interface Clock {
  clientTime: number;
  clientId: string;
}

/** [P3] the later clientTime wins; a tie goes to the larger clientId; a field with no clock loses. */
function beats(incoming: Clock, existing: Clock | undefined): boolean {
  if (!existing) return true;
  if (incoming.clientTime !== existing.clientTime) return incoming.clientTime > existing.clientTime;
  return incoming.clientId > existing.clientId;
}

/** What the server decided for one applied or merged mutation, field by field. */
export interface Outcome {
  /** `set` fields that collided (P3): only latest-wins applies such a mutation. */
  collided: string[];
  /** Colliding fields whose value lost to a later write: kept in the history as `lost`. */
  lost: Record<string, FieldValue>;
  /** Colliding fields decided by the clientId because both clocks were equal. */
  ties: number;
}

/** One history entry as the push log predicts it. */
interface ExpectedEntry {
  version: number;
  op: Mutation['op'];
  clientId: string;
  lost: Record<string, FieldValue> | null;
  /** A lost write that changed nothing else has an entry of its own with `previous: {}`. */
  lostOnly: boolean;
  where: string;
}

/**
 * Everything the server answered, checked against the records' histories:
 * - [P1] a mutation sent again got its first result again;
 * - [R4] each change took a new, greater version, and every history entry is one of them;
 * - [P3–P6] an applied mutation was clean against the record just before it, and left its
 *   values in the record right after it (so nothing acknowledged is lost: each value is in the
 *   final record or in a later entry's `previous`);
 * - [P3 latest-wins] in a latest-wins collection a mutation whose fields collided is `merged`:
 *   each colliding field holds the value of the later device clock (the later of every clock
 *   that wrote it, ties to the larger clientId), and a losing value is in the history as
 *   `lost`, in the mutation's own entry or, if it changed nothing, one at the record's version
 *   with `previous: {}` (H1: nothing is silently lost); never an `edit` conflict;
 * - a conflict names exactly the fields that collided, against the record it was sent with,
 *   and that record is the server's state at that version;
 * - [R3] a counter is the sum of the deltas of the applied mutations (each counted once).
 * Returns, per mutation id, what the server decided for each applied or merged mutation.
 */
export function checkPushLog(
  log: PushLogEntry[],
  server: ServerState,
  strategies: Strategies = ASK,
): Map<string, Outcome> {
  const first = new Map<string, PushResult>();
  const produced = new Map<number, string>();
  const counters = new Map<string, number>();
  const clocks = new Map<string, Record<string, Clock>>();
  const entries = new Map<string, ExpectedEntry[]>();
  const outcomes = new Map<string, Outcome>();
  let lastVersion = 0;
  for (const push of log) {
    for (const [index, mutation] of push.mutations.entries()) {
      const result = push.results[index]!;
      const where = `d${push.device} ${show(mutation)} → ${show(result)}`;
      expect(result.id, where).toBe(mutation.id);
      const earlier = first.get(mutation.id);
      if (earlier) {
        expect(result, `[P1] replayed: ${where}`).toEqual(earlier);
        continue;
      }
      first.set(mutation.id, result);
      expect(result.status, `no mutation of a valid command is rejected: ${where}`).not.toBe(
        'rejected',
      );
      const key = keyOf(mutation.collection, mutation.recordId);
      const final = server.records.get(key);
      expect(final, `the server has the record: ${where}`).toBeDefined();
      const history = server.histories.get(key) ?? [];
      const strategy = strategies[mutation.collection] ?? 'ask';
      if (result.status === 'applied' || result.status === 'merged') {
        const changed = !produced.has(result.version);
        if (changed) {
          expect(result.version, `[R4] versions grow: ${where}`).toBeGreaterThan(lastVersion);
          lastVersion = result.version;
          produced.set(result.version, mutation.id);
        }
        const after = stateAt(final!.record, history, result.version)!;
        const before = changed ? stateAt(final!.record, history, result.version - 1) : after;
        expect(after, `the record existed after: ${where}`).toBeDefined();
        const fieldClocks = clocks.get(key) ?? {};
        clocks.set(key, fieldClocks);
        const outcome = checkApplied(
          mutation,
          before,
          after,
          {
            strategy,
            clocks: fieldClocks,
            clock: { clientTime: mutation.clientTime, clientId: push.clientId },
          },
          `${where}\n  before ${show(before)}\n  after ${show(after)}`,
        );
        outcomes.set(mutation.id, outcome);
        const lost = Object.keys(outcome.lost).length > 0 ? outcome.lost : null;
        if (outcome.collided.length > 0) {
          expect(result.status, `[P3 latest-wins] a collision is merged: ${where}`).toBe('merged');
        }
        if (changed || lost) {
          const expected = entries.get(key) ?? [];
          entries.set(key, expected);
          expected.push({
            version: result.version,
            op: mutation.op,
            clientId: push.clientId,
            lost,
            lostOnly: !changed,
            where,
          });
        }
        if (result.status === 'merged') {
          expect(content(mutation.collection, result.record), `merged record: ${where}`).toEqual(
            content(mutation.collection, after),
          );
        }
        const delta = mutation.inc?.['timesContacted'] ?? 0;
        counters.set(key, (counters.get(key) ?? 0) + delta);
      } else if (result.status === 'conflict') {
        const sent = result.record;
        const then = stateAt(final!.record, history, sent.version);
        expect(
          content(mutation.collection, sent),
          `conflict record is the server's: ${where}`,
        ).toEqual(then && content(mutation.collection, then));
        if (strategy === 'latest-wins') {
          expect(result.reason, `[P3] no 'edit' conflict under latest-wins: ${where}`).not.toBe(
            'edit',
          );
        }
        checkConflict(mutation, result, content(mutation.collection, sent), strategy, where);
      }
    }
  }
  // [H1] each record's history, oldest first, is exactly its changes and lost writes in the
  // order the server took them (a lost write that changed nothing follows the change it lost to).
  for (const key of new Set([...server.histories.keys(), ...entries.keys()])) {
    const actual = [...(server.histories.get(key) ?? [])].reverse();
    const expected = entries.get(key) ?? [];
    expect(
      actual.map((entry) => entry.version),
      `[H1] the history of ${key}: one entry per change or lost write`,
    ).toEqual(expected.map((entry) => entry.version));
    for (const [index, entry] of expected.entries()) {
      const got = actual[index]!;
      const at = `[H1] history of ${key} at ${entry.version}: ${entry.where}`;
      expect({ op: got.op, clientId: got.clientId }, at).toEqual({
        op: entry.op,
        clientId: entry.clientId,
      });
      expect(got.lost ?? null, `[P3][H1] the values that lost: ${at}`).toEqual(entry.lost);
      if (entry.lostOnly)
        expect(got.previous, `[P3] a lost write changed nothing: ${at}`).toEqual({});
    }
  }
  const versions = [...server.histories.values()].flat().map((entry) => entry.version);
  expect(
    [...new Set(versions)].sort((a, b) => a - b),
    '[H1] every change in history came from a push',
  ).toEqual([...produced.keys()].sort((a, b) => a - b));
  for (const [key, { record }] of server.records) {
    if (!key.startsWith('contacts:')) continue;
    const contact = record as AnyWireRecord & { timesContacted: number };
    expect(contact.timesContacted, `[R3][P6] counter of ${key}`).toBe(counters.get(key) ?? 0);
  }
  return outcomes;
}

interface Decider {
  strategy: ConflictStrategy;
  /** The record's field clocks so far: updated with this mutation's writes. */
  clocks: Record<string, Clock>;
  clock: Clock;
}

function checkApplied(
  mutation: Mutation,
  before: State | undefined,
  after: State,
  { strategy, clocks, clock }: Decider,
  where: string,
): Outcome {
  const { collection } = mutation;
  const outcome: Outcome = { collided: [], lost: {}, ties: 0 };
  /** The clock a written field keeps: the later of its own and this write's. */
  const wrote = (field: string) => {
    if (beats(clock, clocks[field])) clocks[field] = { ...clock };
  };
  const tags = after['tags'] as string[];
  for (const tag of mutation.add?.['tags'] ?? []) {
    expect(tags, `[R3] an applied add stays: ${where}`).toContain(tag);
  }
  // A put on a deleted record is a conflict (P4), so only a delete leaves the record deleted.
  expect(after['deletedAt'] !== null, `deleted after ${mutation.op}: ${where}`).toBe(
    mutation.op === 'delete',
  );
  if (!before) {
    // [M1] a creation: the record holds what the device typed.
    for (const [field, value] of Object.entries(mutation.set ?? {})) {
      expect(after[field], `[M1] created ${field}: ${where}`).toEqual(value);
      wrote(field);
    }
    if (collection === 'contacts') {
      expect(after['timesContacted'], `[M1] counter: ${where}`).toBe(
        mutation.inc?.['timesContacted'] ?? 0,
      );
    }
    return outcome;
  }
  if (mutation.op === 'put') {
    expect(before['deletedAt'], `[P4] a put applied on a deleted record: ${where}`).toBeNull();
  }
  if (mutation.op === 'delete') {
    expect(editedSinceBase(mutation, before), `[P5] a delete applied over edits: ${where}`).toEqual(
      [],
    );
  }
  for (const [field, incoming] of Object.entries(mutation.set ?? {})) {
    const base =
      mutation.base && Object.hasOwn(mutation.base, field) ? mutation.base[field] : undefined;
    // A field left as the device showed it is no write: it neither collides nor takes a clock.
    if (base !== undefined && sameValue(base, incoming)) continue;
    const check = checkField(collection, field, mutation, before[field] as never, strategy);
    if (check.clean) {
      expect(after[field], `[P3] ${field} holds the applied value: ${where}`).toEqual(check.value);
      wrote(field);
      continue;
    }
    expect(strategy, `[P3] applied although ${field} collided: ${where}`).toBe('latest-wins');
    outcome.collided.push(field);
    const existing = clocks[field];
    if (existing?.clientTime === clock.clientTime) outcome.ties += 1;
    if (beats(clock, existing)) {
      expect(after[field], `[P3 latest-wins] ${field} takes the later write: ${where}`).toEqual(
        incoming,
      );
      clocks[field] = { ...clock };
    } else {
      expect(after[field], `[P3 latest-wins] ${field} keeps the later write: ${where}`).toEqual(
        before[field],
      );
      outcome.lost[field] = incoming;
    }
  }
  if (collection === 'contacts') {
    const delta = (after['timesContacted'] as number) - (before['timesContacted'] as number);
    expect(delta, `[P6] the delta counted once: ${where}`).toBe(
      mutation.inc?.['timesContacted'] ?? 0,
    );
  }
  return outcome;
}

function checkConflict(
  mutation: Mutation,
  result: Extract<PushResult, { status: 'conflict' }>,
  server: State,
  strategy: ConflictStrategy,
  where: string,
): void {
  const { collection } = mutation;
  switch (result.reason) {
    case 'deleted':
      expect(mutation.op, `[P4] 'deleted' is for puts: ${where}`).toBe('put');
      expect(server['deletedAt'], `[P4] 'deleted' on a live record: ${where}`).not.toBeNull();
      break;
    case 'edit': {
      expect(mutation.op, `[P3] 'edit' is not for deletes: ${where}`).not.toBe('delete');
      if (mutation.op === 'put') expect(server['deletedAt'], where).toBeNull();
      const expected = inOrder(collection, collisions(collection, mutation, server, strategy));
      expect(expected.length, `[P3] a conflict where nothing collided: ${where}`).toBeGreaterThan(
        0,
      );
      expect(result.fields, `[P3] the colliding fields: ${where}`).toEqual(expected);
      break;
    }
    case 'delete-edited': {
      expect(mutation.op, `[P5] 'delete-edited' is for deletes: ${where}`).toBe('delete');
      const expected = inOrder(collection, [
        ...editedSinceBase(mutation, server),
        ...collisions(collection, mutation, server, strategy),
      ]);
      expect(expected.length, `[P5] a conflict where nothing changed: ${where}`).toBeGreaterThan(0);
      expect(result.fields, `[P5] the edited fields: ${where}`).toEqual(expected);
      break;
    }
  }
}
