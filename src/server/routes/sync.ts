import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../protocol/version.ts';
import type { Collections } from '../../model/collections.ts';
import {
  DigestQuerySchema,
  PullQuerySchema,
  syncRequestSchemas,
  type ConflictStrategy,
} from '../../protocol/sync.ts';
import { historyOf } from '../storage/history.ts';
import { requireSession, requireUser } from '../auth/session.ts';
import type { EventHub } from '../events/hub.ts';
import type { OpenStreams } from '../events/openStreams.ts';
import { eventRoutes } from './events.ts';
import { ApiError } from '../errors.ts';
import type { RateLimiter } from '../rateLimit.ts';
import type { Database } from '../storage/connect.ts';
import type { UserStore } from '../storage/users.ts';
import { pull } from '../sync/pull.ts';
import { push, PUSH_SLICE_MS } from '../sync/push.ts';
import { TimeSlices } from '../sync/timeSlices.ts';
import { digest, rangePage } from '../sync/verify.ts';

export interface SyncRouteOptions {
  /** The collections this server keeps: requests naming any other are refused (400). */
  collections: Collections;
  database: Database;
  users: UserStore;
  now: () => number;
  /** Called after a commit that changed a user's records (E1 pokes). */
  onChange: (userId: string, cursor: number) => void;
  hub: EventHub;
  /** The event streams open on this server (shared with the account routes). */
  streams: OpenStreams;
  keepaliveMs: number;
  /** Pushes per user. */
  pushLimiter: RateLimiter;
  /** The other sync requests per user (pull, history, settings). */
  syncLimiter: RateLimiter;
  /** Event streams opened per user. */
  eventsLimiter: RateLimiter;
}

/**
 * [T2] every /api/sync/* request names the protocol version it speaks. The browser's
 * EventSource cannot send headers, so the event stream may name it as `?protocol=1` instead.
 */
function checkProtocol(request: FastifyRequest): void {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.protocol;
  const isEvents = request.routeOptions.url?.endsWith('/events') ?? false;
  const version =
    request.headers[PROTOCOL_HEADER.toLowerCase()] ?? (isEvents ? fromQuery : undefined);
  if (version !== String(PROTOCOL_VERSION)) {
    throw new ApiError(
      426,
      'protocol_unsupported',
      `This server speaks ${PROTOCOL_HEADER}: ${PROTOCOL_VERSION}; update the app`,
      {
        details: { supported: [PROTOCOL_VERSION], received: version ?? null },
      },
    );
  }
}

export async function syncRoutes(app: FastifyInstance, options: SyncRouteOptions): Promise<void> {
  const { collections, database, users, now, onChange, hub, keepaliveMs } = options;
  const { pushLimiter, syncLimiter, eventsLimiter } = options;
  const requests = syncRequestSchemas(collections.names);
  app.addHook('preHandler', async (request) => checkProtocol(request));
  await app.register(eventRoutes, {
    hub,
    users,
    now,
    keepaliveMs,
    limiter: eventsLimiter,
    open: options.streams,
  });
  /** The signed-in user, counted against the limit of sync requests other than pushes. */
  const syncingUser = async (request: FastifyRequest) => {
    const user = await requireUser(request, users, now());
    await syncLimiter.take(user.id);
    return user;
  };

  app.post('/push', async (request) => {
    const slices = new TimeSlices(PUSH_SLICE_MS);
    const { user, sessionId, deviceName } = await requireSession(request, users, now());
    await pushLimiter.take(user.id);
    const body = requests.push.parse(request.body);
    await slices.pause();
    // [A6] the session is listed under the name its device pushes with.
    if (body.deviceName !== undefined && body.deviceName !== deviceName) {
      await users.sessions.nameDevice(sessionId, body.deviceName);
    }
    const { response, changed } = await push(database, collections, user.id, body, now(), slices);
    if (changed) onChange(user.id, response.cursor);
    return response;
  });

  app.get('/pull', async (request) => {
    const user = await syncingUser(request);
    const { cursor, limit } = PullQuerySchema.parse(request.query);
    return pull(database, user.id, cursor, limit);
  });

  app.get('/digest', async (request) => {
    const user = await syncingUser(request);
    const { through } = DigestQuerySchema.parse(request.query);
    return digest(database, collections, user.id, through);
  });

  app.get('/range', async (request) => {
    const user = await syncingUser(request);
    return rangePage(database, user.id, requests.range.parse(request.query));
  });

  app.get('/history', async (request) => {
    const user = await syncingUser(request);
    const { collection, id } = requests.history.parse(request.query);
    return { entries: await historyOf(database.db, user.id, collection, id) };
  });

  app.get('/settings', async (request) => {
    const user = await syncingUser(request);
    const row = await database.db
      .selectFrom('users')
      .select('conflict_strategy')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    const chosen = JSON.parse(row.conflict_strategy) as Record<string, ConflictStrategy>;
    // [P3] a collection the user never chose a strategy for asks.
    const conflictStrategy = Object.fromEntries(
      collections.names.map((name) => [name, chosen[name] ?? 'ask']),
    );
    return { conflictStrategy };
  });

  app.put('/settings', async (request) => {
    const user = await syncingUser(request);
    const settings = requests.settings.parse(request.body);
    await database.db
      .updateTable('users')
      .set({ conflict_strategy: JSON.stringify(settings.conflictStrategy) })
      .where('id', '=', user.id)
      .execute();
    return settings;
  });
}
