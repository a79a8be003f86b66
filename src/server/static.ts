import { access } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, sendError, sendNotFound } from './errors.ts';
import { routePreloadHeader } from './routePreloads.ts';

/** Answers a request for a page that matched no file (the app's 404 handler calls it). */
export type PageFallback = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

// Vite puts content-hashed files under assets/: a changed file gets a new name, so these can
// be cached forever. Everything else (index.html, sw.js, manifest.webmanifest, registerSW.js,
// icons) keeps its name across releases and must be revalidated, or a new service worker is
// never seen and the app never updates.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Serves the built app from `appDir` and returns the fallback for paths that are not files.
 * The app dir may be missing or half-built: the server still starts (the API must work) and
 * pages answer 503 `app_not_built` until index.html exists; no restart is needed after a build.
 * Source maps are built beside the bundles (for debugging a build) but answered 404 unless
 * `serveSourceMaps`: they would hand anyone the app's whole source, and nothing links to them
 * (vite builds them 'hidden').
 */
export async function registerStatic(
  app: FastifyInstance,
  appDir: string,
  { serveSourceMaps = false } = {},
): Promise<PageFallback> {
  const indexFile = path.join(appDir, 'index.html');
  if (!(await exists(indexFile))) {
    app.log.warn(`${indexFile} not found: pages answer 503 until the app is built`);
  }
  await app.register(fastifyStatic, {
    root: appDir,
    // The build writes .br and .gz copies beside each text file (scripts/precompress.mjs):
    // sent as they are to a browser that accepts them, the file itself to one that does not.
    preCompressed: true,
    cacheControl: false, // set per file below instead of @fastify/static's max-age=0
    allowedPath: (pathName) => serveSourceMaps || !pathName.endsWith('.map'),
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', cacheControlFor(appDir, filePath));
      // One URL, two bodies: caches must keep them apart by what the browser accepts.
      res.setHeader('vary', 'accept-encoding');
    },
  });
  const preloadHeader = routePreloadHeader(appDir);
  return (request, reply) => pageFallback(indexFile, preloadHeader, request, reply);
}

export function cacheControlFor(appDir: string, filePath: string): string {
  const relative = path.relative(appDir, filePath).split(path.sep);
  return relative[0] === 'assets' && relative.length > 1 ? IMMUTABLE : REVALIDATE;
}

// SPA fallback: a browser navigation to a deep link (/notes/<id>) gets index.html and the
// client-side router takes over; a missing script, image or non-GET request gets a 404.
async function pageFallback(
  indexFile: string,
  preloadHeader: (pagePath: string) => string | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendNotFound(request, reply);
  if (!(await exists(indexFile))) return sendError(reply, appNotBuilt());
  if (!acceptsHtml(request)) return sendNotFound(request, reply);
  const preloads = preloadHeader(request.url.split('?')[0] ?? '');
  if (preloads) reply.header('link', preloads);
  return reply.sendFile(path.basename(indexFile));
}

function acceptsHtml(request: FastifyRequest): boolean {
  return request.headers.accept?.includes('text/html') ?? false;
}

function appNotBuilt(): ApiError {
  return new ApiError(
    503,
    'app_not_built',
    'The web app has not been built yet: run `npm run build` (the API works meanwhile)',
  );
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
