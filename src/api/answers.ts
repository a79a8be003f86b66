import type * as z from 'zod/mini';
import type * as SchemaModule from './schemas.ts';

/**
 * The schemas answers are checked against, loaded when the first answer arrives rather than
 * when the page starts. zod builds every schema as its module runs; on a mid-range phone that
 * made the page's first script run a long task (about a quarter of it), and a device that is
 * signed out never needs them at all. The service worker's build inlines the import.
 */
export type Schemas = typeof SchemaModule;

/** The schema of a 2xx answer, loaded on first use. */
export type AnswerSchema<T> = () => Promise<z.ZodMiniType<T>>;

export const loadSchemas = (): Promise<Schemas> => import('./schemas.ts');

/** An answer's schema, picked from the schemas once they are loaded. */
export function answer<T>(pick: (schemas: Schemas) => z.ZodMiniType<T>): AnswerSchema<T> {
  return async () => pick(await loadSchemas());
}
