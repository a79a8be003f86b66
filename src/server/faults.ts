import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError, codeForStatus } from './errors.ts';

/**
 * [F1] Fault injection for tests and demos: slow answers, failing answers, pushes that
 * commit and then lose their answer, and a server that seems unreachable. Registered only
 * when the server starts with OUTPOST_FAULTS=1; otherwise these routes do not exist (404).
 */
const FaultsSchema = z.strictObject({
  latencyMs: z.int().min(0).max(60_000).optional(),
  failNext: z
    .strictObject({ count: z.int().min(0).max(1000), status: z.int().min(400).max(599) })
    .optional(),
  dropAfterCommit: z.int().min(0).max(1000).optional(),
  offline: z.boolean().optional(),
});
type Faults = z.infer<typeof FaultsSchema>;

const FAULTS_PATH = '/api/_faults';
const PUSH_PATH = '/api/sync/push';

/** [F1] the header that carries the faults token. */
export const FAULTS_TOKEN_HEADER = 'Outpost-Faults-Token';

/**
 * Adds the routes and the hooks on the root instance, so the hooks see every /api request.
 * Arming or clearing a fault needs `token`: anyone who can reach a server with faults on could
 * otherwise take it offline for everyone (issue 14). Reading them does not.
 */
export function registerFaults(app: FastifyInstance, token: string): void {
  let faults: Faults = {};
  const expected = digest(token);
  const requireToken = async (request: FastifyRequest) => {
    const given = request.headers[FAULTS_TOKEN_HEADER.toLowerCase()];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      throw new ApiError(
        403,
        'faults_token_invalid',
        `Arming a fault needs the faults token the server printed at start, in ${FAULTS_TOKEN_HEADER}`,
      );
    }
  };

  // Read back by the app's network lab, which shows the server's faults and is hidden when this
  // route is missing (404: faults off).
  app.get(FAULTS_PATH, async () => faults);
  app.post(FAULTS_PATH, { preHandler: requireToken }, async (request) => {
    faults = { ...faults, ...FaultsSchema.parse(request.body) };
    return faults;
  });
  app.delete(FAULTS_PATH, { preHandler: requireToken }, async () => {
    faults = {};
    return faults;
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || path === FAULTS_PATH) return;
    if (faults.offline) return destroy(request, reply);
    if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const failNext = faults.failNext;
    if (failNext && failNext.count > 0) {
      faults = { ...faults, failNext: { ...failNext, count: failNext.count - 1 } };
      if (failNext.status === 429 || failNext.status === 503) reply.header('retry-after', '1');
      const code = codeForStatus(failNext.status);
      return reply
        .code(failNext.status)
        .send({ error: { code, message: `Injected fault: ${failNext.status}` } });
    }
  });

  // After the push committed (the handler has returned), drop the answer on the floor.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'POST' || request.url !== PUSH_PATH || reply.statusCode !== 200)
      return payload;
    if (!faults.dropAfterCommit) return payload;
    faults = { ...faults, dropAfterCommit: faults.dropAfterCommit - 1 };
    destroy(request, reply);
    return payload;
  });
}

// Equal-length digests: timingSafeEqual needs equal lengths, and lengths leak nothing then.
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function destroy(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.raw.socket.destroy();
  return reply.hijack();
}
