import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { PROTOCOL_HEADER } from '../../../src/protocol/version.ts';
import { BACKENDS, uniqueName } from '../../server.ts';
import { json, MISSING, nonString, unknownKey, withValueAt } from './generators.ts';
import {
  expectInvalid,
  badInputSuite,
  PASSWORD,
  ROUTES,
  runs,
  send,
  SYNC_ROUTES,
} from './support.ts';

/**
 * Bad input (the contract is in support.ts), against who is asking (A1–A3, T2): signup and
 * login bodies, credentials and cookies, and the protocol header.
 */

describe.each(BACKENDS)('bad input on %s', (backend) => {
  const { fx, property } = badInputSuite(backend);

  property('[A1][A2] signup and login with bad usernames and passwords get 400', async () => {
    const validName = /^[a-z0-9_.-]{3,32}$/;
    const badUsername = fc.oneof(
      nonString,
      fc.string({ maxLength: 40 }).filter((s) => !validName.test(s.toLowerCase())),
      fc.stringMatching(/^[a-z0-9_.-]{0,2}$/),
      fc.stringMatching(/^[a-z0-9_.-]{33,40}$/),
      fc.constantFrom('İstanbul', 'user name', 'user\u0000', 'ＡＢＣ', 'a\u0301bc'),
    );
    const badPassword = fc.oneof(
      nonString,
      fc.string({ maxLength: 7 }),
      fc.string({ minLength: 201, maxLength: 260 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('signup' as const, 'login' as const),
        fc.oneof(
          fc.record({ username: badUsername, password: fc.constant(PASSWORD) }),
          fc.record({ username: fc.constant('fuzz_user'), password: badPassword }),
          fc.record({ username: badUsername, password: badPassword }),
          fc.record({ username: fc.constant(MISSING), password: fc.constant(PASSWORD) }),
          fc.record({ username: fc.constant('fuzz_user'), password: fc.constant(MISSING) }),
          fc
            .tuple(unknownKey(['username', 'password']), json)
            .map(([key, value]) =>
              withValueAt({ username: uniqueName('fuzz'), password: PASSWORD }, [key], value),
            ),
        ),
        async (route, body) => {
          const clean = Object.fromEntries(
            Object.entries(body as object).filter(([, v]) => v !== MISSING),
          );
          const text = JSON.stringify(clean);
          const { error } = await send(fx.app, fx.jsonRequest(route, text));
          expectInvalid(error, text);
        },
      ),
      runs(100),
    );
  });

  property(
    '[T2] sync requests without Outpost-Protocol: 1 get 426 protocol_unsupported',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...SYNC_ROUTES),
          fc.oneof(
            fc.constant(undefined),
            fc.constantFrom(
              '',
              '0',
              '2',
              '1.0',
              '01',
              'v1',
              '1,1',
              '1, 1',
              'one',
              '-1',
              '１',
              '1/1',
            ),
            fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).filter((v) => v.trim() !== '1'),
            fc.array(fc.constantFrom('1', '2'), { minLength: 2, maxLength: 3 }),
          ),
          fc.uuid({ version: 4 }),
          fc.uuid({ version: 4 }),
          async (route, version, recordId, mutationId) => {
            const request = fx.validRequest(route, recordId, mutationId);
            const headers: Record<string, string | string[]> = {
              authorization: `Bearer ${fx.account.token}`,
              ...(request.headers as Record<string, string>),
            };
            if (version !== undefined) headers[PROTOCOL_HEADER] = version;
            const { error } = await send(fx.app, { ...request, headers });
            expect(error?.status, JSON.stringify(version)).toBe(426);
            expect(error?.code).toBe('protocol_unsupported');
          },
        ),
        runs(100),
      );
    },
  );

  property('[A3] garbage Authorization headers and cookies get 401 unauthenticated', async () => {
    const token = fx.account.token;
    const garbageAuthorization = fc
      .oneof(
        fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
        fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((s) => `Bearer ${s}`),
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Bearer    ',
          'Basic dXNlcjpwYXNzd29yZA==',
          'Token abc',
          'Bearer null',
          'Bearer undefined',
          token,
          `Bearer ${token.slice(1)}`,
          `Bearer ${token.slice(0, -1)}`,
          `Bearer ${token}x`,
          `Bearer ${token}${token}`,
          `Bearer ${token.split('').reverse().join('')}`,
          `Bearer ${encodeURIComponent(`${token} `)}x`,
        ),
        fc.nat({ max: token.length - 1 }).map((i) => {
          const flipped = token[i] === 'A' ? 'B' : 'A';
          return `Bearer ${token.slice(0, i)}${flipped}${token.slice(i + 1)}`;
        }),
      )
      .filter((v) => !(v.startsWith('Bearer ') && v.slice(7).trim() === token));
    const garbageCookie = fc
      .oneof(
        fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
        fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((s) => `outpost_session=${s}`),
        fc.constantFrom(
          'outpost_session=%',
          'outpost_session=%E0%A4%A',
          'outpost_session=%zz',
          'outpost_session=%00',
          'outpost_session',
          'outpost_session=',
          '=;;=',
          ';',
          'outpost_session=a; outpost_session=b',
          `other=${token}`,
          `outpost_session=${token}x`,
          `outpost_session=x${token}`,
          `outpost_session="${token}"`,
          `Outpost_Session=${token}`,
        ),
      )
      .filter((v) => !v.split(';').some((part) => part.trim() === `outpost_session=${token}`));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('me', 'logout', ...SYNC_ROUTES),
        fc.option(garbageAuthorization, { nil: undefined }),
        fc.option(garbageCookie, { nil: undefined }),
        fc.uuid({ version: 4 }),
        async (route, authorization, cookie, recordId) => {
          const request =
            route === 'me' || route === 'logout'
              ? { ...ROUTES[route], headers: {} }
              : fx.validRequest(route, recordId, randomUUID());
          const headers: Record<string, string> = {
            ...(request.headers as Record<string, string>),
            [PROTOCOL_HEADER]: '1',
          };
          if (authorization !== undefined) headers.authorization = authorization;
          if (cookie !== undefined) headers.cookie = cookie;
          const { error } = await send(fx.app, { ...request, headers });
          const label = JSON.stringify({ authorization, cookie });
          // 401 is the answer; an undecodable cookie may also be refused as a bad request.
          expect([401, 400], label).toContain(error?.status);
          if (error?.status === 401) expect(error.code, label).toBe('unauthenticated');
        },
      ),
      runs(100),
    );
  });
});

describe.each(BACKENDS)('bad input to account routes on %s', (backend) => {
  const { fx, property } = badInputSuite(backend);

  property(
    '[A6] bad bodies to the password change and account deletion get 400 and change nothing',
    async () => {
      const badPassword = fc.oneof(nonString, fc.string({ minLength: 201, maxLength: 260 }));
      const badNewPassword = fc.oneof(
        nonString,
        fc.string({ maxLength: 7 }),
        fc.string({ minLength: 201, maxLength: 260 }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({
              url: fc.constant('/api/auth/password'),
              body: fc.oneof(
                fc.record({ password: badPassword, newPassword: fc.constant('long enough') }),
                fc.record({ password: fc.constant(PASSWORD), newPassword: badNewPassword }),
                fc.record({ password: fc.constant(PASSWORD) }),
                fc
                  .tuple(unknownKey(['password', 'newPassword']), json)
                  .map(([key, value]) =>
                    withValueAt({ password: PASSWORD, newPassword: 'long enough' }, [key], value),
                  ),
              ),
            }),
            fc.record({
              url: fc.constant('/api/auth/account/delete'),
              body: fc.oneof(
                fc.record({ password: badPassword }),
                fc.constant({}),
                fc
                  .tuple(unknownKey(['password']), json)
                  .map(([key, value]) => withValueAt({ password: PASSWORD }, [key], value)),
              ),
            }),
          ),
          async ({ url, body }) => {
            const text = JSON.stringify(body);
            const { error } = await send(fx.app, {
              method: 'POST',
              url,
              payload: text,
              headers: fx.headersFor('me', { 'content-type': 'application/json' }),
            });
            expectInvalid(error, text);
          },
        ),
        runs(100),
      );
    },
  );

  property(
    '[A6] ending a session by an id that is none of mine gets 404 and ends nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uuid(),
            fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 120 }),
            fc.constantFrom('..', '%2e%2e', 'null', '0', 'sign-out-others', fx.scratch.token),
          ),
          async (id) => {
            const { error } = await send(fx.app, {
              method: 'DELETE',
              url: `/api/auth/sessions/${encodeURIComponent(id)}`,
              headers: fx.headersFor('me'),
            });
            expect([404, 400], id).toContain(error?.status);
          },
        ),
        runs(100),
      );
    },
  );
});
