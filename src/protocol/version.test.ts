import { describe, expect, it } from 'vitest';
import { MutationSchema } from './mutation.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from './version.ts';

describe('[T2] protocol version', () => {
  it('is pinned: changing it breaks every installed client, so it must be deliberate', () => {
    expect(PROTOCOL_VERSION).toBe(1);
    expect(PROTOCOL_HEADER).toBe('Outpost-Protocol');
  });
});

describe('[M] mutation envelope', () => {
  const valid = {
    id: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    collection: 'notes',
    recordId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    op: 'put',
    baseVersion: 0,
    set: { title: 'x' },
    clientTime: 1,
  };

  it('accepts the documented shape', () => {
    expect(MutationSchema.safeParse(valid).success).toBe(true);
  });

  it('refuses unknown keys, unknown collections and negative versions', () => {
    expect(MutationSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(MutationSchema.safeParse({ ...valid, collection: 'tasks' }).success).toBe(false);
    expect(MutationSchema.safeParse({ ...valid, baseVersion: -1 }).success).toBe(false);
    expect(MutationSchema.safeParse({ ...valid, op: 'upsert' }).success).toBe(false);
  });
});
