import { fitsCharacters } from './characters.ts';
import * as z from 'zod/mini';
import {
  CONFLICT_REASONS,
  DEFAULT_PULL_LIMIT,
  MAX_DEVICE_NAME,
  MAX_PULL_LIMIT,
  MAX_PUSH_MUTATIONS,
  MUTATION_OPS,
  STRATEGIES,
} from './limits.ts';
import {
  CollectionNameSchema,
  FieldValueSchema,
  IdSchema,
  mutationSchema,
  type Mutation,
} from './mutation.ts';
import type { AnyWireRecord } from './records.ts';
import { RANGE_PATTERN } from './digest.ts';

/**
 * Every message of `/api/sync/*` (sections P, L, H, E and the settings), requests and replies
 * alike. The server parses requests with these; the page and the worker check every reply
 * with them once, in the transport (src/api/request.ts), so an answer of an unexpected shape
 * is a clear `protocol_mismatch` error rather than a crash somewhere later.
 */

const count = () => z.int().check(z.minimum(0));

/**
 * [R2] a record as replies carry it: what every record has, and fields that are values of the
 * R1 kinds. Which fields a collection has is checked where they are used (src/model); from here
 * on the record is typed as the collection's.
 */
export const WireRecordSchema = z.catchall(
  z.looseObject({
    id: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
    deletedAt: z.nullable(z.number()),
    version: count(),
  }),
  FieldValueSchema,
) as unknown as z.ZodMiniType<AnyWireRecord>;

/** Digits only: `Number()` would also take '', ' 5', '1e3' and '0x10'. */
const wholeNumber = z.pipe(
  z.string().check(z.regex(/^\d{1,16}$/, 'Expected a whole number')),
  z.pipe(
    z.transform((digits: string) => Number(digits)),
    z.number().check(z.maximum(Number.MAX_SAFE_INTEGER)),
  ),
);

/** [T4] how many records one page of a pull or a range may ask for. */
const pageLimit = z._default(
  z.pipe(wholeNumber, z.number().check(z.minimum(1), z.maximum(MAX_PULL_LIMIT))),
  DEFAULT_PULL_LIMIT,
);

/**
 * The requests a server parses, built from the names of the collections it declares: a
 * mutation, a history query or a setting for any other collection is refused as malformed
 * (400) before anything is looked at.
 */
export function syncRequestSchemas(collections: readonly [string, ...string[]]) {
  const collection = z.enum(collections);
  return {
    /** POST /api/sync/push (section P). */
    push: z.strictObject({
      // Printable text only: a label shown in history (P9), and PostgreSQL text holds no NUL.
      clientId: z
        .string()
        .check(
          z.minLength(1),
          z.maxLength(64),
          z.regex(/^[^\p{Cc}]+$/u, 'A clientId has no control characters'),
        ),
      /**
       * [P9, issue 13] the name the person gave this device ("Phone"): like clientId a label
       * only, shown to their other devices in conflicts, notices and history. It grants nothing.
       */
      deviceName: z.optional(
        z.string().check(
          z.refine((name: string) => fitsCharacters(name, MAX_DEVICE_NAME), {
            message: `A device name has at most ${MAX_DEVICE_NAME} characters`,
          }),
          z.regex(/^(?=.*\S)[^\p{Cc}]+$/u, 'A device name is printable text, not only spaces'),
        ),
      ),
      mutations: z
        .array(mutationSchema(collection))
        .check(z.minLength(1), z.maxLength(MAX_PUSH_MUTATIONS)),
    }),
    /** GET /api/sync/history?collection=C&id=ID (H1). */
    history: z.strictObject({ collection, id: IdSchema }),
    /** GET /api/sync/range?collection=C&range=ab&after=ID&limit=N (V2). */
    range: z.strictObject({
      collection,
      range: z.string().check(z.regex(RANGE_PATTERN, 'A range is two lower-case hex digits')),
      after: z.optional(IdSchema),
      limit: pageLimit,
    }),
    /** PUT /api/sync/settings (P3): a strategy for every collection. */
    settings: z.strictObject({
      conflictStrategy: z.strictObject(
        Object.fromEntries(collections.map((name) => [name, z.enum(STRATEGIES)])),
      ),
    }),
  };
}

export interface PushRequest {
  clientId: string;
  deviceName?: string;
  mutations: Mutation[];
}

/**
 * [P9] the name of the device that made a record's last change, beside the record in a pull's
 * change and a merge or conflict result: absent when that device sent none.
 */
const changedBy = z.optional(z.string());

/**
 * [P3 latest-wins, issue 13] beside a record: the fields whose value overruled another device's
 * write it had not seen, each with that device's clientId and the version it happened at, so
 * that device can tell the person. Present while the field keeps that value.
 */
const replaced = z.optional(
  z.record(
    z.string(),
    z.object({ clientId: z.string(), version: count(), by: z.optional(z.string()) }),
  ),
);

export const PushResultSchema = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('applied'), version: count() }),
  z.object({
    id: z.string(),
    status: z.literal('merged'),
    version: count(),
    record: WireRecordSchema,
    changedBy,
    replaced,
    /** [P3 latest-wins] fields of this mutation whose value lost to a later write. */
    lost: z.optional(z.array(z.string())),
  }),
  z.object({
    id: z.string(),
    status: z.literal('conflict'),
    reason: z.enum(CONFLICT_REASONS),
    fields: z.array(z.string()),
    record: WireRecordSchema,
    changedBy,
    replaced,
  }),
  z.object({
    id: z.string(),
    status: z.literal('rejected'),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);
export type PushResult = z.infer<typeof PushResultSchema>;

export const PushResponseSchema = z.object({
  results: z.array(PushResultSchema),
  cursor: count(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** GET /api/sync/pull?cursor=N&limit=M (section L). Query values arrive as strings. */
export const PullQuerySchema = z.strictObject({
  cursor: wholeNumber,
  limit: pageLimit,
});

/** A record as a pull (L1) or a range (V2) carries it, with what annotates its last change. */
const ChangeSchema = z.object({
  collection: CollectionNameSchema,
  record: WireRecordSchema,
  changedBy,
  replaced,
});
export type Change = z.infer<typeof ChangeSchema>;

export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  cursor: count(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** GET /api/sync/digest?through=N (V1). */
export const DigestQuerySchema = z.strictObject({ through: wholeNumber });

const CollectionDigestSchema = z.object({
  count: count(),
  maxVersion: count(),
  ranges: z.array(
    z.object({
      range: z.string().check(z.regex(RANGE_PATTERN)),
      count: count(),
      hash: z.string(),
    }),
  ),
});

/**
 * [V1] `cursor` is the highest version the user's records have now; `collections` is null when
 * that is past `through` (the device has changes to pull first), else each collection's digest.
 * `purgedThrough` tells a record deleted long ago (its tombstone purged) from one the server lost.
 */
export const DigestResponseSchema = z.object({
  cursor: count(),
  /** [L4] the highest version among the user's purged tombstones (0: none purged). */
  purgedThrough: count(),
  collections: z.nullable(z.record(CollectionNameSchema, CollectionDigestSchema)),
});
export type DigestResponse = z.infer<typeof DigestResponseSchema>;

/** [V2] one page of a range's records, deleted ones included, in id order. */
export const RangeResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  hasMore: z.boolean(),
});
export type RangeResponse = z.infer<typeof RangeResponseSchema>;

/** GET/PUT /api/sync/settings (P3) as replies carry it: each collection's strategy. */
export const SettingsSchema = z.strictObject({
  conflictStrategy: z.record(CollectionNameSchema, z.enum(STRATEGIES)),
});
export type Settings = z.infer<typeof SettingsSchema>;

const fieldValues = z.record(z.string(), z.unknown());

export const HistoryEntrySchema = z.object({
  version: count(),
  at: z.number(),
  clientId: z.string(),
  /** [P9] the name the device that made the change gave itself, when it sent one. */
  deviceName: z.optional(z.string()),
  op: z.enum(MUTATION_OPS),
  previous: fieldValues,
  /**
   * [P3 latest-wins] the values this change set that lost to a later write (the record kept the
   * winner's): present only then, so they are never silently lost and can be restored.
   */
  lost: z.optional(fieldValues),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const HistoryResponseSchema = z.object({ entries: z.array(HistoryEntrySchema) });

/** [E1] the data of a `poke` on the event stream: the user's change counter after a commit. */
export const PokeSchema = z.object({ cursor: count() });

export type { AnyWireRecord } from './records.ts';
export type { ConflictStrategy } from './limits.ts';
