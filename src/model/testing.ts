import type { Mutation } from '../protocol/mutation.ts';
import { applyMutation, type ApplyOutcome, type ConflictStrategy } from './apply.ts';
import {
  appCollections,
  emptyRecordFields,
  type CollectionName,
  type FieldsOf,
} from './collections.ts';
import type { StoredServerRecord } from './stored.ts';

/** Builders for the merge and push tests: readable records and mutations with defaults. */
export const RECORD_ID = '00000000-0000-4000-8000-000000000001';

export function stored<C extends CollectionName>(
  collection: C,
  fields: Partial<FieldsOf[C]>,
  meta: Partial<Omit<StoredServerRecord, 'collection' | 'fields'>> = {},
): StoredServerRecord {
  return {
    collection,
    id: RECORD_ID,
    fields: { ...emptyRecordFields(collection), ...fields },
    createdAt: 1_000,
    updatedAt: 2_000,
    deletedAt: null,
    version: 10,
    setAdds: {},
    clocks: {},
    ...meta,
  };
}

export function mutation(partial: Partial<Mutation> = {}): Mutation {
  return {
    id: crypto.randomUUID(),
    collection: 'notes',
    recordId: RECORD_ID,
    op: 'put',
    baseVersion: 10,
    clientTime: 5_000,
    ...partial,
  };
}

export interface ApplyOptions {
  strategy?: ConflictStrategy;
  clientId?: string;
  nextVersion?: number;
  now?: number;
}

/** applyMutation with the defaults the tests share: next version 11 at time 9,000. */
export function apply(
  current: StoredServerRecord | undefined,
  change: Mutation,
  options: ApplyOptions = {},
): ApplyOutcome {
  return applyMutation({
    spec: appCollections.spec(change.collection),
    current,
    mutation: change,
    strategy: options.strategy ?? 'ask',
    clientId: options.clientId ?? 'device-a',
    nextVersion: options.nextVersion ?? 11,
    now: options.now ?? 9_000,
  });
}

/** The record of an applied or merged outcome; fails the test on any other outcome. */
export function recordOf(outcome: ApplyOutcome): StoredServerRecord {
  if (outcome.status !== 'applied' && outcome.status !== 'merged') {
    throw new Error(`expected a change, got ${JSON.stringify(outcome)}`);
  }
  return outcome.record;
}
