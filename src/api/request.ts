import type * as z from 'zod/mini';
import { loadSchemas, type AnswerSchema } from './answers.ts';
import { PROTOCOL_MISMATCH } from '../protocol/limits.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../protocol/version.ts';
import { kindOfStatus, parseRetryAfter, SyncError } from './errors.ts';
import { assertNotKnownOffline } from './online.ts';

/**
 * One request to the server, as every client of it in the app makes it (the sync engine, the
 * settings and history screens, signing in and out). Nothing is sent while the device is known
 * to be offline (online.ts); the protocol header goes along [T2]; any failure becomes a
 * SyncError carrying the server's error code [T3] (or `network` when no answer came), sorted by
 * what to do next; and the answer is checked once against its schema from src/protocol.
 */
export interface RequestOptions {
  /** The server's origin; '' means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** A bearer token; without one, the session cookie (same origin) authenticates [A3]. */
  token?: () => string | undefined;
}

/** [T1] a request with a body says it is JSON. */
export function jsonRequest(method: 'POST' | 'PUT', body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** `path` below /api; `reply`: the schema of a 2xx answer (null: an answer with no body). */
export async function apiRequest<T>(
  path: string,
  init: RequestInit,
  reply: AnswerSchema<T> | null,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(path, init, options);
  if (!response.ok) throw await failure(response);
  if (reply === null) return undefined as T; // the caller asked for no body (204)
  const body: unknown = await response.json().catch(() => undefined);
  return checked(await reply().catch(schemasMissing), body, path);
}

/**
 * The schemas' file could not be loaded: a page left open across a release, offline, before its
 * service worker cached the new files. Nothing was lost; like a lost answer, it is tried again.
 */
function schemasMissing(error: unknown): never {
  throw new SyncError(
    'transient',
    'network',
    `The app could not load its checks: ${String(error)}`,
  );
}

async function send(path: string, init: RequestInit, options: RequestOptions) {
  assertNotKnownOffline();
  const fetchFn = options.fetch ?? ((input, requestInit) => fetch(input, requestInit));
  const headers = new Headers(init.headers);
  headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
  const token = options.token?.();
  if (token) headers.set('authorization', `Bearer ${token}`);
  try {
    return await fetchFn(`${options.baseUrl ?? ''}/api${path}`, {
      ...init,
      headers,
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new SyncError(
      'transient',
      'network',
      `The server could not be reached: ${String(error)}`,
    );
  }
}

/** [T3] the error an answer carries, with its code; a body of another shape keeps the status. */
async function failure(response: Response): Promise<SyncError> {
  const body: unknown = await response.json().catch(() => undefined);
  const { ErrorBodySchema } = await loadSchemas().catch(schemasMissing);
  const parsed = ErrorBodySchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : undefined;
  return new SyncError(
    kindOfStatus(response.status),
    error?.code ?? `http_${response.status}`,
    error?.message ?? `The server answered ${response.status}`,
    parseRetryAfter(response.headers.get('retry-after')),
    error?.details,
  );
}

/** Checks an answer against its schema once, here, so nothing later meets a surprise. */
export function checked<T>(schema: z.ZodMiniType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const [first] = parsed.error.issues;
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  throw new SyncError(
    'permanent',
    PROTOCOL_MISMATCH,
    `The server's answer to ${what} is not in the form this app expects${where}: ${first?.message ?? 'unknown'}`,
  );
}
