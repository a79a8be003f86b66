import { describe, expect, it } from 'vitest';
import { apply, mutation, RECORD_ID, recordOf, stored } from './testing.ts';

const note = stored(
  'notes',
  { title: 'Groceries', body: 'milk\neggs\nbread', tags: ['home'] },
  {
    setAdds: { tags: { home: 4 } },
    clocks: { title: { clientTime: 4_000, clientId: 'device-b' } },
  },
);

describe('[M1] creating records', () => {
  it('[M1] a put of an absent record creates it from empty fields and the mutation', () => {
    const outcome = apply(
      undefined,
      mutation({ baseVersion: 0, set: { title: 'New' }, add: { tags: ['x', 'y'] } }),
      { nextVersion: 3, now: 7_000 },
    );
    expect(outcome).toMatchObject({ status: 'applied', changed: true, previous: {} });
    expect(recordOf(outcome)).toEqual({
      collection: 'notes',
      id: RECORD_ID,
      fields: { title: 'New', body: '', pinned: false, tags: ['x', 'y'] },
      createdAt: 7_000,
      updatedAt: 7_000,
      deletedAt: null,
      version: 3,
      setAdds: { tags: { x: 3, y: 3 } },
      clocks: { title: { clientTime: 5_000, clientId: 'device-a' } },
    });
  });

  it('[M1] a contact is created with its counter and tags; a restore of an absent record creates it', () => {
    const outcome = apply(
      undefined,
      mutation({
        collection: 'contacts',
        op: 'restore',
        set: { name: 'Ada' },
        inc: { timesContacted: 2 },
        add: { tags: ['work'] },
      }),
    );
    expect(recordOf(outcome)).toMatchObject({
      deletedAt: null,
      fields: { name: 'Ada', email: '', timesContacted: 2, tags: ['work'] },
    });
  });
});

describe('[P3] three-way check of set fields', () => {
  it('[P3] a field still as the device showed it takes the new value', () => {
    const outcome = apply(note, mutation({ base: { title: 'Groceries' }, set: { title: 'Shop' } }));
    expect(outcome).toMatchObject({ status: 'applied', changed: true });
    expect(recordOf(outcome)).toMatchObject({
      fields: { title: 'Shop', body: note.fields.body },
      version: 11,
      updatedAt: 9_000,
      createdAt: note.createdAt,
      clocks: { title: { clientTime: 5_000, clientId: 'device-a' } },
    });
  });

  it('[P3][R4] a value the server already holds changes nothing and takes no version', () => {
    const outcome = apply(note, mutation({ base: { title: 'Old' }, set: { title: 'Groceries' } }));
    // Only the field's write clock moves to the later write, so latest-wins does not depend on
    // whether this write or a concurrent older one arrives first.
    const clocks = { title: { clientTime: 5_000, clientId: 'device-a' } };
    expect(outcome).toEqual({
      status: 'applied',
      record: { ...note, clocks },
      previous: {},
      lost: {},
      won: [],
      changed: false,
    });
  });

  it('[P3][R4] a write of the value the server holds, with an older clock, changes nothing at all', () => {
    const outcome = apply(
      note,
      mutation({ base: { title: 'Old' }, set: { title: 'Groceries' }, clientTime: 3_000 }),
    );
    expect(outcome).toEqual({
      status: 'applied',
      record: note,
      previous: {},
      lost: {},
      won: [],
      changed: false,
    });
  });

  it('[P3][M3] a set value equal to its base is no edit: it neither collides nor is recorded', () => {
    const current = stored('notes', { title: 'Theirs', pinned: true });
    const outcome = apply(
      current,
      mutation({ base: { title: 'Old', pinned: false }, set: { title: 'Old', pinned: true } }),
    );
    // Title is not recorded at all; pinned, already true, only takes this write's clock.
    expect(outcome).toEqual({
      status: 'applied',
      record: { ...current, clocks: { pinned: { clientTime: 5_000, clientId: 'device-a' } } },
      previous: {},
      lost: {},
      won: [],
      changed: false,
    });
  });

  it('[P3][M2] with ask, colliding fields make a conflict listing all of them, in field order', () => {
    const outcome = apply(
      stored('notes', { title: 'Theirs', body: 'theirs', pinned: false }),
      mutation({
        base: { body: 'old', pinned: false, title: 'Old' },
        set: { body: 'mine', pinned: true, title: 'Mine' },
        add: { tags: ['never-applied'] },
      }),
    );
    // pinned alone would be clean, but a conflict applies nothing of the mutation.
    expect(outcome).toEqual({ status: 'conflict', reason: 'edit', fields: ['title', 'body'] });
  });

  it('[P3] both sides changing different lines of a text merge them (merged)', () => {
    const outcome = apply(
      stored('notes', { body: 'milk\neggs\nbread\nbutter' }),
      mutation({
        base: { body: 'milk\neggs\nbread' },
        set: { body: 'oat milk\neggs\nbread' },
      }),
    );
    expect(outcome).toMatchObject({ status: 'merged', changed: true });
    expect(recordOf(outcome).fields).toMatchObject({ body: 'oat milk\neggs\nbread\nbutter' });
    if (outcome.status === 'merged') {
      expect(outcome.previous).toEqual({ body: 'milk\neggs\nbread\nbutter' });
    }
  });

  it('[P3] a text merge that gives exactly the device value is plainly applied', () => {
    const outcome = apply(
      stored('notes', { body: 'a\nB\nc\nd\ne' }),
      mutation({ base: { body: 'a\nb\nc\nd\ne' }, set: { body: 'a\nB\nc\nd\ne\nf' } }),
    );
    expect(outcome).toMatchObject({ status: 'applied' });
    expect(recordOf(outcome).fields).toMatchObject({ body: 'a\nB\nc\nd\ne\nf' });
  });

  it('[P3] overlapping text changes collide; registers are never merged', () => {
    const current = stored('notes', { body: 'milk', title: 'a b' });
    expect(
      apply(current, mutation({ base: { body: 'cream' }, set: { body: 'soy' } })),
    ).toMatchObject({ status: 'conflict', reason: 'edit', fields: ['body'] });
    expect(
      apply(current, mutation({ base: { title: 'a' }, set: { title: 'a\nc' } })),
    ).toMatchObject({ status: 'conflict', fields: ['title'] });
  });

  it('[P3][R1] a text merge that would exceed the field limit collides instead', () => {
    const half = 'x'.repeat(60_000);
    const outcome = apply(
      stored('notes', { body: `${half}\nmiddle` }),
      mutation({ base: { body: 'middle' }, set: { body: `middle\n${half}` } }),
    );
    expect(outcome).toMatchObject({ status: 'conflict', fields: ['body'] });
  });

  it('[P3] a field missing from base collides unless the server already has the value', () => {
    const current = stored('notes', { title: 'Server', pinned: true });
    const withoutBase = mutation({ base: {}, set: { title: 'Device' } });
    expect(apply(current, withoutBase)).toMatchObject({ status: 'conflict', fields: ['title'] });
    // A creation (no base at all) arriving for a record that exists is treated the same way.
    const creation = mutation({ baseVersion: 0, set: { title: 'Server', pinned: false } });
    expect(apply(current, creation)).toMatchObject({ status: 'conflict', fields: ['pinned'] });
    const same = apply(current, mutation({ baseVersion: 0, set: { title: 'Server' } }));
    expect(same).toMatchObject({ status: 'applied', changed: false });
  });

  it('[P3][R1] a field declared after the record was stored reads as its empty value', () => {
    // The record was stored before notes had a body: the device shows (and bases on) ''.
    const { body: _body, ...older } = note.fields;
    const current = { ...note, fields: older };
    const outcome = apply(current, mutation({ base: { body: '' }, set: { body: 'new' } }));
    expect(outcome).toMatchObject({ status: 'applied', changed: true });
    expect(outcome.status === 'applied' && outcome.previous).toEqual({ body: '' });
    expect(recordOf(outcome).fields).toMatchObject({ title: 'Groceries', body: 'new' });
    const deleted = apply(
      current,
      mutation({ op: 'delete', base: { title: 'Groceries', body: '', pinned: false } }),
    );
    expect(deleted).toMatchObject({ status: 'applied' });
  });
});

describe('[P3] latest-wins', () => {
  const current = stored(
    'notes',
    { title: 'Theirs', pinned: false },
    {
      clocks: { title: { clientTime: 5_000, clientId: 'device-m' } },
    },
  );
  const collide = (clientTime: number) =>
    mutation({
      clientTime,
      base: { title: 'Old', pinned: false },
      set: { title: 'Mine', pinned: true },
    });

  it('[P3] a later write takes the colliding field; clean fields apply as usual (merged)', () => {
    const outcome = apply(current, collide(6_000), { strategy: 'latest-wins' });
    expect(outcome).toMatchObject({ status: 'merged', changed: true });
    expect(recordOf(outcome)).toMatchObject({
      fields: { title: 'Mine', pinned: true },
      clocks: { title: { clientTime: 6_000, clientId: 'device-a' } },
    });
    if (outcome.status === 'merged') {
      expect(outcome.previous).toEqual({ title: 'Theirs', pinned: false }); // [H1] kept
    }
  });

  it('[P3] an earlier write loses the colliding field but its clean fields still apply', () => {
    const outcome = apply(current, collide(4_000), { strategy: 'latest-wins' });
    expect(outcome).toMatchObject({ status: 'merged' });
    expect(recordOf(outcome)).toMatchObject({
      fields: { title: 'Theirs', pinned: true },
      clocks: { title: { clientTime: 5_000, clientId: 'device-m' } },
    });
  });

  it('[P3][H1] a write that loses everything is merged without a change, its values kept as lost', () => {
    const outcome = apply(
      current,
      mutation({ clientTime: 1, base: { title: 'Old' }, set: { title: 'Mine' } }),
      {
        strategy: 'latest-wins',
      },
    );
    // The device learns the winner's record; the history keeps the losing title (push.ts).
    expect(outcome).toEqual({
      status: 'merged',
      record: current,
      previous: {},
      lost: { title: 'Mine' },
      won: [],
      changed: false,
    });
  });

  it('[P3] equal clientTimes: the larger clientId wins', () => {
    const larger = apply(current, collide(5_000), {
      strategy: 'latest-wins',
      clientId: 'device-z',
    });
    expect(recordOf(larger).fields).toMatchObject({ title: 'Mine' });
    const smaller = apply(current, collide(5_000), {
      strategy: 'latest-wins',
      clientId: 'device-a',
    });
    expect(recordOf(smaller).fields).toMatchObject({ title: 'Theirs' });
  });

  it('[P3] a field no set ever wrote (no clock) is taken by the colliding write', () => {
    const unclocked = stored('notes', { title: 'Imported' });
    const outcome = apply(unclocked, collide(1), { strategy: 'latest-wins' });
    expect(recordOf(outcome).fields).toMatchObject({ title: 'Mine' });
  });
});

describe('[H1][R4] what an applied change records', () => {
  it('[H1] previous holds exactly the values the change replaced', () => {
    const outcome = apply(
      note,
      mutation({
        base: { title: 'Groceries', pinned: false },
        set: { title: 'Groceries', pinned: true },
        add: { tags: ['shop'] },
      }),
    );
    expect(outcome).toMatchObject({
      status: 'applied',
      previous: { pinned: false, tags: ['home'] },
    });
  });

  it('[M2] applyMutation never changes the record or mutation it is given', () => {
    const current = deepFreeze(stored('notes', { tags: ['a'] }, { setAdds: { tags: { a: 1 } } }));
    const change = deepFreeze(
      mutation({
        base: { title: '' },
        set: { title: 'T' },
        add: { tags: ['b'] },
        remove: { tags: ['a'] },
      }),
    );
    const outcome = apply(current, change);
    expect(recordOf(outcome).fields).toMatchObject({ title: 'T', tags: ['b'] });
    expect(current.fields).toMatchObject({ title: '', tags: ['a'] });
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
