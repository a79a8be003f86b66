import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Mutation } from '../src/protocol/mutation.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../src/protocol/version.ts';

/** Requests the server benchmarks make in process (Fastify inject), as a device would. */

/** Signs up a new account; answers the headers its sync requests carry. */
export async function signedUp(app: FastifyInstance): Promise<Record<string, string>> {
  const signup = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { username: `bench-${randomUUID().slice(0, 8)}`, password: 'benchmark!' },
  });
  return {
    authorization: `Bearer ${signup.json<{ token: string }>().token}`,
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  };
}

/** The body of a push of `mutations`, as a device sends it. */
export function pushBody(mutations: Mutation[]): string {
  return JSON.stringify({ clientId: 'bench', mutations });
}

/**
 * Pushes `body` (from pushBody, made beforehand: turning it into JSON is the device's work, and
 * in one process it would count against the server's).
 */
export async function pushAs(app: FastifyInstance, headers: Record<string, string>, body: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...headers, 'content-type': 'application/json' },
    payload: body,
  });
  if (response.statusCode !== 200) throw new Error(response.body);
}
