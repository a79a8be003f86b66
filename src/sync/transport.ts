import type { PullResponse, PushRequest, PushResponse } from '../protocol/sync.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../protocol/version.ts';
import { kindOfStatus, parseRetryAfter, SyncError } from './errors.ts';
import { assertNotKnownOffline } from './online.ts';

/**
 * The engine talks to the server only through this interface, so tests can cut, delay and
 * duplicate traffic, and the same engine runs in the page and the service worker.
 */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(cursor: number, limit: number): Promise<PullResponse>;
}

export interface HttpTransportOptions {
  /** The server's origin; '' means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** A bearer token; without one, the session cookie (same origin) authenticates. */
  token?: () => string | undefined;
}

/**
 * One request to `/api/sync${path}`, as every sync call makes it: the protocol header [T2],
 * the session cookie or a bearer token [A3], and any failure as a SyncError carrying the
 * server's error code [T3] (or `network` when no answer came), sorted by what to do next.
 * Nothing is sent while the device is known to be offline (see online.ts).
 */
export async function syncRequest<T>(
  path: string,
  init: RequestInit = {},
  options: HttpTransportOptions = {},
): Promise<T> {
  assertNotKnownOffline();
  const send = options.fetch ?? ((input, requestInit) => fetch(input, requestInit));
  const headers = new Headers(init.headers);
  headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
  const token = options.token?.();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await send(`${options.baseUrl ?? ''}/api/sync${path}`, {
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
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  throw new SyncError(
    kindOfStatus(response.status),
    body?.error?.code ?? `http_${response.status}`,
    body?.error?.message ?? `The server answered ${response.status}`,
    parseRetryAfter(response.headers.get('retry-after')),
  );
}

/** [T1] a request with a body says it is JSON. */
export function jsonRequest(method: 'POST' | 'PUT', body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function httpTransport(options: HttpTransportOptions = {}): SyncTransport {
  return {
    push: (body) => syncRequest('/push', jsonRequest('POST', body), options),
    pull: (cursor, limit) =>
      syncRequest(`/pull?cursor=${cursor}&limit=${limit}`, { method: 'GET' }, options),
  };
}
