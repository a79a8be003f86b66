import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { PROTOCOL_HEADER } from '../../../src/protocol/version.ts';
import { BACKENDS } from '../../server.ts';
import { badInputSuite, KNOWN_PATHS, METHODS, ROUTES, runs, send } from './support.ts';

/**
 * Bad input (the contract is in support.ts), against paths and what routes ignore (T3, S1, A3):
 * unknown paths and wrong methods, percent-encoding garbage in paths and queries, and the
 * queries and headers that health, me and settings do not use.
 */

describe.each(BACKENDS)('bad input on %s', (backend) => {
  const { fx, property } = badInputSuite(backend);

  property('[T3] unknown /api paths and wrong methods get 404 not_found', async () => {
    const segment = fc.stringMatching(/^[a-z0-9_~-][a-z0-9._~-]{0,15}$/);
    const unknownPath = fc
      .array(segment, { minLength: 0, maxLength: 4 })
      .map((segments) => `/api${segments.map((s) => `/${s}`).join('')}`)
      .filter((path) => !(path in KNOWN_PATHS));
    const knownPathWrongMethod = fc
      .constantFrom(...Object.keys(KNOWN_PATHS))
      .chain((path) =>
        fc
          .constantFrom(...METHODS.filter((m) => !KNOWN_PATHS[path]!.includes(m)))
          .map((method) => ({ path, method })),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .tuple(unknownPath, fc.constantFrom(...METHODS))
            .map(([path, method]) => ({ path, method })),
          fc
            .tuple(
              fc.constantFrom('/api/auth', '/api/sync', '/api/_faults', '/api'),
              fc.constantFrom(...METHODS),
            )
            .map(([path, method]) => ({ path, method })),
          knownPathWrongMethod,
        ),
        fc.constantFrom('', '?x=1', '?cursor=0'),
        fc.boolean(),
        async ({ path, method }, query, signedIn) => {
          const headers: Record<string, string> = signedIn
            ? { authorization: `Bearer ${fx.account.token}`, [PROTOCOL_HEADER]: '1' }
            : {};
          const { error } = await send(fx.app, { method, url: path + query, headers });
          // DELETE /api/auth/sessions/<anything> is a route [A6]: signed in, no session by that
          // id; signed out, a request that needs a session.
          const sessionById = method === 'DELETE' && /^\/api\/auth\/sessions\/[^/]+$/.test(path);
          const expected = !sessionById
            ? { status: 404, code: 'not_found' }
            : signedIn
              ? { status: 404, code: 'session_not_found' }
              : { status: 401, code: 'unauthenticated' };
          expect(error && { status: error.status, code: error.code }, `${method} ${path}`).toEqual(
            expected,
          );
        },
      ),
      runs(100),
    );
  });

  property('[T3] percent-encoding garbage in /api paths gets a T3 4xx', async () => {
    const garbage = fc.oneof(
      fc.constantFrom('%', '%2', '%zz', '%E0%A4%A', '%C0%80', '%C0%AF', '%FF', '%00', '%ED%A0%80'),
      fc
        .tuple(fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom('', 'a', '/x'))
        .map(([byte, after]) => `%${byte.toString(16)}${after}`),
    );
    await fc.assert(
      fc.asyncProperty(
        // Not the event stream: signed in, a request that got through would stay open.
        fc.constantFrom(...Object.keys(KNOWN_PATHS).filter((p) => !p.endsWith('/events')), '/api'),
        garbage,
        fc.constantFrom('GET', 'POST', 'PUT'),
        fc.constantFrom('path', 'query'),
        async (path, bad, method, where) => {
          const url = where === 'path' ? `${path}/${bad}` : `${path}?cursor=${bad}&${bad}=1`;
          // Signed in, except for logout: a logout that got through would revoke the session.
          const bearer = path.endsWith('/logout') ? 'not-a-session' : fx.account.token;
          // A GET route that reads no query (health, me, settings) answers a garbage query 200.
          // So does signing out the other sessions (POST), which reads neither query nor body.
          const ignoresQuery =
            where === 'query' &&
            ((method === 'GET' &&
              (KNOWN_PATHS[path]?.includes('GET') ?? false) &&
              !/\/(pull|history)$/.test(path)) ||
              (method === 'POST' && path.endsWith('/sign-out-others')));
          const { response, error } = await send(
            fx.app,
            {
              method,
              url,
              headers: { authorization: `Bearer ${bearer}`, [PROTOCOL_HEADER]: '1' },
            },
            ignoresQuery ? [200] : [],
          );
          if (ignoresQuery) expect(response.statusCode, url).toBe(200);
          else expect(error?.status, url).toBeGreaterThanOrEqual(400);
        },
      ),
      runs(80),
    );
  });

  property(
    '[S1][A3] health, me and settings ignore garbage queries and headers they do not use',
    async () => {
      const junkQuery = fc.oneof(
        fc.stringMatching(/^[a-z0-9=&%+.;_-]{0,30}$/),
        fc.constantFrom('%', '%E0%A4%A', 'a=1&a=2', '=', '&&', 'cursor=-1'),
      );
      const junkHeader = fc.string({ unit: 'grapheme-ascii', maxLength: 40 });
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('health' as const, 'settingsGet' as const, 'me' as const),
          junkQuery,
          junkHeader,
          async (route, query, junk) => {
            const { response } = await send(
              fx.app,
              {
                ...ROUTES[route],
                url: `${ROUTES[route].url}?${query}`,
                headers: { ...fx.headersFor(route), 'x-junk': junk, accept: junk },
              },
              [200],
            );
            expect(response.statusCode).toBe(200);
            if (route === 'health') {
              expect(response.json()).toEqual({ ok: true, storage: backend, protocol: 1 });
            } else if (route === 'settingsGet') {
              expect(response.json()).toEqual(fx.before.settings);
            } else {
              expect(response.json().user.username).toBe(fx.account.username);
            }
          },
        ),
        runs(50),
      );
    },
  );
});
