import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../protocol/mutation.ts';
import type { OutboxEntry } from '../../db/types.ts';
import { countWaiting, waitingChanges } from './waitingChanges.ts';

function entry(
  seq: number,
  recordId: string,
  mutation: Partial<Mutation>,
  extra: Partial<OutboxEntry> = {},
): OutboxEntry {
  return {
    seq,
    recordKey: `notes:${recordId}`,
    state: 'pending',
    mutation: {
      id: `m${seq}`,
      collection: 'notes',
      recordId,
      op: 'put',
      baseVersion: 0,
      clientTime: seq,
      ...mutation,
    },
    baseDeleted: false,
    queuedAt: seq * 1_000,
    attempts: 0,
    ...extra,
  };
}

describe('the Details list counts what the status line counts', () => {
  it('an edit made while the creation is in flight is one line: a new note, being sent', () => {
    const creation = entry(1, 'a', {}, { attempts: 1 });
    const edit = entry(2, 'a', { base: { title: 'T' }, set: { title: 'U' } });
    expect(countWaiting([creation, edit])).toEqual({ pending: 1, failed: 0 });
    expect(waitingChanges([creation, edit], 1)).toEqual([
      expect.objectContaining({
        recordId: 'a',
        kind: 'new',
        phase: 'inflight',
        since: 1_000,
        attempts: 1,
      }),
    ]);
  });

  it('says changed, deleted and restored, and waiting until sent', () => {
    const lines = waitingChanges(
      [
        entry(1, 'a', { base: { title: 'T' }, set: { title: 'U' } }),
        entry(2, 'b', { op: 'delete', base: { title: 'T' } }),
        entry(3, 'c', { op: 'restore', base: {} }),
        entry(4, 'd', {}),
        entry(5, 'd', { op: 'delete', base: {} }),
      ],
      0,
    );
    expect(lines.map(({ recordId, kind, phase }) => [recordId, kind, phase])).toEqual([
      ['a', 'changed', 'pending'],
      ['b', 'deleted', 'pending'],
      ['c', 'restored', 'pending'],
      ['d', 'deleted', 'pending'],
    ]);
  });

  it('a refused change is a line of its own, with its reason, that can be acted on', () => {
    const lastError = { code: 'invalid_mutation', message: 'A title has at most 500 characters' };
    const refused = entry(
      1,
      'a',
      { base: {}, set: { title: 'x' } },
      { state: 'failed', lastError, attempts: 1 },
    );
    const later = entry(2, 'a', { base: { title: 'T' }, set: { title: 'U' } });
    expect(countWaiting([refused, later])).toEqual({ pending: 1, failed: 1 });
    expect(waitingChanges([refused, later], 0)).toEqual([
      expect.objectContaining({ recordId: 'a', kind: 'changed', phase: 'pending' }),
      expect.objectContaining({ recordId: 'a', phase: 'failed', refusedSeq: 1, lastError }),
    ]);
  });
});
