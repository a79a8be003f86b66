import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS_TOKEN_HEADER } from '../../src/server/faults.ts';
import {
  listen,
  newNote,
  pull,
  signUp,
  startServer,
  TEST_FAULTS_TOKEN,
  type Account,
} from '../server.ts';

/** [F1] faults exist only with OUTPOST_FAULTS=1, and do what they say over real sockets. */
describe('faults', () => {
  let app: FastifyInstance;
  let baseUrl: string;
  let account: Account;
  beforeAll(async () => {
    app = await startServer('sqlite', { faults: true });
    baseUrl = await listen(app);
    account = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
  });

  const armed = { [FAULTS_TOKEN_HEADER]: TEST_FAULTS_TOKEN };
  const faults = (body: unknown, token: Record<string, string> = armed) =>
    fetch(`${baseUrl}/api/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...token },
      body: JSON.stringify(body),
    });
  const clear = (token: Record<string, string> = armed) =>
    fetch(`${baseUrl}/api/_faults`, { method: 'DELETE', headers: token });
  const pushOverHttp = (mutations: unknown[]) =>
    fetch(`${baseUrl}/api/sync/push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${account.token}`,
        'outpost-protocol': '1',
      },
      body: JSON.stringify({ clientId: 'd', mutations }),
    });

  it('[F1] without OUTPOST_FAULTS=1 the fault routes are 404', async () => {
    const plain = await startServer('sqlite');
    const set = await plain.inject({
      method: 'POST',
      url: '/api/_faults',
      payload: { offline: true },
    });
    // GET too: the app's network lab relies on this 404 to stay hidden.
    const read = await plain.inject({ method: 'GET', url: '/api/_faults' });
    const clearAll = await plain.inject({ method: 'DELETE', url: '/api/_faults' });
    for (const response of [set, read, clearAll]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    await plain.close();
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { [FAULTS_TOKEN_HEADER]: 'not-the-faults-token' }],
    ['a token one character short', { [FAULTS_TOKEN_HEADER]: TEST_FAULTS_TOKEN.slice(0, -1) }],
  ])('[F1] with %s, arming or clearing a fault is 403 and changes nothing', async (_, token) => {
    expect((await faults({ latencyMs: 5 })).status).toBe(200);
    for (const response of [await faults({ offline: true }, token), await clear(token)]) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'faults_token_invalid' } });
    }
    expect(await (await fetch(`${baseUrl}/api/_faults`)).json()).toEqual({ latencyMs: 5 });
    expect((await clear()).status).toBe(200);
  });

  it('[F1] GET answers the current faults: what POST set, and {} after DELETE', async () => {
    const read = async () => {
      const response = await fetch(`${baseUrl}/api/_faults`);
      expect(response.status).toBe(200);
      return response.json();
    };
    expect(await read()).toEqual({});
    await faults({ latencyMs: 20, failNext: { count: 2, status: 429 } });
    const set = await faults({ dropAfterCommit: 1 });
    // POST merges into what was set before and answers with the result, as GET does.
    const expected = { latencyMs: 20, failNext: { count: 2, status: 429 }, dropAfterCommit: 1 };
    expect(await set.json()).toEqual(expected);
    expect(await read()).toEqual(expected);
    await clear();
    expect(await read()).toEqual({});
  });

  it('[F1] GET still answers while offline, so the lab can turn it back off', async () => {
    await faults({ offline: true });
    const response = await fetch(`${baseUrl}/api/_faults`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ offline: true });
    await clear();
  });

  it('[F1] failNext answers the next N requests with the status, in the error shape', async () => {
    await faults({ failNext: { count: 2, status: 503 } });
    const first = await fetch(`${baseUrl}/api/health`);
    const second = await fetch(`${baseUrl}/api/health`);
    const third = await fetch(`${baseUrl}/api/health`);
    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await first.json()).error.code).toBe('internal');
    await clear();
  });

  it('[F1] dropAfterCommit commits the push and destroys the connection without an answer', async () => {
    const note = newNote();
    await faults({ dropAfterCommit: 1 });
    await expect(pushOverHttp([note.create])).rejects.toThrow();
    expect((await pull(app, account)).changes.map((change) => change.record.id)).toContain(
      note.recordId,
    );
    // The retry (same mutation id) is answered, and applied only once (P1).
    const retry = await pushOverHttp([note.create]);
    expect(retry.status).toBe(200);
    expect((await retry.json()).results[0]).toMatchObject({ status: 'applied', version: 1 });
    await clear();
  });

  it('[F1] offline destroys every /api connection except the fault routes; latency delays answers', async () => {
    await faults({ offline: true });
    await expect(fetch(`${baseUrl}/api/health`)).rejects.toThrow();
    await clear();
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    await faults({ latencyMs: 150 });
    const start = Date.now();
    await fetch(`${baseUrl}/api/health`);
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    await clear();
  });

  it('[F1] bad fault settings get 400 in the error shape', async () => {
    const response = await faults({ failNext: { count: -1, status: 200 } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_request');
  });
});
