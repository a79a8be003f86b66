import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../protocol/mutation.ts';
import { apply, mutation, stored } from '../testing.ts';

const note = stored('notes', { title: 'T', tags: ['a'] });
const contact = stored('contacts', { name: 'Ada', timesContacted: 3 });

function rejection(current: Parameters<typeof apply>[0], change: Partial<Mutation>): string {
  const outcome = apply(current, mutation(change));
  if (outcome.status !== 'rejected') throw new Error(`not rejected: ${JSON.stringify(outcome)}`);
  expect(outcome.error.code).toBe('invalid_mutation');
  return outcome.error.message;
}

describe('[P7] invalid mutations are rejected, naming the field', () => {
  it('[P7] unknown fields in any part', () => {
    expect(rejection(note, { base: {}, set: { colour: 'red' } })).toBe(
      'set.colour: colour is not a field of notes',
    );
    expect(rejection(note, { base: { size: 1 }, inc: { views: 1 }, add: { labels: ['x'] } })).toBe(
      'base.size: size is not a field of notes; inc.views: views is not a field of notes; ' +
        'add.labels: labels is not a field of notes',
    );
  });

  it('[P7] field names that are Object properties are unknown fields, not a crash', () => {
    for (const field of ['constructor', 'hasOwnProperty', 'toString']) {
      expect(rejection(note, { base: {}, set: { [field]: 'x' } })).toContain(
        'is not a field of notes',
      );
    }
  });

  it('[P7] set on a counter or a set field, inc on a non-counter, add or remove on a non-set', () => {
    expect(rejection(contact, { collection: 'contacts', set: { timesContacted: 5 } })).toBe(
      'set.timesContacted: timesContacted is a counter, changed only with inc',
    );
    expect(rejection(note, { set: { tags: ['b'] } })).toBe(
      'set.tags: tags is a set, changed only with add and remove',
    );
    expect(rejection(note, { inc: { title: 1 } })).toContain('inc.title: title is a register');
    expect(rejection(note, { add: { body: ['x'] } })).toContain('add.body: body is a text');
    expect(rejection(note, { remove: { pinned: ['x'] } })).toContain('remove.pinned');
    expect(rejection(note, { base: { tags: ['a'] } })).toContain('base.tags: tags is a set');
  });

  it('[P7][R1] set values that break R1', () => {
    expect(rejection(note, { base: { title: 'T' }, set: { title: 'x'.repeat(501) } })).toBe(
      'set.title: A title has at most 500 characters',
    );
    expect(rejection(note, { set: { pinned: 'yes' } })).toBe(
      'set.pinned: Pinned must be true or false',
    );
    expect(rejection(contact, { collection: 'contacts', set: { email: 'nope' } })).toContain(
      'set.email:',
    );
  });

  it('[P7][R1] tag sets after the change: at most 50, each 1 to 50 characters', () => {
    const full = stored('notes', { tags: Array.from({ length: 50 }, (_, index) => `t${index}`) });
    expect(rejection(full, { add: { tags: ['one-more'] } })).toBe(
      'tags: A record has at most 50 tags',
    );
    expect(
      apply(full, mutation({ remove: { tags: ['t0'] }, add: { tags: ['swap'] } })),
    ).toMatchObject({
      status: 'applied',
    });
    expect(rejection(note, { add: { tags: [' '] } })).toBe('tags: A tag cannot be empty');
  });

  it('[P7] creating a contact without a name, or blanking its name', () => {
    expect(
      rejection(undefined, { collection: 'contacts', baseVersion: 0, set: { phone: '1' } }),
    ).toBe('name: A contact needs a name');
    expect(rejection(undefined, { collection: 'contacts', set: { name: '   ' } })).toBe(
      'set.name: A contact needs a name',
    );
    expect(
      rejection(contact, { collection: 'contacts', base: { name: 'Ada' }, set: { name: '' } }),
    ).toBe('set.name: A contact needs a name');
  });

  it('[P7][M2] a counter leaving the safe integers rejects the whole mutation', () => {
    const big = stored('contacts', { name: 'Ada', timesContacted: Number.MAX_SAFE_INTEGER });
    const message = rejection(big, {
      collection: 'contacts',
      base: { company: '' },
      set: { company: 'ACME' },
      inc: { timesContacted: 1 },
    });
    expect(message).toContain('inc.timesContacted: A counter must stay a whole number');
  });

  it('[P7] a record of another collection is never changed', () => {
    expect(rejection(note, { collection: 'contacts', set: { name: 'Ada' } })).toContain(
      'is in notes, not contacts',
    );
  });
});
