import { describe, expect, it } from 'vitest';
import { APP_COLLECTIONS } from '../model/collections.ts';
import { foldEdit, type LocalEdit } from './fold.ts';

const synced = { title: 'T', body: 'B', pinned: false, version: 7, deletedAt: null };
const deleted = { ...synced, deletedAt: 123 };

function edit(partial: Partial<LocalEdit>): LocalEdit {
  return {
    spec: APP_COLLECTIONS.notes,
    recordId: 'r',
    before: synced,
    deletedAfter: false,
    clientTime: 1,
    newMutationId: 'm',
    ...partial,
  };
}

describe('[M3] folding picks the op from the deleted state at the base and now', () => {
  it('a restore of a record deleted on the server stays a restore through later edits', () => {
    const restored = foldEdit(undefined, edit({ before: deleted }));
    expect(restored?.mutation.op).toBe('restore');
    const edited = foldEdit(
      restored!,
      edit({ before: { ...deleted, deletedAt: null }, set: { title: 'U' } }),
    );
    expect(edited?.mutation).toMatchObject({
      op: 'restore',
      set: { title: 'U' },
      base: { title: 'T' },
    });
  });

  it('restoring and deleting again with no edits leaves nothing to send', () => {
    const restored = foldEdit(undefined, edit({ before: deleted }));
    expect(
      foldEdit(restored!, edit({ before: { ...deleted, deletedAt: null }, deletedAfter: true })),
    ).toBeNull();
  });

  it('a delete of a never-sent creation keeps the creation content and no base', () => {
    const created = foldEdit(undefined, edit({ before: undefined, set: { title: 'new' } }));
    const gone = foldEdit(
      created!,
      edit({ before: { ...synced, version: 0 }, deletedAfter: true }),
    );
    expect(gone?.mutation).toMatchObject({ op: 'delete', baseVersion: 0, set: { title: 'new' } });
    expect(gone?.mutation.base).toBeUndefined();
  });

  it('the mutation keeps its id and the first base version, and takes the latest clientTime', () => {
    const first = foldEdit(
      undefined,
      edit({ set: { title: 'a' }, clientTime: 5, newMutationId: 'first' }),
    );
    const second = foldEdit(
      first!,
      edit({ before: { ...synced, version: 9 }, set: { body: 'b' }, clientTime: 9 }),
    );
    expect(second?.mutation).toMatchObject({ id: 'first', baseVersion: 7, clientTime: 9 });
  });
});
