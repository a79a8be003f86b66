import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import path from 'node:path';
import { ConfigError, type Config } from './config.ts';
import { errorServerOptions, registerErrorHandling, sendNotFound } from './errors.ts';
import { authRoutes } from './routes/auth.ts';
import { healthRoutes } from './routes/health.ts';
import { appCollections, type Collections } from '../model/collections.ts';
import { syncRoutes } from './routes/sync.ts';
import { openDatabase, type Database } from './storage/connect.ts';
import { DEFAULT_RETENTION, purgeExpired, type Retention } from './storage/purge.ts';
import { deleteEndedSessions, type SessionLifetimes } from './storage/sessions.ts';
import { userStore } from './storage/users.ts';
import { openBroadcast, type Broadcast } from './events/broadcast.ts';
import { OpenStreams } from './events/openStreams.ts';
import { registerFaults } from './faults.ts';
import { DEFAULT_RATE_LIMITS, MemoryRateLimiter, rateLimiter } from './rateLimit.ts';
import { KEEPALIVE_MS } from './routes/events.ts';
import { PASSWORD_COST, type ScryptCost } from './auth/passwords.ts';
import { assertSameOrigin } from './auth/sameOrigin.ts';
import { registerSecurity } from './security.ts';
import { registerStatic, type PageFallback } from './static.ts';

export const API_PREFIX = '/api';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's storage, for tasks beside the routes (and tests that check what is stored). */
    outpostDatabase: Database;
  }
}

export interface BuildOptions {
  /** Fastify's pino logger at 'info'; off by default so tests stay quiet. */
  logger?: boolean;
  /** The server's clock (ms); tests may fix it. */
  now?: () => number;
  /** [E2] how often an idle event stream gets a comment line; tests shorten it. */
  keepaliveMs?: number;
  /** How long tombstones, results and history are kept (L4, P1, H1). */
  retention?: Retention;
  /** Rate limits on sign-in and pushes; tests that sign up many users raise them. */
  rateLimits?: Partial<typeof DEFAULT_RATE_LIMITS>;
  /** The collections kept: the app's, or in a test the app's and one of its own. */
  collections?: Collections;
  /** [A4] the cost of new password hashes; tests that sign up many users lower it. */
  passwordCost?: ScryptCost;
}

/** Composes the server: error handling, security headers, the API, then the static app. */
export async function buildApp(
  config: Config,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    ...errorServerOptions,
    logger: options.logger ? { level: 'info' } : false,
    // Behind a TLS proxy: the client's address and https, as the trusted proxy reports them.
    // A hop count trusts that many proxies nearest the server (Fastify's types lack numbers).
    trustProxy:
      typeof config.trustProxy === 'number' ? trustNearest(config.trustProxy) : config.trustProxy,
  };
  const app = Fastify(serverOptions);
  registerErrorHandling(app);
  const database = await openDatabase({
    kind: config.storage,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  const broadcast = await openBroadcast(database, (error) => app.log.error(error));
  app.decorate('outpostDatabase', database);
  const lifetimes = sessionLifetimes(config);
  const stopPurging = schedulePurge(app, database, {
    retention: options.retention ?? DEFAULT_RETENTION,
    lifetimes,
    now: options.now ?? Date.now,
  });
  app.addHook('onClose', async () => {
    stopPurging();
    await broadcast.close();
    await database.close();
  });
  // [T1] JSON is the only body type: without fastify's text/plain parser, other bodies get 415.
  app.removeContentTypeParser('text/plain');
  await registerSecurity(app, path.join(config.appDir, 'index.html'));
  app.addHook('onRequest', async (request, reply) => {
    if (!isApiPath(request.url)) return;
    // API answers are per-user and live: never stored by the browser or a proxy.
    reply.header('cache-control', 'no-store');
    assertSameOrigin(request);
  });
  if (config.faults) registerFaults(app, requiredFaultsToken(config));
  await app.register(apiRoutes, {
    prefix: API_PREFIX,
    config,
    collections: options.collections ?? appCollections,
    database,
    broadcast,
    now: options.now ?? Date.now,
    keepaliveMs: options.keepaliveMs ?? KEEPALIVE_MS,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    passwordCost: options.passwordCost ?? PASSWORD_COST,
    lifetimes,
  });
  const pages = await registerStatic(app, config.appDir, {
    serveSourceMaps: config.serveSourceMaps,
  });
  app.setNotFoundHandler(notFoundHandler(pages));
  return app;
}

function requiredFaultsToken(config: Config): string {
  if (config.faultsToken === undefined) {
    throw new ConfigError('OUTPOST_FAULTS=1 needs OUTPOST_FAULTS_TOKEN (main.ts makes one)');
  }
  return config.faultsToken;
}

/** [A6] the configured session lifetimes, in ms. */
function sessionLifetimes(config: Config): SessionLifetimes {
  const day = 24 * 60 * 60 * 1000;
  return { idleMs: config.sessionIdleDays * day, maxMs: config.sessionMaxDays * day };
}

function trustNearest(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

const PURGE_EVERY_MS = 60 * 60 * 1000;

/** Purges expired tombstones, results and history now and then every hour (see purge.ts). */
function schedulePurge(
  app: FastifyInstance,
  database: Database,
  {
    retention,
    lifetimes,
    now,
  }: { retention: Retention; lifetimes: SessionLifetimes; now: () => number },
) {
  const run = () => {
    const time = now();
    purgeExpired(database.db, retention, time)
      .then(() => deleteEndedSessions(database.db, lifetimes, time))
      .catch((error: unknown) => app.log.error(error));
  };
  app.addHook('onReady', async () => run());
  const timer = setInterval(run, PURGE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

interface ApiOptions {
  config: Config;
  collections: Collections;
  database: Database;
  broadcast: Broadcast;
  now: () => number;
  keepaliveMs: number;
  rateLimits: typeof DEFAULT_RATE_LIMITS;
  passwordCost: ScryptCost;
  lifetimes: SessionLifetimes;
}

async function apiRoutes(api: FastifyInstance, options: ApiOptions): Promise<void> {
  const { config, collections, database, broadcast, now, keepaliveMs, rateLimits } = options;
  const { lifetimes } = options;
  const users = userStore(database.db, lifetimes);
  const streams = new OpenStreams();
  const limit = (bucket: keyof typeof rateLimits) =>
    rateLimiter(database, bucket, rateLimits[bucket], now);
  await api.register(healthRoutes, {
    storage: config.storage,
    faults: config.faults,
    // Per process: a liveness check must not wait on the database.
    limiter: new MemoryRateLimiter(rateLimits.health, now),
  });
  await api.register(authRoutes, {
    prefix: '/auth',
    users,
    now,
    limiter: limit('auth'),
    accountLimiter: limit('account'),
    passwordCost: options.passwordCost,
    lifetimes,
    streams,
  });
  await api.register(syncRoutes, {
    prefix: '/sync',
    collections,
    database,
    users,
    now,
    hub: broadcast.hub,
    streams,
    keepaliveMs,
    pushLimiter: limit('push'),
    syncLimiter: limit('sync'),
    eventsLimiter: limit('events'),
    onChange: broadcast.publish,
  });
}

// One 404 handler for the whole origin: /api misses are T3 JSON [T3]; other paths are pages.
function notFoundHandler(pages: PageFallback): PageFallback {
  return async (request, reply) =>
    isApiPath(request.url) ? sendNotFound(request, reply) : pages(request, reply);
}

export function isApiPath(url: string): boolean {
  return url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`);
}
