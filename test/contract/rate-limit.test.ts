import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  BACKENDS,
  listen,
  newNote,
  openEvents,
  signUp,
  startServer,
  syncRequest,
  uniqueName,
} from '../server.ts';

describe('rate limits', () => {
  it('[T3] sign-in attempts past the limit get 429 rate_limited with Retry-After', async () => {
    const app = await startServer('sqlite', {
      rateLimits: { auth: { limit: 3, windowMs: 60_000 } },
    });
    try {
      const attempt = () =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: uniqueName(), password: 'wrong password' },
        });
      for (let index = 0; index < 3; index++) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited.json().error.code).toBe('rate_limited');
    } finally {
      await app.close();
    }
  });

  it('[T3] pushes past the limit get 429 with Retry-After and change nothing', async () => {
    let time = 1_000_000;
    const app = await startServer('sqlite', {
      now: () => time,
      rateLimits: { push: { limit: 2, windowMs: 10_000 } },
    });
    try {
      const account = await signUp(app);
      const send = (mutation = newNote().create) =>
        syncRequest(app, account, {
          method: 'POST',
          url: '/api/sync/push',
          payload: { clientId: 'd', mutations: [mutation] },
        });
      expect((await send()).statusCode).toBe(200);
      expect((await send()).statusCode).toBe(200);
      const limited = await send();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('10');
      const pulled = await syncRequest(app, account, {
        method: 'GET',
        url: '/api/sync/pull?cursor=0',
      });
      expect(pulled.json().changes).toHaveLength(2);
      time += 10_000; // the window has passed
      expect((await send()).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it.each([
    ['pull', { method: 'GET', url: '/api/sync/pull?cursor=0' }],
    ['history', { method: 'GET', url: `/api/sync/history?collection=notes&id=${randomUUID()}` }],
    ['settings', { method: 'GET', url: '/api/sync/settings' }],
  ] as const)(
    '[T3] %s requests past the limit get 429 with Retry-After, per user, until the window ends',
    async (_route, request) => {
      let time = 1_000_000;
      const app = await startServer('sqlite', {
        now: () => time,
        rateLimits: { sync: { limit: 2, windowMs: 10_000 } },
      });
      try {
        const [account, other] = [await signUp(app), await signUp(app)];
        expect((await syncRequest(app, account, request)).statusCode).toBe(200);
        expect((await syncRequest(app, account, request)).statusCode).toBe(200);
        const limited = await syncRequest(app, account, request);
        expect(limited.statusCode).toBe(429);
        expect(limited.json().error.code).toBe('rate_limited');
        expect(limited.headers['retry-after']).toBe('10');
        expect((await syncRequest(app, other, request)).statusCode).toBe(200);
        time += 10_000;
        expect((await syncRequest(app, account, request)).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    },
  );

  it('[T3] event streams opened past the limit get 429 instead of a stream', async () => {
    const app = await startServer('sqlite', {
      rateLimits: { events: { limit: 1, windowMs: 60_000 } },
    });
    try {
      const account = await signUp(app);
      const baseUrl = await listen(app);
      const stream = await openEvents(baseUrl, account);
      const refused = await fetch(`${baseUrl}/api/sync/events?protocol=1`, {
        headers: { authorization: `Bearer ${account.token}` },
      });
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
      await stream.close();
    } finally {
      await app.close();
    }
  });

  it('[T3] account requests (who am I, sessions, sign-out) past the limit get 429, per user', async () => {
    const app = await startServer('sqlite', {
      rateLimits: { account: { limit: 2, windowMs: 60_000 } },
    });
    try {
      const [account, other] = [await signUp(app), await signUp(app)];
      const as = ({ token }: { token: string }, method: 'GET' | 'POST', url: string) =>
        app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
      expect((await as(account, 'GET', '/api/auth/me')).statusCode).toBe(200);
      expect((await as(account, 'GET', '/api/auth/sessions')).statusCode).toBe(200);
      for (const [method, url] of [
        ['GET', '/api/auth/me'],
        ['POST', '/api/auth/logout'],
      ] as const) {
        const limited = await as(account, method, url);
        expect(limited.statusCode).toBe(429);
        expect(limited.json().error.code).toBe('rate_limited');
      }
      expect((await as(other, 'GET', '/api/auth/me')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('[T3] health checks past the limit get 429, per client address', async () => {
    const app = await startServer('sqlite', {
      rateLimits: { health: { limit: 2, windowMs: 60_000 } },
    });
    try {
      const check = (remoteAddress: string) =>
        app.inject({ method: 'GET', url: '/api/health', remoteAddress });
      expect((await check('10.0.0.1')).statusCode).toBe(200);
      expect((await check('10.0.0.1')).statusCode).toBe(200);
      expect((await check('10.0.0.1')).statusCode).toBe(429);
      expect((await check('10.0.0.2')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe.runIf(BACKENDS.includes('postgres'))('rate limits across instances', () => {
  it('[T3] two instances on one PostgreSQL share each limit: N instances do not allow N times the guesses', async () => {
    const rateLimits = { auth: { limit: 3, windowMs: 60_000 } };
    const [one, two] = [
      await startServer('postgres', { rateLimits }),
      await startServer('postgres', { rateLimits }),
    ];
    try {
      // A client address of this test's own: the instances share the table with other tests.
      const remoteAddress = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      const attempt = (app: typeof one) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: uniqueName(), password: 'wrong password' },
          remoteAddress,
        });
      expect((await attempt(one)).statusCode).toBe(401);
      expect((await attempt(two)).statusCode).toBe(401);
      expect((await attempt(one)).statusCode).toBe(401);
      for (const app of [two, one]) {
        const limited = await attempt(app);
        expect(limited.statusCode).toBe(429);
        expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('[T3] instances counting at once lose no count', async () => {
    let time = 5_000_000;
    const options = { now: () => time, rateLimits: { push: { limit: 10, windowMs: 10_000 } } };
    const [one, two] = [
      await startServer('postgres', options),
      await startServer('postgres', options),
    ];
    try {
      const account = await signUp(one);
      const send = (app: typeof one) =>
        syncRequest(app, account, {
          method: 'POST',
          url: '/api/sync/push',
          payload: { clientId: 'd', mutations: [newNote().create] },
        });
      const statuses = await Promise.all(
        Array.from({ length: 16 }, (_, index) => send(index % 2 ? one : two)),
      ).then((responses) => responses.map((response) => response.statusCode));
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(6);
      time += 10_000; // the window has passed, for both
      expect((await send(two)).statusCode).toBe(200);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
