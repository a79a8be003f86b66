import { z } from 'zod';
import { MutationSchema } from './mutation.ts';
import { COLLECTIONS, type CollectionName, type WireRecord } from './records.ts';

/** [T4] limits every client and the server agree on. */
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;

/** POST /api/sync/push (section P). */
export const PushRequestSchema = z.strictObject({
  // Printable text only: a label shown in history (P9), and PostgreSQL text holds no NUL.
  clientId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[^\p{Cc}]+$/u, 'A clientId has no control characters'),
  mutations: z.array(MutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export type AnyWireRecord = WireRecord<CollectionName>;

export type PushResult =
  | { id: string; status: 'applied'; version: number }
  | { id: string; status: 'merged'; version: number; record: AnyWireRecord }
  | {
      id: string;
      status: 'conflict';
      reason: 'edit' | 'deleted' | 'delete-edited';
      fields: string[];
      record: AnyWireRecord;
    }
  | { id: string; status: 'rejected'; error: { code: string; message: string } };

export interface PushResponse {
  results: PushResult[];
  cursor: number;
}

/** GET /api/sync/pull?cursor=N&limit=M (section L). Query values arrive as strings. */
/** Digits only: `Number()` would also take '', ' 5', '1e3' and '0x10'. */
const wholeNumber = z
  .string()
  .regex(/^\d{1,16}$/, 'Expected a whole number')
  .transform(Number)
  .pipe(z.number().max(Number.MAX_SAFE_INTEGER));

export const PullQuerySchema = z.strictObject({
  cursor: wholeNumber,
  limit: wholeNumber.pipe(z.number().min(1).max(MAX_PULL_LIMIT)).default(DEFAULT_PULL_LIMIT),
});

export interface PullResponse {
  changes: { collection: CollectionName; record: AnyWireRecord }[];
  cursor: number;
  hasMore: boolean;
}

export const STRATEGIES = ['ask', 'latest-wins'] as const;
export type ConflictStrategy = (typeof STRATEGIES)[number];

/** GET/PUT /api/sync/settings (P3). */
export const SettingsSchema = z.strictObject({
  conflictStrategy: z.strictObject(
    Object.fromEntries(COLLECTIONS.map((collection) => [collection, z.enum(STRATEGIES)])) as {
      [C in CollectionName]: z.ZodEnum<{ ask: 'ask'; 'latest-wins': 'latest-wins' }>;
    },
  ),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** GET /api/sync/history?collection=C&id=ID (H1). */
export const HistoryQuerySchema = z.strictObject({
  collection: z.enum(COLLECTIONS),
  // [R2] record ids are UUIDs.
  id: z.uuid(),
});

export interface HistoryEntry {
  version: number;
  at: number;
  clientId: string;
  op: 'put' | 'delete' | 'restore';
  previous: Record<string, unknown>;
  /**
   * [P3 latest-wins] the values this change set that lost to a later write (the record kept the
   * winner's): present only then, so they are never silently lost and can be restored.
   */
  lost?: Record<string, unknown>;
}
