import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Note } from '../../src/model/collections.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, PASSWORD_COST } from '../../src/server/auth/passwords.ts';
import { userStore } from '../../src/server/storage/users.ts';
import {
  BACKENDS,
  newNote,
  pull,
  push,
  signUp,
  startServer,
  syncRequest,
  uniqueName,
} from '../server.ts';

// Setting a hash directly involves no session: any lifetimes do.
const ANY_LIFETIMES = { idleMs: 60_000, maxMs: 60_000 };

describe.each(BACKENDS)('accounts and transport on %s', (backend) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await startServer(backend);
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });

  it('[S1] health names the storage backend and the protocol', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toEqual({ ok: true, storage: backend, protocol: 1 });
  });

  it('[A1] signup answers 201 with the user and a token; the username is case-folded', async () => {
    const name = uniqueName('Mixed');
    const response = await post('/api/auth/signup', { username: name, password: 'long enough' });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ user: { id: string; username: string }; token: string }>();
    expect(body.user.username).toBe(name.toLowerCase());
    expect(body.token.length).toBeGreaterThanOrEqual(32);
  });

  it('[A1] a taken username (in any case) gets 409 username_taken', async () => {
    const name = uniqueName();
    await signUp(app, name);
    const again = await post('/api/auth/signup', {
      username: name.toUpperCase(),
      password: 'long enough',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('username_taken');
  });

  it('[A1] bad usernames and passwords get 400 invalid_request with each problem', async () => {
    for (const payload of [
      { username: 'ab', password: 'long enough' },
      { username: 'has space', password: 'long enough' },
      { username: uniqueName(), password: 'short' },
      { username: uniqueName(), password: 'x'.repeat(201) },
      { username: uniqueName(), password: 'long enough', extra: true },
    ]) {
      const response = await post('/api/auth/signup', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
      expect(response.json().error.details.length).toBeGreaterThan(0);
    }
  });

  it('[A2] login works, and an unknown user and a wrong password get the same 401', async () => {
    const account = await signUp(app);
    const ok = await post('/api/auth/login', {
      username: account.username,
      password: 'correct horse',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.username).toBe(account.username);
    const wrong = await post('/api/auth/login', {
      username: account.username,
      password: 'wrong horse',
    });
    const unknown = await post('/api/auth/login', {
      username: uniqueName(),
      password: 'wrong horse',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('[A3] the session cookie is HttpOnly, SameSite=Strict, Path=/api and authenticates; logout revokes it', async () => {
    const response = await post('/api/auth/signup', {
      username: uniqueName(),
      password: 'long enough',
    });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(
      /^outpost_session=[^;]+; Max-Age=31536000; HttpOnly; SameSite=Strict; Path=\/api$/,
    );
    const pair = cookie.split(';')[0]!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: pair } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(response.json().user.id);

    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: pair },
    });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: pair },
    });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('[A3] a bearer token authenticates; a wrong one gets 401', async () => {
    const account = await signUp(app);
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${account.token}` },
    });
    expect(me.json().user.username).toBe(account.username);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Bearer nope' },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('[A4] passwords and tokens are stored only as hashes', async () => {
    const account = await signUp(app);
    const { db } = app.outpostDatabase;
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', account.userId)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$/);
    expect(user.password_hash).not.toContain('correct horse');
    const sessions = await db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', account.userId)
      .execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.token_hash).not.toBe(account.token);
  });

  describe('[A4] at the real cost', () => {
    let real: FastifyInstance;
    beforeAll(async () => {
      real = await startServer(backend, { passwordCost: PASSWORD_COST });
    });
    afterAll(async () => {
      await real.close();
    });
    const storedHash = async (userId: string) =>
      (
        await real.outpostDatabase.db
          .selectFrom('users')
          .select('password_hash')
          .where('id', '=', userId)
          .executeTakeFirstOrThrow()
      ).password_hash;
    const login = (username: string) =>
      real.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'correct horse' },
      });

    it('[A4] a new password is hashed with scrypt at N=2^17, r=8, p=1 (OWASP minimum)', async () => {
      const account = await signUp(real);
      expect(await storedHash(account.userId)).toMatch(/^scrypt\$131072\$8\$1\$/);
    });

    it('[A4] a hash made at a lower cost is made again at the next sign-in', async () => {
      const account = await signUp(real);
      const older = await hashPassword('correct horse', { N: 2 ** 14, r: 8, p: 1 });
      await userStore(real.outpostDatabase.db, ANY_LIFETIMES).setPasswordHash(
        account.userId,
        older,
      );
      expect((await login(account.username)).statusCode).toBe(200);
      expect(await storedHash(account.userId)).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect((await login(account.username)).statusCode).toBe(200);
    });

    it('[A4] a stored hash asking for an absurd cost is refused, not computed', async () => {
      const account = await signUp(real);
      const absurd = (await storedHash(account.userId)).replace(
        /^scrypt\$131072\$/,
        'scrypt$1073741824$',
      );
      await userStore(real.outpostDatabase.db, ANY_LIFETIMES).setPasswordHash(
        account.userId,
        absurd,
      );
      const refused = await login(account.username);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('invalid_credentials');
    });
  });

  it("[A5] no request of one user can read or change another user's records", async () => {
    const alice = await signUp(app);
    const bob = await signUp(app);
    const note = newNote({ title: 'Alice private', body: '', pinned: false });
    await push(app, alice, [note.create]);
    expect((await pull(app, bob)).changes).toEqual([]);
    // Bob writing the same record id makes a record of his own; Alice's is untouched.
    const bobs = await push(app, bob, [
      { ...note.create, id: randomUUID(), set: { title: 'Bob', body: '', pinned: false } },
    ]);
    expect(bobs.results[0]?.status).toBe('applied');
    const history = await syncRequest(app, bob, {
      method: 'GET',
      url: `/api/sync/history?collection=notes&id=${note.recordId}`,
    });
    expect(history.json().entries).toHaveLength(1);
    const alices = await pull(app, alice);
    expect(alices.changes.map((change) => (change.record as Note).title)).toEqual([
      'Alice private',
    ]);
    // Mutation ids are per user (P1): Alice's id is not a replay for Bob. It is decided
    // against Bob's own record, which already exists, so it collides with his title.
    const replay = await push(app, bob, [note.create]);
    expect(replay.results[0]).toMatchObject({ status: 'conflict', record: { title: 'Bob' } });
    expect(JSON.stringify(replay)).not.toContain('Alice private');
  });

  it('[T2] a missing or unsupported protocol version gets 426 protocol_unsupported', async () => {
    const account = await signUp(app);
    for (const version of [undefined, '2', 'abc']) {
      const headers: Record<string, string> = { authorization: `Bearer ${account.token}` };
      if (version) headers['outpost-protocol'] = version;
      const response = await app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers });
      expect(response.statusCode).toBe(426);
      expect(response.json().error.code).toBe('protocol_unsupported');
    }
  });

  it('[T3] sync routes without a session get 401 in the error shape', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/sync/pull?cursor=0',
      headers: { 'outpost-protocol': '1' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'unauthenticated', message: expect.any(String) },
    });
  });

  it('[T4] a push of 0 or 501 mutations and a pull limit over 1000 get 400', async () => {
    const account = await signUp(app);
    const empty = await syncRequest(app, account, {
      method: 'POST',
      url: '/api/sync/push',
      payload: { clientId: 'd', mutations: [] },
    });
    expect(empty.statusCode).toBe(400);
    const many = Array.from({ length: 501 }, () => newNote().create);
    const tooMany = await syncRequest(app, account, {
      method: 'POST',
      url: '/api/sync/push',
      payload: { clientId: 'd', mutations: many },
    });
    expect(tooMany.statusCode).toBe(400);
    const limit = await syncRequest(app, account, {
      method: 'GET',
      url: '/api/sync/pull?cursor=0&limit=1001',
    });
    expect(limit.statusCode).toBe(400);
    expect((await pull(app, account)).changes).toEqual([]);
  });
});
