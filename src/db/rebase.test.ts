import { describe, expect, it } from 'vitest';
import type { Mutation } from '../protocol/mutation.ts';
import { APP_COLLECTIONS, type Note } from '../model/collections.ts';
import { rebase } from './rebase.ts';

const NOTES = APP_COLLECTIONS.notes;

const server: Note = {
  id: 'n',
  title: 'Server title',
  body: 'server body',
  pinned: false,
  tags: ['a', 'b'],
  createdAt: 1,
  updatedAt: 5,
  deletedAt: null,
  version: 7,
};

const mutation = (partial: Partial<Mutation>): Mutation => ({
  id: 'm',
  collection: 'notes',
  recordId: 'n',
  op: 'put',
  baseVersion: 7,
  clientTime: 100,
  ...partial,
});

describe("rebase: the server state with the device's unacknowledged mutations on top", () => {
  it('with nothing pending it is the server record, marked synced', () => {
    expect(rebase(NOTES, server, [])).toEqual({ ...server, pending: 0 });
  });

  it('applies sets, tag adds and removes in order, and keeps the server version', () => {
    const shown = rebase(NOTES, server, [
      mutation({ set: { title: 'Mine' }, add: { tags: ['c'] }, remove: { tags: ['a'] } }),
      mutation({ add: { tags: ['a'] } }),
    ]);
    expect(shown).toMatchObject({
      title: 'Mine',
      body: 'server body',
      tags: ['b', 'c', 'a'],
      version: 7,
      pending: 1,
    });
  });

  it('a pending delete hides the record; a pending restore shows it', () => {
    expect(rebase(NOTES, server, [mutation({ op: 'delete' })]).deletedAt).toBe(100);
    expect(
      rebase(NOTES, { ...server, deletedAt: 50 }, [mutation({ op: 'restore' })]).deletedAt,
    ).toBeNull();
  });

  it('adds counter deltas to the server total', () => {
    const contact = { ...server, timesContacted: 3 } as unknown as Note;
    expect(
      rebase(APP_COLLECTIONS.contacts, contact, [mutation({ inc: { timesContacted: 2 } })]),
    ).toMatchObject({
      timesContacted: 5,
    });
  });

  it('a field the collection declares but the server record lacks (added later) reads as empty', () => {
    const { body: _body, ...older } = server;
    expect(rebase(NOTES, older as Note, [])).toMatchObject({ body: '', title: 'Server title' });
    expect(rebase(NOTES, older as Note, [mutation({ set: { body: 'new' } })])).toMatchObject({
      body: 'new',
    });
  });
});
