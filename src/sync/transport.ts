import { answer } from '../api/answers.ts';
import { apiRequest, jsonRequest, type RequestOptions } from '../api/request.ts';
import type {
  DigestResponse,
  PullResponse,
  PushRequest,
  PushResponse,
  RangeResponse,
} from '../protocol/sync.ts';

/**
 * The engine talks to the server only through this interface, so tests can cut, delay and
 * duplicate traffic, and the same engine runs in the page and the service worker.
 */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(cursor: number, limit: number): Promise<PullResponse>;
  /**
   * Verification (section V). Optional so a test's stand-in for the network can leave it out;
   * the engine then skips the check after a full pull.
   */
  verify?: VerifyTransport;
}

export interface VerifyTransport {
  /** [V1] the digest of the account's records, if the server has nothing after `through`. */
  digest(through: number): Promise<DigestResponse>;
  /** [V2] a page of one range's records. */
  range(query: RangeQuery): Promise<RangeResponse>;
}

export interface RangeQuery {
  collection: string;
  range: string;
  after?: string;
  limit: number;
}

const pushAnswer = answer((schemas) => schemas.PushResponseSchema);
const pullAnswer = answer((schemas) => schemas.PullResponseSchema);
const digestAnswer = answer((schemas) => schemas.DigestResponseSchema);
const rangeAnswer = answer((schemas) => schemas.RangeResponseSchema);

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
    verify: {
      digest: (through) =>
        apiRequest(`/sync/digest?through=${through}`, { method: 'GET' }, digestAnswer, options),
      range: ({ collection, range, after, limit }) => {
        const query = new URLSearchParams({ collection, range, limit: String(limit) });
        if (after !== undefined) query.set('after', after);
        return apiRequest(`/sync/range?${query}`, { method: 'GET' }, rangeAnswer, options);
      },
    },
  };
}
