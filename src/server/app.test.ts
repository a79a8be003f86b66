import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { testConfig } from './testing.ts';
import { BODY_LIMIT } from './errors.ts';

// An app dir without index.html: these tests are about the API, not the pages.
const emptyAppDir = mkdtempSync(path.join(tmpdir(), 'outpost-app-'));
const config: Config = testConfig({ appDir: emptyAppDir });

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The app plus test-only routes, registered before the app is ready. */
async function testApp(overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  app = await buildApp({ ...config, ...overrides });
  app.post('/api/test/echo', async (request) => ({ received: request.body }));
  app.get('/api/test/boom', async () => {
    throw new Error('secret internals at /home/db.sqlite');
  });
  app.get('/api/test/zod', async () => z.object({ name: z.string() }).parse({ name: 42 }));
  return app;
}

function expectErrorShape(body: unknown, code: string): void {
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
}

describe('GET /api/health', () => {
  it('[S1] answers ok, the storage kind and the protocol version', async () => {
    const response = await (await testApp()).inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, storage: 'sqlite', protocol: 1 });
    expect(PROTOCOL_VERSION).toBe(1);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('[S1][F1] says faults: true only when fault injection is on', async () => {
    const faultsOn = { faults: true, faultsToken: 'a-token-for-this-test' };
    const response = await (await testApp(faultsOn)).inject({ url: '/api/health' });
    expect(response.json()).toEqual({ ok: true, storage: 'sqlite', protocol: 1, faults: true });
  });
});

describe('error answers', () => {
  it('[T3] unknown api route answers 404 in the error shape', async () => {
    const response = await (await testApp()).inject({ method: 'GET', url: '/api/nope?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expectErrorShape(response.json(), 'not_found');
  });

  it('[T3] unknown api route with another method answers 404 in the error shape', async () => {
    const response = await (
      await testApp()
    ).inject({
      method: 'DELETE',
      url: '/api/health/x',
    });
    expect(response.statusCode).toBe(404);
    expectErrorShape(response.json(), 'not_found');
  });

  it('[T3] malformed JSON answers 400 invalid_request', async () => {
    const response = await (
      await testApp()
    ).inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"mutations": [',
    });
    expect(response.statusCode).toBe(400);
    expectErrorShape(response.json(), 'invalid_request');
  });

  it('[T3] an empty JSON body answers 400 invalid_request', async () => {
    const response = await (
      await testApp()
    ).inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(response.statusCode).toBe(400);
    expectErrorShape(response.json(), 'invalid_request');
  });

  it('[T1] accepts a JSON body', async () => {
    const response = await (
      await testApp()
    ).inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { a: 1 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: { a: 1 } });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    '[T1][T3] a %s body answers 415 unsupported_media_type',
    async (contentType) => {
      const response = await (
        await testApp()
      ).inject({
        method: 'POST',
        url: '/api/test/echo',
        headers: { 'content-type': contentType },
        payload: 'a=1',
      });
      expect(response.statusCode).toBe(415);
      expectErrorShape(response.json(), 'unsupported_media_type');
    },
  );

  it('[T1][T3] a body without a content type answers 415 unsupported_media_type', async () => {
    const response = await (
      await testApp()
    ).inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: Buffer.from('{"a":1}'),
    });
    expect(response.statusCode).toBe(415);
    expectErrorShape(response.json(), 'unsupported_media_type');
  });

  it('[T4][T3] a body over 1 MiB answers 413 payload_too_large', async () => {
    const payload = JSON.stringify({ text: 'x'.repeat(BODY_LIMIT) });
    const response = await (
      await testApp()
    ).inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(413);
    expectErrorShape(response.json(), 'payload_too_large');
  });

  it('[T4] a body of just under 1 MiB is accepted', async () => {
    const payload = JSON.stringify({ text: 'x'.repeat(BODY_LIMIT - 100) });
    const response = await (
      await testApp()
    ).inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(200);
  });

  it('[T3] an unexpected error answers 500 internal without a stack or its message', async () => {
    const response = await (await testApp()).inject({ method: 'GET', url: '/api/test/boom' });
    expect(response.statusCode).toBe(500);
    expectErrorShape(response.json(), 'internal');
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('at ');
  });

  it('[T3] a schema failure answers 400 invalid_request with each problem and its path', async () => {
    const response = await (await testApp()).inject({ method: 'GET', url: '/api/test/zod' });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; details: unknown } }>();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details).toEqual([{ path: ['name'], message: expect.any(String) }]);
  });

  it('[T3] a malformed URL answers 400 invalid_request', async () => {
    const response = await (await testApp()).inject({ method: 'GET', url: '/api/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expectErrorShape(response.json(), 'invalid_request');
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and helmet defaults on API answers', async () => {
    const response = await (await testApp()).inject({ method: 'GET', url: '/api/health' });
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['cross-origin-embedder-policy']).toBeUndefined();
  });

  it('[T3] sends them on error answers too', async () => {
    const response = await (await testApp()).inject({ method: 'GET', url: '/api/nope' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
