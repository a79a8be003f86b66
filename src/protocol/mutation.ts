import * as z from 'zod/mini';
import { MUTATION_OPS } from './limits.ts';

/**
 * A mutation (section M): one device's intent for one record. The outbox stores exactly this
 * shape so that a push sends it unchanged. Field-level validation (R1) lives in src/model; here
 * is only the envelope every client and the server agree on.
 */
const fieldName = z.string().check(z.minLength(1), z.maxLength(64));

/**
 * [R2] a record or mutation id: a UUID in canonical lower-case form. Another spelling of the
 * same UUID is refused, never stored as a second identity of one record.
 */
export const IdSchema = z
  .uuid()
  .check(z.regex(/^[0-9a-f-]+$/, 'An id is a UUID in lower case (canonical form)'));
/**
 * A collection's name. Which names a server accepts comes from the collections it declares
 * (src/model/collections.ts): its request schemas are built from them (`syncRequestSchemas`).
 */
export const CollectionNameSchema = z.string().check(z.regex(/^[a-z][A-Za-z0-9]{0,63}$/));
export const FieldValueSchema = z.union([z.string(), z.boolean(), z.number(), z.array(z.string())]);
const values = <T extends z.ZodMiniType>(value: T) => z.optional(z.record(fieldName, value));

/** A mutation of a collection whose name `collection` accepts. */
export function mutationSchema<N extends z.ZodMiniType<string>>(collection: N) {
  return z.strictObject({
    id: IdSchema,
    collection,
    recordId: IdSchema,
    op: z.enum(MUTATION_OPS),
    baseVersion: z.int().check(z.minimum(0)),
    base: values(FieldValueSchema),
    set: values(FieldValueSchema),
    inc: values(z.int()),
    add: values(z.array(z.string())),
    remove: values(z.array(z.string())),
    clientTime: z.int().check(z.minimum(0)),
    /**
     * A decision on a conflict (issue 13): the fields the person decided. Where it replaces a
     * value another device wrote, that device is told (`replaced`, P3); the mutation's other
     * fields are ordinary edits. Changes nothing of how it applies.
     */
    decided: z.optional(z.array(fieldName).check(z.maxLength(64))),
  });
}

/** A mutation of any collection, as the device's outbox holds it. */
export const MutationSchema = mutationSchema(CollectionNameSchema);
export type Mutation = z.infer<typeof MutationSchema>;
export type FieldValue = z.infer<typeof FieldValueSchema>;
export type { MutationOp } from './limits.ts';
