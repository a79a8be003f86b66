import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { errorServerOptions, registerErrorHandling, sendNotFound } from './errors.ts';
import { healthRoutes } from './routes/health.ts';
import { registerSecurity } from './security.ts';
import { registerStatic, type PageFallback } from './static.ts';

export const API_PREFIX = '/api';

export interface BuildOptions {
  /** Fastify's pino logger at 'info'; off by default so tests stay quiet. */
  logger?: boolean;
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
  // [T1] JSON is the only body type: without fastify's text/plain parser, other bodies get 415.
  app.removeContentTypeParser('text/plain');
  await registerSecurity(app);
  app.addHook('onRequest', async (request, reply) => {
    // API answers are per-user and live: never stored by the browser or a proxy.
    if (isApiPath(request.url)) reply.header('cache-control', 'no-store');
  });
  await app.register(apiRoutes, { prefix: API_PREFIX, config });
  const pages = await registerStatic(app, config.appDir);
  app.setNotFoundHandler(notFoundHandler(pages));
  return app;
}

async function apiRoutes(api: FastifyInstance, { config }: { config: Config }): Promise<void> {
  await api.register(healthRoutes, { storage: config.storage });
}

// One 404 handler for the whole origin: /api misses are T3 JSON [T3]; other paths are pages.
function notFoundHandler(pages: PageFallback): PageFallback {
  return async (request, reply) =>
    isApiPath(request.url) ? sendNotFound(request, reply) : pages(request, reply);
}

export function isApiPath(url: string): boolean {
  return url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`);
}
