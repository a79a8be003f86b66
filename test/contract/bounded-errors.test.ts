import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, newNote, signUp, startServer, syncRequest } from '../server.ts';

/** [T3] An error answer is small whatever the request that drew it (issue 14). */
describe.each(BACKENDS)('bounded error answers on %s', (backend) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await startServer(backend);
  });
  afterAll(async () => {
    await app.close();
  });

  it('[T3] 500 mutations with 150 unknown fields each: a 400 of a few KB naming the first problems', async () => {
    const account = await signUp(app);
    const unknown = Object.fromEntries(Array.from({ length: 150 }, (_, n) => [`f${n}`, 'v']));
    const mutations = Array.from({ length: 500 }, () => ({
      ...newNote().create,
      ...unknown,
    }));
    const response = await syncRequest(app, account, {
      method: 'POST',
      url: '/api/sync/push',
      payload: { clientId: 'device-a', mutations },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{
      error: { code: string; details: { path: unknown[]; message: string }[] };
    }>();
    expect(error.code).toBe('invalid_request');
    expect(response.body.length).toBeLessThan(32 * 1024);
    expect(error.details.length).toBeLessThanOrEqual(51);
    expect(error.details[0]?.path).toEqual(['mutations', 0]);
    expect(error.details.at(-1)?.message).toMatch(/^…and \d+ more problems like these$/);
  });
});
