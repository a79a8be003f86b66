import { describe, expect, it } from 'vitest';
import type { ConflictEntry } from './types.ts';
import type { Mutation } from '../protocol/mutation.ts';
import { supersede } from './supersede.ts';

const RECORD = '11111111-1111-4111-8111-111111111111';
const mutation = (parts: Partial<Mutation>): Mutation => ({
  id: '22222222-2222-4222-8222-222222222222',
  collection: 'notes',
  recordId: RECORD,
  op: 'put',
  baseVersion: 3,
  clientTime: 1,
  ...parts,
});
const conflict = (refused: Partial<Mutation>, fields: string[]): ConflictEntry => ({
  mutationId: 'refused',
  recordKey: `notes:${RECORD}`,
  mutation: mutation(refused),
  reason: refused.op === 'delete' ? 'delete-edited' : 'edit',
  fields,
  serverRecord: {
    id: RECORD,
    title: 'Theirs',
    body: '',
    pinned: false,
    tags: [],
    createdAt: 1,
    updatedAt: 2,
    deletedAt: null,
    version: 4,
  },
  reportedAt: 10,
});

describe('[P3] a later applied edit of the same record settles an earlier conflict', () => {
  it('a field typed again leaves the conflict; the rest still waits', () => {
    const refused = conflict({ set: { title: 'Mine', pinned: true }, base: {} }, [
      'title',
      'pinned',
    ]);
    const after = supersede(refused, mutation({ set: { title: 'Typed again' } }));
    expect(after?.mutation.set).toEqual({ pinned: true });
    expect(after?.fields).toEqual(['pinned']);
  });

  it('nothing left to decide: the conflict is gone, unless tag changes or deltas still wait', () => {
    const refused = conflict({ set: { title: 'Mine' } }, ['title']);
    expect(supersede(refused, mutation({ set: { title: 'Again' } }))).toBeNull();
    const withTag = conflict({ set: { title: 'Mine' }, add: { tags: ['x'] } }, ['title']);
    expect(supersede(withTag, mutation({ set: { title: 'Again' } }))?.mutation).toMatchObject({
      op: 'put',
      add: { tags: ['x'] },
    });
  });

  it('[P5] a later delete leaves nothing to decide; a later restore makes a refused delete a put', () => {
    const refusedEdit = conflict({ set: { title: 'Mine' } }, ['title']);
    expect(supersede(refusedEdit, mutation({ op: 'delete' }))).toBeNull();
    const refusedDelete = conflict({ op: 'delete', set: { body: 'carried' } }, ['title']);
    const after = supersede(refusedDelete, mutation({ op: 'restore' }));
    expect(after?.mutation).toMatchObject({ op: 'put', set: { body: 'carried' } });
    expect(after?.fields).toEqual([]);
    expect(
      supersede(conflict({ op: 'delete' }, ['title']), mutation({ op: 'restore' })),
    ).toBeNull();
  });
});
