import { answer } from '../api/answers.ts';
import { apiRequest, jsonRequest, type RequestOptions } from '../api/request.ts';
import type { PullResponse, PushRequest, PushResponse } from '../protocol/sync.ts';

/**
 * The engine talks to the server only through this interface, so tests can cut, delay and
 * duplicate traffic, and the same engine runs in the page and the service worker.
 */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(cursor: number, limit: number): Promise<PullResponse>;
}

const pushAnswer = answer((schemas) => schemas.PushResponseSchema);
const pullAnswer = answer((schemas) => schemas.PullResponseSchema);

/** [P][L] the sync routes over HTTP, each answer checked against its schema (api/request.ts). */
export function httpTransport(options: RequestOptions = {}): SyncTransport {
  return {
    push: (body) => apiRequest('/sync/push', jsonRequest('POST', body), pushAnswer, options),
    pull: (cursor, limit) =>
      apiRequest(
        `/sync/pull?cursor=${cursor}&limit=${limit}`,
        { method: 'GET' },
        pullAnswer,
        options,
      ),
  };
}
