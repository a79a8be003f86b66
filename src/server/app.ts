import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { errorServerOptions, registerErrorHandling, sendNotFound } from './errors.ts';
import { authRoutes } from './routes/auth.ts';
import { healthRoutes } from './routes/health.ts';
import { syncRoutes } from './routes/sync.ts';
import { openDatabase, type Database } from './storage/connect.ts';
import { userStore } from './storage/users.ts';
import { openBroadcast, type Broadcast } from './events/broadcast.ts';
import { registerFaults } from './faults.ts';
import { KEEPALIVE_MS } from './routes/events.ts';
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
}

/** Composes the server: error handling, security headers, the API, then the static app. */
export async function buildApp(
  config: Config,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...errorServerOptions,
    logger: options.logger ? { level: 'info' } : false,
  });
  registerErrorHandling(app);
  const database = await openDatabase({
    kind: config.storage,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  const broadcast = await openBroadcast(database, (error) => app.log.error(error));
  app.decorate('outpostDatabase', database);
  app.addHook('onClose', async () => {
    await broadcast.close();
    await database.close();
  });
  // [T1] JSON is the only body type: without fastify's text/plain parser, other bodies get 415.
  app.removeContentTypeParser('text/plain');
  await registerSecurity(app);
  app.addHook('onRequest', async (request, reply) => {
    // API answers are per-user and live: never stored by the browser or a proxy.
    if (isApiPath(request.url)) reply.header('cache-control', 'no-store');
  });
  if (config.faults) registerFaults(app);
  await app.register(apiRoutes, {
    prefix: API_PREFIX,
    config,
    database,
    broadcast,
    now: options.now ?? Date.now,
    keepaliveMs: options.keepaliveMs ?? KEEPALIVE_MS,
  });
  const pages = await registerStatic(app, config.appDir);
  app.setNotFoundHandler(notFoundHandler(pages));
  return app;
}

interface ApiOptions {
  config: Config;
  database: Database;
  broadcast: Broadcast;
  now: () => number;
  keepaliveMs: number;
}

async function apiRoutes(
  api: FastifyInstance,
  { config, database, broadcast, now, keepaliveMs }: ApiOptions,
): Promise<void> {
  const users = userStore(database.db);
  await api.register(healthRoutes, { storage: config.storage });
  await api.register(authRoutes, { prefix: '/auth', users, now });
  await api.register(syncRoutes, {
    prefix: '/sync',
    database,
    users,
    now,
    hub: broadcast.hub,
    keepaliveMs,
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
