import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldValue, Mutation } from '../../protocol/mutation.ts';
import type { ApplyOutcome, ConflictStrategy } from '../apply.ts';
import { APP_COLLECTIONS, fieldNames, kindOf, settableFields } from '../collections.ts';
import { sameValue } from '../merge/equal.ts';
import { mergeText } from '../merge/text.ts';
import type { PreviousValues, StoredServerRecord } from '../stored.ts';
import { apply, mutation, recordOf, stored } from '../testing.ts';

/**
 * Two or three devices each edit the same synced contact (version 10) offline, then push; the
 * server applies the mutations one by one, as src/server/sync/push.ts does, in every order they
 * could arrive. Each device has one mutation for the record: its offline edits fold into one
 * (M3), and all of them were made against the same shared record.
 */
type Contact = StoredServerRecord;
type Values = Record<string, FieldValue>;
type Settable = 'name' | 'email' | 'phone' | 'company' | 'notes' | 'favorite';
type DeviceCount = 2 | 3;

const TAGS = ['a', 'b', 'c', 'd'];
const CLIENT_IDS = ['device-a', 'device-b', 'device-c'];
const STRATEGIES: readonly ConflictStrategy[] = ['ask', 'latest-wins'];
const lines = (...text: string[]) => text.join('\n');
const NOTES = lines('one', 'two', 'three', 'four', 'five');

const live: Contact = stored(
  'contacts',
  { name: 'Ada', notes: NOTES, tags: ['a', 'b'], timesContacted: 1 },
  { setAdds: { tags: { a: 3, b: 7 } } },
);
const tombstone: Contact = { ...live, deletedAt: 8_000 };

const valuesOf = (record: StoredServerRecord): Values => record.fields as unknown as Values;

// ---------------------------------------------------------------------------------------------
// What the devices do
// ---------------------------------------------------------------------------------------------

interface Edit {
  op: Mutation['op'];
  set: Values;
  inc: number;
  add: string[];
  remove: string[];
  clientTime: number;
}

interface Scenario {
  start: Contact;
  edits: Edit[];
}

interface EditOptions {
  /** Whether a device on the live record may delete it (else it only puts). */
  deletes: boolean;
  /** Each device writes register values no other device writes (see the latest-wins test). */
  ownValues: boolean;
  /** Which devices may edit the text field. */
  textBy: (device: number) => boolean;
  /** Each field is set by at most one device: sets never meet. */
  disjointSets: boolean;
}

const EVERYTHING: EditOptions = {
  deletes: true,
  ownValues: false,
  textBy: () => true,
  disjointSets: false,
};

/**
 * Values each field may be set to. The start value is among them, so some sets are no edit
 * (M3). Text values change lines 1, 3 or 5, append one, or replace or empty the whole text:
 * some pairs merge cleanly, others overlap.
 */
function valuePools(device: number, ownValues: boolean): Record<Settable, readonly FieldValue[]> {
  const mark = ownValues ? 'xyz'[device]! : '';
  return {
    name: ['Ada', `Grace${mark}`, `Linus${mark}`],
    email: ['', `a${mark}@example.com`, `b${mark}@example.com`],
    phone: ['', `555${mark}`, `123${mark}`],
    company: ['', `ACME${mark}`, `Initech${mark}`],
    notes: [
      NOTES,
      lines('ONE', 'two', 'three', 'four', 'five'),
      lines('one', 'two', 'THREE', 'four', 'five'),
      lines('one', 'two', 'three', 'four', 'FIVE'),
      lines('one', 'two', 'three', 'four', 'five', 'six'),
      'replaced',
      '',
    ],
    favorite: [false, true],
  };
}

function editOf(device: number, options: EditOptions): fc.Arbitrary<Edit> {
  const pools = valuePools(device, options.ownValues);
  const fields = (Object.keys(pools) as Settable[]).filter(
    (field) => field !== 'notes' || options.textBy(device),
  );
  const set = fc
    .subarray(fields)
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((field) =>
          fc.constantFrom(...pools[field]).map((value): [string, FieldValue] => [field, value]),
        ),
      ),
    )
    .map((entries): Values => Object.fromEntries(entries));
  return fc.record({
    op: options.deletes ? fc.constantFrom('put', 'put', 'delete') : fc.constant('put'),
    set,
    inc: fc.integer({ min: -2, max: 3 }),
    add: fc.subarray(TAGS),
    remove: fc.subarray(['a', 'b']),
    clientTime: fc.integer({ min: 1, max: 3 }), // few values: equal clientTimes happen
  });
}

function scenarioOf(devices: DeviceCount, options: EditOptions): fc.Arbitrary<Scenario> {
  const edits = Array.from({ length: devices }, (_, device) => editOf(device, options));
  return fc
    .record({ deleted: fc.constantFrom(false, false, true), edits: fc.tuple(...edits) })
    .map(({ deleted, edits }) => {
      const sets = new Set<string>();
      return {
        start: deleted ? tombstone : live,
        edits: edits.map((edit) => {
          // Keep each field to the first device that sets it.
          const set = options.disjointSets
            ? Object.fromEntries(Object.entries(edit.set).filter(([field]) => !sets.has(field)))
            : edit.set;
          Object.keys(set).forEach((field) => sets.add(field));
          // A device that shows the record deleted can only restore it (with its edits).
          return { ...edit, set, op: deleted ? 'restore' : edit.op };
        }),
      };
    });
}

/**
 * The device's mutation: `base` holds what it showed (the start record) for every field it
 * sets, and for a delete every register and text field [P5]. An element both added and removed
 * folds to the last of the two [M3]; here, the remove.
 */
function toMutation(edit: Edit, start: Contact): Mutation {
  const shown = valuesOf(start);
  const based =
    edit.op === 'delete' ? settableFields(APP_COLLECTIONS.contacts) : Object.keys(edit.set);
  const add = edit.add.filter((tag) => !edit.remove.includes(tag));
  return mutation({
    collection: 'contacts',
    op: edit.op,
    base: Object.fromEntries(based.map((field) => [field, shown[field]!])),
    set: edit.set,
    ...(edit.inc !== 0 ? { inc: { timesContacted: edit.inc } } : {}),
    ...(add.length > 0 ? { add: { tags: add } } : {}),
    ...(edit.remove.length > 0 ? { remove: { tags: edit.remove } } : {}),
    clientTime: edit.clientTime,
  });
}

// ---------------------------------------------------------------------------------------------
// What the server does with them
// ---------------------------------------------------------------------------------------------

interface Step {
  device: number;
  mutation: Mutation;
  before: Contact;
  outcome: ApplyOutcome;
}

/** [H1] A history entry as the server keeps it, with the record the change left. */
interface Entry {
  previous: PreviousValues;
  record: Contact;
}

interface Pushed {
  record: Contact;
  steps: Step[];
  /** Oldest first. */
  history: Entry[];
}

/**
 * Pushes the mutations in `order` like the server: the next version is the user's change
 * counter + 1, and only a change that alters the record takes it and leaves a history entry.
 */
function push(start: Contact, mutations: Mutation[], order: number[], strategy: ConflictStrategy) {
  const pushed: Pushed = { record: start, steps: [], history: [] };
  let counter = start.version;
  order.forEach((device, index) => {
    const before = pushed.record;
    const outcome = apply(before, mutations[device]!, {
      strategy,
      clientId: CLIENT_IDS[device]!,
      nextVersion: counter + 1,
      now: 9_000 + index,
    });
    pushed.steps.push({ device, mutation: mutations[device]!, before, outcome });
    const took = outcome.status === 'applied' || outcome.status === 'merged';
    // As the server stores it (src/server/sync/push.ts): a change takes a version and a history
    // entry; a write that only moved a field's clock is kept at the same version.
    if (took && outcome.changed) {
      counter += 1;
      pushed.record = outcome.record as Contact;
      pushed.history.push({ previous: outcome.previous, record: pushed.record });
    } else if (took) pushed.record = outcome.record as Contact;
  });
  return pushed;
}

/** Every order of arrival of one mutation per device. */
function orders(devices: number): number[][] {
  if (devices === 0) return [[]];
  return orders(devices - 1).flatMap((order) =>
    Array.from({ length: devices }, (_, at) => [
      ...order.slice(0, at),
      devices - 1,
      ...order.slice(at),
    ]),
  );
}

function pushEveryOrder(scenario: Scenario, strategy: ConflictStrategy): Pushed[] {
  const mutations = scenario.edits.map((edit) => toMutation(edit, scenario.start));
  return orders(scenario.edits.length).map((order) =>
    push(scenario.start, mutations, order, strategy),
  );
}

const hasConflict = (pushed: Pushed) =>
  pushed.steps.some((step) => step.outcome.status === 'conflict');

/** The record's fields with the tags sorted: tags keep their order of arrival. */
function settled(record: Contact) {
  return {
    fields: { ...record.fields, tags: [...(record.fields['tags'] as string[])].sort() },
    deleted: record.deletedAt !== null,
  };
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

const DEVICE_COUNTS: DeviceCount[] = [2, 3];
/** Enough runs to meet every kind of pair of edits, within a fraction of a second each. */
const RUNS = { 2: 200, 3: 100 } as const;

describe.each(DEVICE_COUNTS)('[R3][P3] %i devices, every order of arrival', (devices) => {
  it('[R3][P6] edits of different fields, counters and tags commute and never conflict', () => {
    const options = { ...EVERYTHING, deletes: false, disjointSets: true };
    fc.assert(
      fc.property(scenarioOf(devices, options), fc.constantFrom(...STRATEGIES), (scenario, how) => {
        const pushed = pushEveryOrder(scenario, how);
        for (const run of pushed) {
          expect(run.steps.map((step) => step.outcome.status)).not.toContain('conflict');
          expect(settled(run.record)).toEqual(settled(pushed[0]!.record));
        }
      }),
      { numRuns: RUNS[devices] },
    );
  });

  it('[R3][P6] counters add up and tags end the same in every order that has no conflict', () => {
    let conflictFree = 0;
    fc.assert(
      fc.property(scenarioOf(devices, EVERYTHING), fc.constantFrom(...STRATEGIES), (s, how) => {
        const mutations = s.edits.map((edit) => toMutation(edit, s.start));
        const total =
          (s.start.fields['timesContacted'] as number) + s.edits.reduce((sum, e) => sum + e.inc, 0);
        // Every device saw version 10, older than any add of this push: an add wins over every
        // remove of the same tag, whichever arrives first.
        const added = new Set(mutations.flatMap((m) => m.add?.['tags'] ?? []));
        const removed = new Set(mutations.flatMap((m) => m.remove?.['tags'] ?? []));
        const tags = TAGS.filter(
          (tag) =>
            added.has(tag) ||
            ((s.start.fields['tags'] as string[]).includes(tag) && !removed.has(tag)),
        );
        for (const run of pushEveryOrder(s, how).filter((pushed) => !hasConflict(pushed))) {
          conflictFree += 1;
          expect(run.record.fields.timesContacted).toBe(total);
          expect(settled(run.record).fields.tags).toEqual(tags);
        }
      }),
      { numRuns: RUNS[devices] },
    );
    // Guards against passing vacuously: on average more than one conflict-free order a run.
    expect(conflictFree).toBeGreaterThan(RUNS[devices]);
  });

  it('[P3] with latest-wins, puts and restores end in the same record in every order', () => {
    // Every device edits the text too: with three writers on one text field a line merge
    // made the outcome depend on the order, so latest-wins decides texts whole (sets.ts).
    const options: EditOptions = {
      ...EVERYTHING,
      deletes: false,
    };
    fc.assert(
      fc.property(scenarioOf(devices, options), (scenario) => {
        const [first, ...others] = pushEveryOrder(scenario, 'latest-wins');
        for (const run of [first!, ...others]) {
          expect(run.steps.map((step) => step.outcome.status)).not.toContain('conflict');
          expect(settled(run.record)).toEqual(settled(first!.record));
        }
      }),
      { numRuns: RUNS[devices] },
    );
  });

  it('[H1][P3] every state the record passed through is rebuilt from the history: nothing is silently lost', () => {
    fc.assert(
      fc.property(scenarioOf(devices, EVERYTHING), fc.constantFrom(...STRATEGIES), (s, how) => {
        for (const run of pushEveryOrder(s, how)) {
          expectHistoryRebuilds(s.start, run);
          for (const step of run.steps) expectAppliedTakesEveryEdit(step);
        }
      }),
      { numRuns: RUNS[devices] },
    );
  });

  it('[P3][P4][P5] a mutation is a conflict exactly when a field really collided or the record was deleted', () => {
    fc.assert(
      fc.property(scenarioOf(devices, EVERYTHING), fc.constantFrom(...STRATEGIES), (s, how) => {
        for (const run of pushEveryOrder(s, how)) {
          for (const step of run.steps) {
            expect(step.outcome.status).not.toBe('rejected');
            expect(conflictOf(step, how)).toEqual(
              step.outcome.status === 'conflict' ? step.outcome : null,
            );
          }
        }
      }),
      { numRuns: RUNS[devices] },
    );
  });
});

/**
 * [H1] Going back from the final record through the history, newest first, putting back each
 * entry's `previous` values, passes through every record a change left, and ends at the start:
 * every value any change wrote is in the final record or in a later change's `previous`.
 */
function expectHistoryRebuilds(start: Contact, pushed: Pushed): void {
  const snapshot = (record: Contact) => ({
    fields: valuesOf(record),
    deletedAt: record.deletedAt,
  });
  const state = structuredClone(snapshot(pushed.record));
  for (const entry of [...pushed.history].reverse()) {
    expect(state).toEqual(snapshot(entry.record));
    for (const [field, value] of Object.entries(entry.previous)) {
      if (field === 'deletedAt') state.deletedAt = value as number | null;
      else state.fields[field] = value as FieldValue;
    }
  }
  expect(state).toEqual(snapshot(start));
}

/**
 * [P3] `applied` tells the device its values were all taken, so each edited field (one whose
 * value differs from its base) holds the device's value right after. Anything else must come
 * back `merged` with the record, or as a conflict: the device is never silently overruled.
 */
function expectAppliedTakesEveryEdit({ mutation: sent, outcome }: Step): void {
  if (outcome.status !== 'applied') return;
  const after = valuesOf(recordOf(outcome));
  for (const [field, value] of Object.entries(sent.set ?? {})) {
    if (!sameValue(sent.base?.[field], value)) expect(after[field]).toEqual(value);
  }
}

type Conflict = Extract<ApplyOutcome, { status: 'conflict' }>;

/**
 * The conflict P3–P5 call for, worked out from the record the mutation met, or null when it
 * must apply. A field collides when the device edited it, the server's value is neither the
 * base nor the device's value, and (for a text) the line merge is not clean.
 */
function conflictOf({ mutation: sent, before }: Step, strategy: ConflictStrategy): Conflict | null {
  const current = valuesOf(before);
  const base = sent.base ?? {};
  const collides = (field: string, incoming: FieldValue) => {
    const [was, now] = [base[field], current[field]];
    if (was !== undefined && sameValue(was, incoming)) return false; // no edit [M3]
    if (sameValue(now, incoming) || (was !== undefined && sameValue(now, was))) return false;
    if (kindOf(APP_COLLECTIONS.contacts, field) !== 'text' || typeof was !== 'string') return true;
    return !mergeText(was, String(now), String(incoming)).clean;
  };
  const collisions = Object.entries(sent.set ?? {})
    .filter(([field, value]) => collides(field, value))
    .map(([field]) => field);
  const inFieldOrder = (fields: string[]) =>
    fieldNames(APP_COLLECTIONS.contacts).filter((field) => fields.includes(field));
  // [P4] a put on a deleted record; a restore undeletes, a delete of a tombstone keeps it.
  if (sent.op === 'put' && before.deletedAt !== null) {
    return { status: 'conflict', reason: 'deleted', fields: [] };
  }
  if (sent.op === 'delete') {
    // [P5] deleting over a change the device never saw, whatever the strategy.
    const edited = Object.keys(base).filter((field) => !sameValue(base[field], current[field]));
    const fields = inFieldOrder([...edited, ...collisions]);
    return fields.length > 0 ? { status: 'conflict', reason: 'delete-edited', fields } : null;
  }
  if (strategy === 'ask' && collisions.length > 0) {
    return { status: 'conflict', reason: 'edit', fields: inFieldOrder(collisions) };
  }
  return null;
}

it('[P3] the latest-wins property meets real collisions', () => {
  // Guards the properties above against passing vacuously: two devices set the same field.
  const edit = (phone: string, clientTime: number): Edit => ({
    op: 'put',
    set: { phone },
    inc: 0,
    add: [],
    remove: [],
    clientTime,
  });
  const [a, b] = [toMutation(edit('555', 2), live), toMutation(edit('123', 1), live)];
  const ab = push(live, [a, b], [0, 1], 'latest-wins');
  const ba = push(live, [a, b], [1, 0], 'latest-wins');
  expect(ab.steps.map((step) => step.outcome.status)).toEqual(['applied', 'merged']);
  expect(ba.steps.map((step) => step.outcome.status)).toEqual(['applied', 'merged']);
  expect([ab.record.fields.phone, ba.record.fields.phone]).toEqual(['555', '555']);
  expect(ba.history.at(-1)?.previous).toEqual({ phone: '123' });
});

describe('[P3] latest-wins counterexamples found by the properties above, pinned', () => {
  const put = (set: Values, clientTime: number): Edit => ({
    op: 'put',
    set,
    inc: 0,
    add: [],
    remove: [],
    clientTime,
  });
  const finalPhone = (edits: Edit[], order: number[]) => {
    const mutations = edits.map((edit) => toMutation(edit, live));
    return push(live, mutations, order, 'latest-wins').record.fields.phone;
  };

  it('[P3] a write of the value the field already holds keeps the later clock', () => {
    // A sets '123' at 1, B '555' at 2, C '123' again at 3: C wrote last in every order.
    const edits = [put({ phone: '123' }, 1), put({ phone: '555' }, 2), put({ phone: '123' }, 3)];
    expect(finalPhone(edits, [0, 1, 2])).toBe('123');
    expect(finalPhone(edits, [0, 2, 1])).toBe('123');
  });

  it('[P3] an older write of the same value, with another field, does not roll the clock back', () => {
    const edits = [
      put({ phone: '123' }, 3),
      put({ phone: '123', company: 'K' }, 1),
      put({ phone: '555' }, 2),
    ];
    expect(finalPhone(edits, [0, 1, 2])).toBe('123');
    expect(finalPhone(edits, [0, 2, 1])).toBe('123');
  });
});
