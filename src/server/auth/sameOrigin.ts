import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import { bearerToken } from './session.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * [A3] Refuses a state-changing request that a page of another site (or another port of this
 * host) made with the person's session cookie: a cross-site request forgery. SameSite=Strict
 * stops other sites, but not a page on another port of the same host, which is the same site.
 *
 * The browser says where a request comes from: `Sec-Fetch-Site` where it sends it (every
 * current browser), else `Origin`. A request with neither is not from a browser page, so no
 * cookie of a victim rides on it. Bearer requests are exempt: a page of another origin cannot
 * set the Authorization header of a request to this one (the server allows no CORS).
 */
export function assertSameOrigin(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method) || bearerToken(request) !== undefined) return;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    // 'none': the person made the request themselves (typed or bookmarked), not a page.
    if (site === 'same-origin' || site === 'none') return;
    throw crossOrigin();
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const own = hostOf(`${request.protocol}://${request.headers.host ?? ''}`);
  if (own === undefined || hostOf(origin) !== own) throw crossOrigin();
}

/**
 * The host (and port, unless the scheme's default) a URL names; undefined for 'null' or anything
 * unreadable. Only hosts are compared: behind a TLS proxy the server sees http, the page https.
 */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

function crossOrigin(): ApiError {
  return new ApiError(
    403,
    'cross_origin',
    'This request came from another site or page, not from Outpost itself: it was refused',
  );
}
