import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { inlineStyleSources } from './pageStyles.ts';

/**
 * The Content-Security-Policy of the app. Everything comes from our own origin: the bundle,
 * its CSS files, the service worker, the manifest and the `/api` calls.
 *
 * - `style-src 'self'` without 'unsafe-inline': the one inline <style> of the built index.html
 *   (its start-up CSS) is allowed by its hash, added per answer (`registerSecurity`); there are
 *   no style="" attributes in the HTML. React's `style={…}` prop is fine: React sets it through
 *   the CSSOM (element.style), which CSP does not block.
 * - `img-src data:` lets CSS and components use small inline images (e.g. SVG data URLs).
 * - No `upgrade-insecure-requests` (helmet adds it by default): on http://127.0.0.1 it makes
 *   the browser ask for https://127.0.0.1 and the app never loads.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
} as const satisfies Record<string, readonly string[]>;

/**
 * Security headers on every answer (pages, assets, API and errors alike): the CSP above plus
 * helmet's defaults (X-Content-Type-Options, Referrer-Policy: no-referrer, X-Frame-Options: DENY,
 * Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy, HSTS, which browsers ignore over
 * plain http).
 */
export async function registerSecurity(app: FastifyInstance, indexFile: string): Promise<void> {
  const pageStyles = inlineStyleSources(indexFile);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...mutableDirectives(),
        'style-src': [...CSP_DIRECTIVES['style-src'], pageStyles],
      },
    },
    // Matches frame-ancestors 'none' for browsers that only know X-Frame-Options.
    frameguard: { action: 'deny' },
    // COEP would only be needed for SharedArrayBuffer, which the app does not use.
    crossOriginEmbedderPolicy: false,
  });
}

/** helmet's directive values: a source, or a function that gives sources per answer. */
type DirectiveSource = string | (() => string);

function mutableDirectives(): Record<string, DirectiveSource[]> {
  return Object.fromEntries(
    Object.entries(CSP_DIRECTIVES).map(([name, values]) => [name, [...values]]),
  );
}
