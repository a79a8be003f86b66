import type { FastifyInstance } from 'fastify';
import { requireSession } from '../auth/session.ts';
import type { OpenStreams } from '../events/openStreams.ts';
import type { EventHub } from '../events/hub.ts';
import type { RateLimiter } from '../rateLimit.ts';
import type { UserStore } from '../storage/users.ts';

/** [E2] an idle stream gets a comment line at least this often, so proxies keep it open. */
export const KEEPALIVE_MS = 20_000;

/**
 * Streams one user may hold open (a few devices, a few tabs each); past it, the oldest is
 * closed. Each holds a socket and a subscription: without a bound, one account could hold
 * them by the thousand.
 */
export const MAX_STREAMS_PER_USER = 10;

// A stream closed for a newer one tells its EventSource to come back only after this long,
// so that more pages than the bound take turns slowly instead of closing each other in a loop.
const RECONNECT_AFTER_CROWDED_MS = 60_000;

export interface EventRouteOptions {
  hub: EventHub;
  users: UserStore;
  now: () => number;
  keepaliveMs: number;
  /** Streams opened per user. */
  limiter: RateLimiter;
  /** The streams open on this server (shared with the account routes). */
  open: OpenStreams;
}

/** GET /api/sync/events: a Server-Sent Events stream of pokes for the signed-in user (E1). */
export async function eventRoutes(
  app: FastifyInstance,
  { hub, users, now, keepaliveMs, limiter, open }: EventRouteOptions,
): Promise<void> {
  // Streams never end by themselves: end them when the server closes, or closing would wait.
  app.addHook('preClose', async () => open.endAll());

  app.get('/events', async (request, reply) => {
    const { user, sessionId } = await requireSession(request, users, now());
    await limiter.take(user.id);
    // Take the raw response: the stream outlives this handler. Keep the headers set so far
    // (security headers, no-store) and add the stream's own.
    reply.hijack();
    const kept = Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined);
    reply.raw.writeHead(200, {
      ...(Object.fromEntries(kept) as Record<string, string | number | string[]>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    reply.raw.write(': connected\n\n');
    const unsubscribe = hub.subscribe(user.id, (cursor) => {
      reply.raw.write(`event: poke\ndata: ${JSON.stringify({ cursor })}\n\n`);
    });
    const keepalive = setInterval(() => reply.raw.write(': keepalive\n\n'), keepaliveMs);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(keepalive);
      unsubscribe();
      open.forget(user.id, stream);
      reply.raw.end();
    };
    // Closed for a newer stream of the user: its EventSource comes back after a while, not at once.
    const crowdOut = () => {
      reply.raw.write(`retry: ${RECONNECT_AFTER_CROWDED_MS}\n\n`);
      end();
    };
    const stream = { sessionId, end, crowdOut };
    request.raw.on('close', end);
    const streams = open.add(user.id, stream);
    if (streams.length > MAX_STREAMS_PER_USER) streams[0]?.crowdOut();
  });
}
