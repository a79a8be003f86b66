import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { BODY_LIMIT } from '../../../src/server/errors.ts';
import { BACKENDS } from '../../server.ts';
import {
  json,
  malformedJsonText,
  nested,
  nonObject,
  notOneOf,
  unknownKey,
  withValueAt,
} from './generators.ts';
import {
  BODY_ROUTES,
  expectInvalid,
  badInputSuite,
  ROUTES,
  runs,
  send,
  type BodyRoute,
} from './support.ts';

/**
 * Bad input (the contract is in support.ts), against JSON bodies as a whole (T1, T3, T4, P3):
 * arbitrary and malformed JSON, deep nesting, body size, Content-Type, and settings bodies of
 * the wrong shape.
 */

describe.each(BACKENDS)('bad input on %s', (backend) => {
  const { fx, property } = badInputSuite(backend);

  property('[T3] arbitrary JSON bodies get a T3 4xx on every body route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BODY_ROUTES), json, async (route, value) => {
        const { error } = await send(fx.app, fx.jsonRequest(route, JSON.stringify(value)));
        if (route === 'logout') expect(error?.status).toBe(401);
        else expectInvalid(error, JSON.stringify(value));
      }),
      runs(100),
    );
  });

  property(
    '[T1][T3] malformed JSON text gets 400 invalid_request on every body route',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...BODY_ROUTES),
          malformedJsonText,
          async (route, text) => {
            const { error } = await send(fx.app, fx.jsonRequest(route, text));
            expect(error?.status).toBe(400);
            expect(error?.code).toBe('invalid_request');
          },
        ),
        runs(100),
      );
    },
  );

  property('[T3] 1,000–20,000 levels of nesting get a 4xx, never a crash', async () => {
    const placements: Record<string, (deep: string) => [BodyRoute, string]> = {
      whole: (deep) => ['push', deep],
      title: (deep) => [
        'push',
        `{"clientId":"fuzzer","mutations":[{"id":"${randomUUID()}","collection":"notes",` +
          `"recordId":"${randomUUID()}","op":"put","baseVersion":0,"clientTime":1,` +
          `"set":{"title":${deep}}}]}`,
      ],
      clientId: (deep) => ['push', `{"clientId":${deep},"mutations":[]}`],
      username: (deep) => ['signup', `{"username":${deep},"password":"long enough"}`],
      login: (deep) => ['login', `{"username":"someone","password":${deep}}`],
      settings: (deep) => ['settingsPut', `{"conflictStrategy":{"notes":${deep}}}`],
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(placements)),
        fc.constantFrom('array', 'object', 'mixed' as const),
        fc.oneof(fc.constant(10_000), fc.integer({ min: 1_000, max: 20_000 })),
        fc.boolean(),
        async (placement, kind, depth, proto) => {
          const inner = proto ? '{"__proto__":{"x":1}}' : '0';
          const [route, text] = placements[placement]!(nested(kind, depth, inner));
          const { error } = await send(fx.app, fx.jsonRequest(route, text));
          expect(error?.status).toBe(400);
          expect(error?.code).toBe('invalid_request');
        },
      ),
      runs(40),
    );
  });

  property(
    '[T4] a body over 1 MiB gets 413 payload_too_large; one under it is judged',
    async () => {
      const head = '{"clientId":"fuzzer","mutations":[],"padding":"';
      const tail = '"}';
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...BODY_ROUTES),
          fc.oneof(
            fc.integer({ min: BODY_LIMIT - 64, max: BODY_LIMIT + 64 }),
            fc.constantFrom(BODY_LIMIT, BODY_LIMIT + 1, 2 * BODY_LIMIT, 5 * BODY_LIMIT),
          ),
          fc.constantFrom('a', 'é', '€', '😀'),
          async (route, size, unit) => {
            // Fill with multi-byte characters, then ASCII to reach exactly `size` bytes.
            const room = size - Buffer.byteLength(head + tail);
            const wide = unit.repeat(Math.floor(room / Buffer.byteLength(unit) / 2));
            const text = head + wide + 'a'.repeat(room - Buffer.byteLength(wide)) + tail;
            expect(Buffer.byteLength(text)).toBe(size);
            const { error } = await send(fx.app, fx.jsonRequest(route, text));
            if (size > BODY_LIMIT) {
              expect(error?.status).toBe(413);
              expect(error?.code).toBe('payload_too_large');
            } else {
              expect(error?.status).toBe(route === 'logout' ? 401 : 400);
            }
          },
        ),
        runs(40),
      );
    },
  );

  property(
    '[P3][T3] settings that are not {conflictStrategy: {notes, contacts}} get 400',
    async () => {
      const strategy = fc.constantFrom('ask', 'latest-wins');
      const badStrategy = notOneOf(['ask', 'latest-wins']);
      await fc.assert(
        fc.asyncProperty(
          fc
            .oneof(
              fc.record({ notes: badStrategy, contacts: strategy }),
              fc.record({ notes: strategy, contacts: badStrategy }),
              fc.record({ notes: strategy }),
              fc.record({ contacts: strategy }),
              fc
                .tuple(strategy, strategy, unknownKey(['notes', 'contacts']), strategy)
                .map(([notes, contacts, key, value]) =>
                  withValueAt({ notes, contacts }, [key], value),
                ),
              nonObject,
            )
            .map((conflictStrategy) => ({ conflictStrategy })),
          async (body) => {
            const { error } = await send(
              fx.app,
              fx.jsonRequest('settingsPut', JSON.stringify(body)),
            );
            expectInvalid(error, JSON.stringify(body));
          },
        ),
        runs(80),
      );
    },
  );

  property('[T1] a body without Content-Type: application/json gets 415', async () => {
    const mediaType = (value: string) => value.split(';')[0]!.trim().toLowerCase();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BODY_ROUTES),
        fc
          .oneof(
            fc.constant(undefined),
            fc.constantFrom(
              'text/plain',
              'text/json',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
              'application/jsonx',
              'application/json-seq',
              'application/ld+json',
              'application/vnd.api+json',
              'application/javascript',
              'text/html; charset=utf-8',
              'json',
              '',
              ' ',
              '*/*',
              'application/*',
              'application',
              '; application/json',
            ),
            fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
          )
          .filter((type) => type === undefined || mediaType(type) !== 'application/json'),
        fc.uuid({ version: 4 }),
        fc.uuid({ version: 4 }),
        async (route, type, recordId, mutationId) => {
          const headers = fx.headersFor(route, type === undefined ? {} : { 'content-type': type });
          const { error } = await send(fx.app, {
            ...ROUTES[route],
            headers,
            payload: fx.validBody(route, recordId, mutationId),
          });
          expect(error?.status, type).toBe(415);
          expect(error?.code).toBe('unsupported_media_type');
        },
      ),
      runs(100),
    );
  });
});
