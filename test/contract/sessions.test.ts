import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionListSchema } from '../../src/protocol/auth.ts';
import { deleteEndedSessions } from '../../src/server/storage/sessions.ts';
import {
  BACKENDS,
  newNote,
  push,
  signUp,
  startServer,
  syncRequest,
  uniqueName,
  type Account,
} from '../server.ts';

const DAY = 24 * 60 * 60 * 1000;
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const FIREFOX_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0';

/**
 * [A6] Sessions that end by themselves (2 days unused or 5 in all here, on a fake clock), that
 * their person can see and end, a password change that ends the others, and account deletion
 * that leaves no row behind (issue 14).
 */
describe.each(BACKENDS)('sessions on %s', (backend) => {
  let app: FastifyInstance;
  let time = Date.now();
  beforeAll(async () => {
    app = await startServer(backend, {
      now: () => time,
      config: { sessionIdleDays: 2, sessionMaxDays: 5 },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const as = (token: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });
  const signedIn = async (token: string) =>
    (await as(token, { method: 'GET', url: '/api/auth/me' })).statusCode;
  const login = async (username: string, password = 'correct horse', userAgent?: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      headers: userAgent ? { 'user-agent': userAgent } : {},
    });
    return { status: response.statusCode, token: String(response.json().token) };
  };
  const sessionsOf = async (token: string) => {
    const response = await as(token, { method: 'GET', url: '/api/auth/sessions' });
    expect(response.statusCode).toBe(200);
    return SessionListSchema.parse(response.json()).sessions;
  };

  it('[A6] a session unused for its idle lifetime ends; one in use lasts to its absolute lifetime', async () => {
    const idle = await signUp(app);
    time += 2 * DAY - 1;
    expect(await signedIn(idle.token)).toBe(200); // in use: its idle lifetime starts again
    time += 2 * DAY - 1;
    expect(await signedIn(idle.token)).toBe(200);
    time += 2 * DAY;
    expect(await signedIn(idle.token)).toBe(401);

    const busy = await signUp(app);
    for (let day = 1; day < 5; day++) {
      time += DAY;
      expect(await signedIn(busy.token)).toBe(200);
    }
    time += DAY; // five days since sign-in, however busy
    const ended = await as(busy.token, { method: 'GET', url: '/api/auth/me' });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.code).toBe('unauthenticated');
    // Signing in again starts a new session.
    expect(await signedIn((await login(busy.username)).token)).toBe(200);
  });

  it('[A6] the session cookie lasts as long as the absolute lifetime', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { username: uniqueName(), password: 'correct horse' },
    });
    expect(String(response.headers['set-cookie'])).toContain(`Max-Age=${5 * 24 * 60 * 60};`);
  });

  it('[A6] the sessions list names each device and browser, marks this one and shows no secret', async () => {
    const phone = await signUp(app);
    const laptop = await login(phone.username, 'correct horse', FIREFOX_MAC);
    const other = await login(phone.username, 'correct horse', CHROME_ANDROID);
    const pushed = await syncRequest(
      app,
      { ...phone, token: other.token },
      {
        method: 'POST',
        url: '/api/sync/push',
        payload: { clientId: 'device-b', deviceName: 'Pixel', mutations: [newNote().create] },
      },
    );
    expect(pushed.statusCode).toBe(200);
    time += 61_000;
    expect(await signedIn(laptop.token)).toBe(200);

    const sessions = await sessionsOf(laptop.token);
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({ browser: 'Firefox on macOS', current: true });
    expect(sessions.find((session) => session.deviceName === 'Pixel')).toMatchObject({
      browser: 'Chrome on Android',
      current: false,
    });
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    const text = JSON.stringify(sessions);
    for (const token of [phone.token, laptop.token, other.token]) expect(text).not.toContain(token);
  });

  it('[A6] signing out one session ends it alone; an id that is not one of mine is 404', async () => {
    const me = await signUp(app);
    const second = await login(me.username);
    const stranger = await signUp(app);
    const [, secondInfo] = await sessionsOf(me.token).then((list) =>
      list.sort((a) => (a.current ? -1 : 1)),
    );
    const theirs = (await sessionsOf(stranger.token))[0]!;

    const foreign = await as(me.token, {
      method: 'DELETE',
      url: `/api/auth/sessions/${theirs.id}`,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('session_not_found');
    expect(await signedIn(stranger.token)).toBe(200);

    const ended = await as(me.token, {
      method: 'DELETE',
      url: `/api/auth/sessions/${secondInfo!.id}`,
    });
    expect(ended.statusCode).toBe(204);
    expect(await signedIn(second.token)).toBe(401);
    expect(await signedIn(me.token)).toBe(200);
  });

  it('[A6] an ended session cannot be signed out (404), and the purge deletes its row', async () => {
    const me = await signUp(app);
    const old = await login(me.username);
    const oldId = (await sessionsOf(old.token)).find((session) => session.current)!.id;
    time += DAY;
    expect(await signedIn(me.token)).toBe(200); // `me` in use; `old` not
    time += DAY; // `old` unused for its idle lifetime
    expect(await signedIn(me.token)).toBe(200);
    const gone = await as(me.token, { method: 'DELETE', url: `/api/auth/sessions/${oldId}` });
    expect(gone.statusCode).toBe(404);

    const other = await login(me.username);
    time += 2 * DAY;
    await deleteEndedSessions(app.outpostDatabase.db, { idleMs: 2 * DAY, maxMs: 5 * DAY }, time);
    const rows = await app.outpostDatabase.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', me.userId)
      .execute();
    expect(rows).toEqual([]);
    expect(await signedIn(other.token)).toBe(401);
  });

  it('[A6] sign out all others ends every session but this one', async () => {
    const me = await signUp(app);
    const others = [await login(me.username), await login(me.username)];
    const response = await as(me.token, {
      method: 'POST',
      url: '/api/auth/sessions/sign-out-others',
    });
    expect(response.json()).toEqual({ signedOut: 2 });
    for (const other of others) expect(await signedIn(other.token)).toBe(401);
    expect(await signedIn(me.token)).toBe(200);
    expect(await sessionsOf(me.token)).toHaveLength(1);
  });

  it('[A6] a password change needs the current password and ends the other sessions', async () => {
    const me = await signUp(app);
    const other = await login(me.username);
    const change = (password: string) =>
      as(me.token, {
        method: 'POST',
        url: '/api/auth/password',
        payload: { password, newPassword: 'a new passphrase' },
      });

    const wrong = await change('not my password');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('wrong_password');
    expect(await signedIn(other.token)).toBe(200);

    const changed = await change('correct horse');
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ signedOut: 1 });
    expect(await signedIn(other.token)).toBe(401);
    expect(await signedIn(me.token)).toBe(200);
    expect((await login(me.username)).status).toBe(401);
    expect((await login(me.username, 'a new passphrase')).status).toBe(200);
  });

  it('[A6] deleting the account needs the password and leaves no row of it on the server', async () => {
    const me = await signUp(app);
    await push(app, me, [newNote().create, newNote().create]);
    const other = await login(me.username);
    const remove = (password: string) =>
      as(me.token, { method: 'POST', url: '/api/auth/account/delete', payload: { password } });

    const wrong = await remove('not my password');
    expect(wrong.statusCode).toBe(403);
    expect(await rowsOf(me)).toMatchObject({ users: 1, records: 2, sessions: 2 });
    // On PostgreSQL the limits count in the database, under the user's id.
    if (backend === 'postgres') expect((await rowsOf(me)).rate_limits).toBeGreaterThan(0);

    const deleted = await remove('correct horse');
    expect(deleted.statusCode).toBe(204);
    expect(String(deleted.headers['set-cookie'])).toContain('Max-Age=0');
    expect(await rowsOf(me)).toEqual({
      users: 0,
      sessions: 0,
      records: 0,
      history: 0,
      mutation_results: 0,
      rate_limits: 0,
    });
    expect(await signedIn(me.token)).toBe(401);
    expect(await signedIn(other.token)).toBe(401);
    // The name is free again, for a new and empty account.
    const again = await signUp(app, me.username);
    expect(again.userId).not.toBe(me.userId);
  });

  async function rowsOf(account: Account) {
    const db = app.outpostDatabase.db;
    const count = async (table: 'sessions' | 'records' | 'history' | 'mutation_results') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('user_id', '=', account.userId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const users = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', account.userId)
      .execute();
    const limits = await db
      .selectFrom('rate_limits')
      .select('key')
      .where('key', '=', account.userId)
      .execute();
    return {
      rate_limits: limits.length,
      users: users.length,
      sessions: await count('sessions'),
      records: await count('records'),
      history: await count('history'),
      mutation_results: await count('mutation_results'),
    };
  }
});
