import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldValue, Mutation } from '../../protocol/mutation.ts';
import type { ConflictStrategy } from '../apply.ts';
import type { StoredServerRecord } from '../stored.ts';
import { apply, mutation, recordOf, stored } from '../testing.ts';

/**
 * Two devices edit the same synced contact (version 10) offline, then push in either order.
 * The server must end with the same fields both ways.
 */
const TAGS = ['a', 'b', 'c', 'd'];
type Settable = 'name' | 'email' | 'phone' | 'company' | 'notes' | 'favorite';

const start = stored(
  'contacts',
  { name: 'Ada', notes: 'one\ntwo\nthree\nfour\nfive', tags: ['a', 'b'], timesContacted: 1 },
  { setAdds: { tags: { a: 3, b: 7 } } },
);

const valueFor: Record<Settable, fc.Arbitrary<FieldValue>> = {
  name: fc.constantFrom('Ada L', 'Grace', 'Linus'),
  email: fc.constantFrom('', 'a@example.com', 'b@example.com'),
  phone: fc.constantFrom('', '555', '123'),
  company: fc.constantFrom('', 'ACME', 'Initech'),
  notes: fc.constantFrom('ONE\ntwo\nthree\nfour\nfive', 'one\ntwo\nthree\nfour\nFIVE', 'x'),
  favorite: fc.boolean(),
};

const device = fc.record({
  set: fc.record(valueFor, { requiredKeys: [] }),
  inc: fc.integer({ min: -3, max: 3 }),
  add: fc.subarray(TAGS),
  remove: fc.subarray(['a', 'b']),
});
type Device = typeof device extends fc.Arbitrary<infer D> ? D : never;

function toMutation(edit: Device, clientTime: number): Mutation {
  const base = Object.fromEntries(
    Object.keys(edit.set).map((field) => [
      field,
      (start.fields as unknown as Record<string, FieldValue>)[field]!,
    ]),
  );
  const add = edit.add.filter((tag) => !edit.remove.includes(tag)); // folding keeps them apart
  return mutation({
    collection: 'contacts',
    base,
    set: edit.set as Record<string, FieldValue>,
    ...(edit.inc !== 0 ? { inc: { timesContacted: edit.inc } } : {}),
    ...(add.length > 0 ? { add: { tags: add } } : {}),
    ...(edit.remove.length > 0 ? { remove: { tags: edit.remove } } : {}),
    clientTime,
  });
}

function pushBoth(
  first: Mutation,
  second: Mutation,
  strategy: ConflictStrategy,
  ids: [string, string],
) {
  let record: StoredServerRecord<'contacts'> = start;
  const statuses: string[] = [];
  for (const [index, change] of [first, second].entries()) {
    const outcome = apply(record, change, {
      strategy,
      clientId: ids[index]!,
      nextVersion: 11 + index,
    });
    statuses.push(outcome.status);
    if (outcome.status === 'applied' || outcome.status === 'merged') {
      record = outcome.record as StoredServerRecord<'contacts'>;
    }
  }
  return { fields: { ...record.fields, tags: [...record.fields.tags].sort() }, statuses };
}

describe('[R3][P3] pushes of two devices converge in either order', () => {
  it('[R3] edits of different fields, counters and tags commute and never conflict', () => {
    fc.assert(
      fc.property(device, device, (a, b) => {
        // Keep the two devices' set fields apart: those never collide.
        const bSet = Object.fromEntries(
          Object.entries(b.set).filter(([field]) => !(field in a.set)),
        );
        const [ma, mb] = [toMutation(a, 1), toMutation({ ...b, set: bSet }, 2)];
        const ab = pushBoth(ma, mb, 'ask', ['device-a', 'device-b']);
        const ba = pushBoth(mb, ma, 'ask', ['device-b', 'device-a']);
        expect(ab.statuses.every((status) => status === 'applied')).toBe(true);
        expect(ba.statuses.every((status) => status === 'applied')).toBe(true);
        expect(ab.fields).toEqual(ba.fields);
        expect(ab.fields.timesContacted).toBe(1 + a.inc + b.inc);
        // Adds win over removes: a tag ends present if anyone added it, or it was there and
        // nobody removed it.
        const added = new Set([ma, mb].flatMap((m) => m.add?.['tags'] ?? []));
        const removed = new Set([ma, mb].flatMap((m) => m.remove?.['tags'] ?? []));
        const expected = TAGS.filter(
          (tag) => added.has(tag) || (start.fields.tags.includes(tag) && !removed.has(tag)),
        );
        expect(ab.fields.tags).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('[P3] with latest-wins, edits of the same fields converge too', () => {
    fc.assert(
      fc.property(
        device,
        device,
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (a, b, ta, tb) => {
          const [ma, mb] = [toMutation(a, ta), toMutation(b, tb)];
          const ab = pushBoth(ma, mb, 'latest-wins', ['device-a', 'device-b']);
          const ba = pushBoth(mb, ma, 'latest-wins', ['device-b', 'device-a']);
          expect(ab.fields).toEqual(ba.fields);
          expect([...ab.statuses, ...ba.statuses]).not.toContain('conflict');
        },
      ),
      { numRuns: 200 },
    );
  });
});

it('[P3] the latest-wins property meets real collisions', () => {
  // Guards the property above against passing vacuously.
  const a = toMutation({ set: { phone: '555' }, inc: 0, add: [], remove: [] }, 2);
  const b = toMutation({ set: { phone: '123' }, inc: 0, add: [], remove: [] }, 1);
  const ab = pushBoth(a, b, 'latest-wins', ['device-a', 'device-b']);
  expect(ab.statuses).toEqual(['applied', 'merged']);
  expect(recordOf(apply(start, a)).fields).toMatchObject({ phone: '555' });
  expect(ab.fields.phone).toBe('555');
});
