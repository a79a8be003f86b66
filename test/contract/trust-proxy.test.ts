import { describe, expect, it } from 'vitest';
import { startServer, uniqueName } from '../server.ts';

/**
 * [A3] Behind a TLS proxy the server sees plain http from the proxy's address. With
 * OUTPOST_TRUST_PROXY it believes the proxy's X-Forwarded-Proto and -For: the session cookie
 * gets Secure, and per-address limits count each client, not the proxy. Without it, those
 * headers are anyone's to send, and are ignored.
 */
describe('a trusted proxy', () => {
  const signUpVia = (
    app: Awaited<ReturnType<typeof startServer>>,
    headers: Record<string, string>,
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { username: uniqueName(), password: 'correct horse' },
      headers,
      remoteAddress: '10.0.0.9',
    });
  const forwarded = (client: string) => ({
    'x-forwarded-proto': 'https',
    'x-forwarded-for': client,
  });

  it('[A3] trusted, its https makes the cookie Secure and its client addresses count apart', async () => {
    const app = await startServer('sqlite', {
      config: { trustProxy: ['10.0.0.9'] },
      rateLimits: { auth: { limit: 1, windowMs: 60_000 } },
    });
    try {
      const first = await signUpVia(app, forwarded('203.0.113.1'));
      expect(first.statusCode).toBe(201);
      expect(String(first.headers['set-cookie'])).toMatch(/; Secure$/);
      expect((await signUpVia(app, forwarded('203.0.113.2'))).statusCode).toBe(201);
      expect((await signUpVia(app, forwarded('203.0.113.1'))).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('[A3] not trusted (the default), forwarded headers change nothing', async () => {
    const app = await startServer('sqlite', {
      rateLimits: { auth: { limit: 1, windowMs: 60_000 } },
    });
    try {
      const first = await signUpVia(app, forwarded('203.0.113.1'));
      expect(first.statusCode).toBe(201);
      expect(String(first.headers['set-cookie'])).not.toContain('Secure');
      // A new forwarded address is no way around the limit of the address the server sees.
      expect((await signUpVia(app, forwarded('203.0.113.2'))).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});
