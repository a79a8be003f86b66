import * as z from 'zod/mini';

/** One problem of an invalid request: where it is (path segments) and what is wrong. */
export interface ErrorDetail {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/** [T3] the body of every error answer, on every route. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** [T3] the details of a 400: each problem with its path. */
export const ErrorDetailsSchema = z.array(
  z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }),
);
