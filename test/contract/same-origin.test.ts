import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/protocol/version.ts';
import { BACKENDS, newNote, signUp, startServer, type Account } from '../server.ts';

/**
 * [A3] A state-changing request carried by the session cookie is refused when a page of another
 * site or origin made it (issue 14: logout CSRF, also from another port of the same host, which
 * SameSite does not stop). Bearer requests and requests from no page at all are not affected.
 */
describe.each(BACKENDS)('cross-origin requests on %s', (backend) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await startServer(backend);
  });
  afterAll(async () => {
    await app.close();
  });

  // inject() sends Host: localhost:80.
  const cookie = (account: Account) => ({ cookie: `outpost_session=${account.token}` });
  const logout = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/auth/logout', headers });
  const signedIn = async (headers: Record<string, string>) =>
    (await app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode === 200;

  it.each([
    ['another site (Origin)', { origin: 'http://evil.example' }],
    ['another port of this host (Origin)', { origin: 'http://localhost:8081' }],
    ['an opaque origin (Origin: null)', { origin: 'null' }],
    ['a same-site page (Sec-Fetch-Site)', { 'sec-fetch-site': 'same-site' }],
    [
      'another site (Sec-Fetch-Site, over a matching Origin)',
      {
        'sec-fetch-site': 'cross-site',
        origin: 'http://localhost',
      },
    ],
  ])('[A3] a cookie logout from %s is refused with 403 cross_origin', async (_from, headers) => {
    const account = await signUp(app);
    const response = await logout({ ...cookie(account), ...headers });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'cross_origin' } });
    expect(await signedIn(cookie(account))).toBe(true);
  });

  it.each([
    ['the same origin (Origin)', { origin: 'http://localhost' }],
    ['the same origin (Sec-Fetch-Site)', { 'sec-fetch-site': 'same-origin' }],
    ['no page at all (neither header)', {}],
  ])('[A3] a cookie logout from %s is done', async (_from, headers) => {
    const account = await signUp(app);
    const response = await logout({ ...cookie(account), ...headers });
    expect(response.statusCode).toBe(204);
    expect(await signedIn(cookie(account))).toBe(false);
  });

  it('[A3] a cookie push from another site changes nothing; with a bearer token it is applied', async () => {
    const account = await signUp(app);
    const push = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: {
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          origin: 'http://evil.example',
          ...headers,
        },
        payload: { clientId: 'device-a', mutations: [newNote({ title: 'From afar' }).create] },
      });
    const byCookie = await push(cookie(account));
    expect(byCookie.statusCode).toBe(403);
    expect(byCookie.json()).toMatchObject({ error: { code: 'cross_origin' } });
    const byBearer = await push({ authorization: `Bearer ${account.token}` });
    expect(byBearer.statusCode).toBe(200);
  });

  it.each([
    ['sign out the other sessions', 'POST', '/api/auth/sessions/sign-out-others', undefined],
    ['change the password', 'POST', '/api/auth/password', { newPassword: 'taken over!' }],
    ['delete the account', 'POST', '/api/auth/account/delete', {}],
  ] as const)(
    '[A3][A6] a cookie request from another site to %s is refused and changes nothing',
    async (_what, method, url, body) => {
      const account = await signUp(app);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: account.username, password: 'correct horse' },
      });
      const second = { ...account, token: String(login.json().token) };
      const response = await app.inject({
        method,
        url,
        headers: { ...cookie(account), origin: 'http://evil.example' },
        ...(body && { payload: { password: 'correct horse', ...body } }),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'cross_origin' } });
      expect(await signedIn(cookie(account))).toBe(true);
      expect(await signedIn(cookie(second))).toBe(true);
    },
  );

  it('[A3] reading stays allowed: the guard is for requests that change something', async () => {
    const account = await signUp(app);
    expect(await signedIn({ ...cookie(account), 'sec-fetch-site': 'cross-site' })).toBe(true);
  });

  it.each(['bearer', 'BEARER', 'Bearer'])(
    '[A3] the %s scheme authenticates (RFC 7235: schemes are case-insensitive)',
    async (scheme) => {
      const account = await signUp(app);
      expect(await signedIn({ authorization: `${scheme} ${account.token}` })).toBe(true);
    },
  );
});
