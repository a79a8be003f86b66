import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STREAMS_PER_USER } from '../../src/server/routes/events.ts';
import { BACKENDS, listen, newNote, openEvents, push, signUp, startServer } from '../server.ts';

describe.each(BACKENDS)('events on %s', (backend) => {
  let app: FastifyInstance;
  let baseUrl: string;
  beforeAll(async () => {
    app = await startServer(backend, { keepaliveMs: 200 });
    baseUrl = await listen(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it(`[E1] past ${MAX_STREAMS_PER_USER} open streams of a user, the oldest is closed and told to come back in a minute`, async () => {
    const alice = await signUp(app);
    const streams = [];
    for (let n = 0; n < MAX_STREAMS_PER_USER; n++) {
      const stream = await openEvents(baseUrl, alice);
      await stream.waitFor(/: connected/, 1_000);
      streams.push(stream);
    }
    const [oldest, ...others] = streams;
    const newest = await openEvents(baseUrl, alice);
    await newest.waitFor(/: connected/, 1_000);
    await oldest?.ended;
    expect(oldest?.text()).toMatch(/retry: 60000\n\n$/);
    // The others stay open, and are still poked.
    const { cursor } = await push(app, alice, [newNote().create]);
    const poke = new RegExp(`"cursor":${cursor}`);
    for (const stream of [...others, newest]) await stream.waitFor(poke, 1_000);
    await Promise.all([...others, newest].map((stream) => stream.close()));
  });

  it('[A6][E1] a session that ends has its event streams ended at once; the others go on', async () => {
    const alice = await signUp(app);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: alice.username, password: 'correct horse' },
    });
    const laptop = { ...alice, token: String(login.json().token) };
    const [phoneStream, laptopStream] = [
      await openEvents(baseUrl, alice),
      await openEvents(baseUrl, laptop),
    ];
    await laptopStream.waitFor(/: connected/, 1_000);
    const signedOut = await app.inject({
      method: 'POST',
      url: '/api/auth/sessions/sign-out-others',
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(signedOut.json()).toEqual({ signedOut: 1 });
    await laptopStream.ended;
    // The phone's stream is still open and poked.
    const { cursor } = await push(app, alice, [newNote().create]);
    await phoneStream.waitFor(new RegExp(`"cursor":${cursor}`), 1_000);
    expect(laptopStream.text()).not.toContain(`"cursor":${cursor}`);
    await phoneStream.close();
  });

  it('[E1] a commit pokes every open stream of that user within a second, and no one else', async () => {
    const alice = await signUp(app);
    const bob = await signUp(app);
    const first = await openEvents(baseUrl, alice);
    const second = await openEvents(baseUrl, alice);
    const bobs = await openEvents(baseUrl, bob);
    expect(first.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await first.waitFor(/: connected/, 1_000);
    await second.waitFor(/: connected/, 1_000);
    await bobs.waitFor(/: connected/, 1_000);

    const { cursor } = await push(app, alice, [newNote().create]);
    const poke = new RegExp(`event: poke\\ndata: \\{"cursor":${cursor}\\}\\n\\n`);
    expect(await first.waitFor(poke, 1_000)).toBeLessThan(1_000);
    expect(await second.waitFor(poke, 1_000)).toBeLessThan(1_000);
    expect(bobs.text()).not.toContain('poke');
    await Promise.all([first.close(), second.close(), bobs.close()]);
  });

  it('[E1] a push that changes nothing pokes no one', async () => {
    const account = await signUp(app);
    const note = newNote();
    const stream = await openEvents(baseUrl, account);
    await stream.waitFor(/: connected/, 1_000);
    await push(app, account, [note.create]);
    await stream.waitFor(/"cursor":1/, 1_000);
    await push(app, account, [note.create]); // a replay (P1): nothing changes
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.text().match(/event: poke/g)).toHaveLength(1);
    await stream.close();
  });

  it('[E2] an idle stream gets comment lines', async () => {
    const account = await signUp(app);
    const stream = await openEvents(baseUrl, account);
    await stream.waitFor(/: keepalive\n\n[\s\S]*: keepalive\n\n/, 2_000);
    await stream.close();
  });

  it('[T2] the stream without a protocol version gets 426, and without a session 401', async () => {
    const account = await signUp(app);
    const noVersion = await fetch(`${baseUrl}/api/sync/events`, {
      headers: { authorization: `Bearer ${account.token}` },
    });
    expect(noVersion.status).toBe(426);
    const noSession = await fetch(`${baseUrl}/api/sync/events?protocol=1`);
    expect(noSession.status).toBe(401);
    expect((await noSession.json()).error.code).toBe('unauthenticated');
  });
});

describe.runIf(BACKENDS.includes('postgres'))('events across instances', () => {
  it('[E1][S3] a push on one instance pokes a stream held by another within a second', async () => {
    const one = await startServer('postgres');
    const two = await startServer('postgres');
    try {
      const twoUrl = await listen(two);
      const account = await signUp(one);
      const stream = await openEvents(twoUrl, account);
      await stream.waitFor(/: connected/, 1_000);
      const { cursor } = await push(one, account, [newNote().create]);
      expect(await stream.waitFor(new RegExp(`"cursor":${cursor}`), 1_000)).toBeLessThan(1_000);
      await stream.close();
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('[E1][S3] the committing instance pokes its own streams once, not again on its own NOTIFY', async () => {
    const one = await startServer('postgres');
    const two = await startServer('postgres');
    try {
      const [oneUrl, twoUrl] = [await listen(one), await listen(two)];
      const account = await signUp(one);
      const [here, there] = [await openEvents(oneUrl, account), await openEvents(twoUrl, account)];
      await Promise.all([here.waitFor(/: connected/, 1_000), there.waitFor(/: connected/, 1_000)]);
      const first = await push(one, account, [newNote().create]);
      const second = await push(one, account, [newNote().create]);
      for (const stream of [here, there]) {
        await stream.waitFor(new RegExp(`"cursor":${second.cursor}`), 1_000);
      }
      // Both notifications have gone round the database by now: a doubled poke would show.
      await there.waitFor(new RegExp(`"cursor":${first.cursor}`), 1_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const pokes = (text: string) => text.match(/event: poke/g)?.length ?? 0;
      expect(pokes(here.text())).toBe(2);
      expect(pokes(there.text())).toBe(2);
      await Promise.all([here.close(), there.close()]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
