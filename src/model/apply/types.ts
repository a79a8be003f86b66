import type { FieldValue, Mutation } from '../../protocol/mutation.ts';
import type { WriteClock } from '../merge/latest-wins.ts';
import type { MergeBudget } from '../merge/text.ts';
import type { CollectionSpec } from '../collections.ts';
import type { PreviousValues, StoredServerRecord } from '../stored.ts';

import type { ConflictReason, ConflictStrategy } from '../../protocol/limits.ts';

export type { ConflictReason, ConflictStrategy } from '../../protocol/limits.ts';

export interface ApplyInput {
  /** The declaration of the mutation's collection: its fields, kinds and checks. */
  spec: CollectionSpec;
  /** The server's record (deleted ones included), or undefined when it has none by this id. */
  current: StoredServerRecord | undefined;
  mutation: Mutation;
  strategy: ConflictStrategy;
  /** The pushing device's label (P9): breaks latest-wins ties and is kept in `clocks`. */
  clientId: string;
  /** The user's change counter + 1 (R4): the version the record gets if this changes it. */
  nextVersion: number;
  /** The server clock, ms. */
  now: number;
  /** [P10] text-merge work the push may still spend; this mutation's merges draw on it. */
  mergeBudget?: MergeBudget;
}

export type ApplyOutcome =
  | {
      status: 'applied' | 'merged';
      record: StoredServerRecord;
      /** [H1] the values this change replaced; `deletedAt` too when it (un)deleted. */
      previous: PreviousValues;
      /** [P3 latest-wins][H1] values this mutation set that lost to a later write. */
      lost: Values;
      /**
       * [P3 latest-wins] fields whose value this mutation took over from a write it had not
       * seen (it collided and was the later): that write's device is told (issue 13).
       */
      won: string[];
      /**
       * False when no value changed: nextVersion is unused, and `record` is `current` itself or,
       * when only a field's write clock moved, `current` with the newer clocks (stored as is).
       */
      changed: boolean;
    }
  | { status: 'conflict'; reason: ConflictReason; fields: string[] }
  | { status: 'rejected'; error: { code: string; message: string } };

export type Values = Record<string, FieldValue>;

/** The record being built: a private copy, so applyMutation never alters its input. */
export interface Draft {
  fields: Values;
  setAdds: Record<string, Record<string, number>>;
  clocks: Record<string, WriteClock>;
  deletedAt: number | null;
}

export function draftOf(record: StoredServerRecord): Draft {
  return structuredClone({
    fields: record.fields,
    setAdds: record.setAdds,
    clocks: record.clocks,
    deletedAt: record.deletedAt,
  });
}

export function fieldsOf(draft: Draft): StoredServerRecord['fields'] {
  // The draft started from a record of this collection and only validated values entered.
  return draft.fields as unknown as StoredServerRecord['fields'];
}
