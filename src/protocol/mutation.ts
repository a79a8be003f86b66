import { z } from 'zod';
import { COLLECTIONS } from './records.ts';

/**
 * A mutation (PROTOCOL.md section M): one device's intent for one record. The outbox stores
 * exactly this shape so that a push sends it unchanged. Field-level validation (R1) lives in
 * src/model; here is only the envelope every client and the server agree on.
 */
const fieldName = z.string().min(1).max(64);
const fieldValue = z.union([z.string(), z.boolean(), z.number(), z.array(z.string())]);

export const MutationSchema = z.strictObject({
  id: z.uuid(),
  collection: z.enum(COLLECTIONS),
  recordId: z.uuid(),
  op: z.enum(['put', 'delete', 'restore']),
  baseVersion: z.int().min(0),
  base: z.record(fieldName, fieldValue).optional(),
  set: z.record(fieldName, fieldValue).optional(),
  inc: z.record(fieldName, z.int()).optional(),
  add: z.record(fieldName, z.array(z.string())).optional(),
  remove: z.record(fieldName, z.array(z.string())).optional(),
  clientTime: z.int().min(0),
});

export type Mutation = z.infer<typeof MutationSchema>;
export type MutationOp = Mutation['op'];
export type FieldValue = z.infer<typeof fieldValue>;
