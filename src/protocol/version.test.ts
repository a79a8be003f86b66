import { describe, expect, it } from 'vitest';
import { MutationSchema } from './mutation.ts';
import { syncRequestSchemas } from './sync.ts';
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

  it('refuses unknown keys, malformed collection names and negative versions', () => {
    expect(MutationSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(MutationSchema.safeParse({ ...valid, collection: '' }).success).toBe(false);
    expect(MutationSchema.safeParse({ ...valid, collection: 'to do' }).success).toBe(false);
    expect(MutationSchema.safeParse({ ...valid, baseVersion: -1 }).success).toBe(false);
    expect(MutationSchema.safeParse({ ...valid, op: 'upsert' }).success).toBe(false);
  });
});

describe('[M][P7] a server parses pushes for the collections it declares', () => {
  const { push } = syncRequestSchemas(['notes', 'contacts']);
  const mutation = {
    id: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    recordId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    op: 'put',
    baseVersion: 0,
    clientTime: 1,
  };
  const pushOf = (collection: string) =>
    push.safeParse({ clientId: 'a', mutations: [{ ...mutation, collection }] }).success;

  it('accepts its own collections and refuses any other', () => {
    expect(pushOf('notes')).toBe(true);
    expect(pushOf('contacts')).toBe(true);
    expect(pushOf('tasks')).toBe(false);
  });
});
