import { describe, expect, it } from 'vitest';
import { apply, mutation, recordOf, stored } from '../testing.ts';

const contact = stored(
  'contacts',
  { name: 'Ada', email: 'ada@example.com', tags: ['work'], timesContacted: 3 },
  { setAdds: { tags: { work: 4 } } },
);
const tombstone = { ...contact, deletedAt: 8_000 };
/** What a device shows of the contact: its delete lists every register and text field. */
const shown = {
  name: 'Ada',
  email: 'ada@example.com',
  phone: '',
  company: '',
  notes: '',
  favorite: false,
};
const contacts = { collection: 'contacts' as const };

describe('[P4][P6] changes to a deleted record', () => {
  it('[P4] a put on a deleted record is a conflict (deleted) and applies nothing', () => {
    const outcome = apply(
      tombstone,
      mutation({ ...contacts, base: { name: 'Ada' }, set: { name: 'B' } }),
    );
    expect(outcome).toEqual({ status: 'conflict', reason: 'deleted', fields: [] });
  });

  it('[P6] inc, add and remove on a deleted record are a conflict (deleted)', () => {
    for (const change of [
      { inc: { timesContacted: 1 } },
      { add: { tags: ['x'] } },
      { remove: { tags: ['work'] } },
    ]) {
      expect(apply(tombstone, mutation({ ...contacts, base: {}, ...change }))).toMatchObject({
        status: 'conflict',
        reason: 'deleted',
      });
    }
  });

  it('[P4] a restore undeletes and applies its set after the three-way check', () => {
    const outcome = apply(
      tombstone,
      mutation({
        ...contacts,
        op: 'restore',
        base: { company: '' },
        set: { company: 'ACME' },
        inc: { timesContacted: 1 },
      }),
    );
    expect(outcome).toMatchObject({
      status: 'applied',
      changed: true,
      previous: { deletedAt: 8_000, company: '', timesContacted: 3 },
    });
    expect(recordOf(outcome)).toMatchObject({
      deletedAt: null,
      fields: { company: 'ACME', timesContacted: 4 },
    });
  });

  it('[P4][P3] a restore whose set collides is a conflict (edit) and the record stays deleted', () => {
    const outcome = apply(
      tombstone,
      mutation({ ...contacts, op: 'restore', base: { name: 'Old' }, set: { name: 'New' } }),
    );
    expect(outcome).toEqual({ status: 'conflict', reason: 'edit', fields: ['name'] });
  });

  it('[P4][R1] a restored contact must have a name, like a created one', () => {
    const nameless = stored('contacts', {}, { deletedAt: 8_000 });
    expect(apply(nameless, mutation({ ...contacts, op: 'restore', base: {} }))).toMatchObject({
      status: 'rejected',
      error: { code: 'invalid_mutation', message: 'name: A contact needs a name' },
    });
  });
});

describe('[P5] deletes', () => {
  it('[P5] a delete whose base matches the server soft-deletes the record', () => {
    const outcome = apply(contact, mutation({ ...contacts, op: 'delete', base: shown }), {
      now: 9_500,
    });
    expect(outcome).toMatchObject({
      status: 'applied',
      changed: true,
      previous: { deletedAt: null },
    });
    expect(recordOf(outcome)).toMatchObject({
      deletedAt: 9_500,
      version: 11,
      fields: contact.fields,
    });
  });

  it('[P5] a delete over fields edited since the device saw them is a conflict, whatever the strategy', () => {
    const edited = stored('contacts', { ...shown, email: 'new@example.com', notes: 'x' });
    for (const strategy of ['ask', 'latest-wins'] as const) {
      const outcome = apply(edited, mutation({ ...contacts, op: 'delete', base: shown }), {
        strategy,
      });
      expect(outcome).toEqual({
        status: 'conflict',
        reason: 'delete-edited',
        fields: ['email', 'notes'],
      });
    }
  });

  it('[P5] a delete applies the edits folded into it before the delete, so none is lost', () => {
    const outcome = apply(
      contact,
      mutation({
        ...contacts,
        op: 'delete',
        base: shown,
        set: { phone: '555' },
        inc: { timesContacted: 2 },
        add: { tags: ['old'] },
        remove: { tags: ['work'] },
      }),
    );
    expect(recordOf(outcome)).toMatchObject({
      deletedAt: 9_000,
      fields: { phone: '555', timesContacted: 5, tags: ['old'] },
    });
  });

  it('[P5][M1] a delete of a record the server never had leaves a tombstone with its fields', () => {
    const outcome = apply(
      undefined,
      mutation({
        ...contacts,
        op: 'delete',
        baseVersion: 0,
        set: { company: 'ACME' },
        add: { tags: ['t'] },
      }),
      { nextVersion: 4, now: 6_000 },
    );
    // A nameless contact is fine as a tombstone: nothing shows it until it is restored.
    expect(recordOf(outcome)).toMatchObject({
      deletedAt: 6_000,
      createdAt: 6_000,
      version: 4,
      fields: { name: '', company: 'ACME', tags: ['t'] },
    });
  });

  it('[P5][R4] deleting a deleted record again with nothing carried changes nothing', () => {
    const outcome = apply(tombstone, mutation({ ...contacts, op: 'delete', base: shown }));
    expect(outcome).toEqual({
      status: 'applied',
      record: tombstone,
      previous: {},
      lost: {},
      won: [],
      changed: false,
    });
  });

  it('[P5] a delete carrying edits onto a deleted record keeps them and the first deletion time', () => {
    const outcome = apply(
      tombstone,
      mutation({ ...contacts, op: 'delete', base: shown, set: { company: 'ACME' } }),
    );
    expect(recordOf(outcome)).toMatchObject({
      deletedAt: 8_000,
      version: 11,
      fields: { company: 'ACME' },
    });
  });
});

describe('[R3][P6] counters and sets never collide', () => {
  it('[P6] an increment applies on top of changes the device never saw', () => {
    const outcome = apply(
      contact,
      mutation({ ...contacts, baseVersion: 1, base: {}, inc: { timesContacted: -1 } }),
    );
    expect(recordOf(outcome).fields).toMatchObject({ timesContacted: 2 });
  });

  it('[R3] a remove takes away only adds its device had seen; a later add survives it', () => {
    const both = stored(
      'contacts',
      { name: 'Ada', tags: ['seen', 'unseen'] },
      {
        setAdds: { tags: { seen: 5, unseen: 8 } },
      },
    );
    const outcome = apply(
      both,
      mutation({ ...contacts, baseVersion: 6, base: {}, remove: { tags: ['seen', 'unseen'] } }),
    );
    expect(recordOf(outcome)).toMatchObject({
      fields: { tags: ['unseen'] },
      setAdds: { tags: { unseen: 8 } },
    });
  });

  it('[R3] re-adding a present element records the new add, so a concurrent remove loses', () => {
    const readded = apply(contact, mutation({ ...contacts, base: {}, add: { tags: ['work'] } }));
    expect(readded).toMatchObject({ status: 'applied', changed: true, previous: {} });
    const record = recordOf(readded);
    expect(record).toMatchObject({ version: 11, setAdds: { tags: { work: 11 } } });
    const removed = apply(record, mutation({ ...contacts, base: {}, remove: { tags: ['work'] } }), {
      nextVersion: 12,
    });
    expect(removed).toMatchObject({ status: 'applied', changed: false });
  });
});
