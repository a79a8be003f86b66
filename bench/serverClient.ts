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

export async function pushAs(
  app: FastifyInstance,
  headers: Record<string, string>,
  mutations: Mutation[],
) {
  const payload = { clientId: 'bench', mutations };
  const response = await app.inject({ method: 'POST', url: '/api/sync/push', headers, payload });
  if (response.statusCode !== 200) throw new Error(response.body);
}
