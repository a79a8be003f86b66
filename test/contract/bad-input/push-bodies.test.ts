import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMAIL_PATTERN } from '../../../src/model/validation.ts';
import type { Mutation } from '../../../src/protocol/mutation.ts';
import { MAX_PUSH_MUTATIONS } from '../../../src/protocol/limits.ts';
import { BACKENDS, mutation, push, syncRequest } from '../../server.ts';
import { badMutation, badPushBody, toJsonText, unknownKey, validMutation } from './generators.ts';
import { expectInvalid, badInputSuite, runs, send, SNAKE_CASE } from './support.ts';

/**
 * Bad input (the contract is in support.ts), against push bodies (P7, T4, R1, P9): parts of the
 * wrong type, batch limits, mutations that break R1, and odd strings.
 */

describe.each(BACKENDS)('bad input on %s', (backend) => {
  const { fx, property } = badInputSuite(backend);

  it('[P7] the push template is valid, so each corruption of it alone is what gets refused', async () => {
    const valid = fc.sample(validMutation, 1)[0]!;
    const response = await push(fx.app, fx.scratch, [valid]);
    expect(response.results[0]?.status).toBe('applied');
  });

  property(
    '[P7][T3] a push body with any part of the wrong type gets 400 with details; nothing changes',
    async () => {
      await fc.assert(
        fc.asyncProperty(badPushBody, async (body) => {
          const text = toJsonText(body);
          const { error } = await send(fx.app, fx.jsonRequest('push', text));
          expectInvalid(error, text.slice(0, 300));
        }),
        runs(150),
      );
    },
  );

  property(
    '[T4][P7] 0 or 501 mutations, or one malformed among up to 500, get 400; nothing changes',
    async () => {
      const many = (count: number) =>
        Array.from({ length: count }, (_, i) =>
          mutation({ recordId: randomUUID(), set: { title: `bulk ${i}` } }),
        );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.constantFrom(0, MAX_PUSH_MUTATIONS + 1, MAX_PUSH_MUTATIONS + 2).map(many),
            fc
              .tuple(fc.integer({ min: 1, max: MAX_PUSH_MUTATIONS - 1 }), fc.nat(), badMutation)
              .map(([count, at, bad]) => {
                const mutations: unknown[] = many(count);
                mutations.splice(at % (count + 1), 0, bad);
                return mutations;
              }),
          ),
          async (mutations) => {
            const text = toJsonText({ clientId: 'fuzzer', mutations });
            const { error } = await send(fx.app, fx.jsonRequest('push', text));
            expectInvalid(error, `${mutations.length} mutations`);
          },
        ),
        runs(25),
      );
    },
  );

  property(
    '[P7][R1] mutations that break R1 are each rejected in a 200; nothing is applied',
    async () => {
      const noteFields = ['title', 'body', 'pinned', 'tags'];
      const contactFields = [
        'name',
        'email',
        'phone',
        'company',
        'notes',
        'favorite',
        'tags',
        'timesContacted',
      ];
      type Breach = { collection: 'notes' | 'contacts'; existing?: boolean } & Partial<Mutation>;
      const noteBreach: fc.Arbitrary<Breach> = fc
        .oneof(
          fc.string({ minLength: 501, maxLength: 700 }).map((title) => ({ set: { title } })),
          fc.constant({ set: { body: 'x'.repeat(100_001) } }),
          fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string())).map((title) => ({
            set: { title },
          })),
          fc.oneof(fc.string(), fc.integer(), fc.array(fc.string())).map((pinned) => ({
            set: { pinned },
          })),
          fc.oneof(fc.string(), fc.array(fc.string())).map((tags) => ({ set: { tags } })),
          unknownKey(noteFields)
            .filter((f) => f.length > 0)
            .map((field) => ({ set: { [field]: 'x' } })),
          fc.constantFrom('title', 'body', 'pinned', 'tags').map((f) => ({ inc: { [f]: 1 } })),
          fc.constantFrom('title', 'body', 'pinned').map((f) => ({ add: { [f]: ['x'] } })),
          fc.constantFrom('', ' ', 'x'.repeat(51)).map((tag) => ({ add: { tags: [tag] } })),
          fc.constant({ add: { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) } }),
        )
        .chain((breach) =>
          fc.boolean().map((existing) => ({ ...breach, collection: 'notes' as const, existing })),
        );
      const contactBreach: fc.Arbitrary<Breach> = fc
        .oneof(
          fc.constant({ set: { email: '' } }),
          fc.constantFrom('', ' ', 'x'.repeat(201)).map((name) => ({ set: { name } })),
          fc
            .string({ maxLength: 30 })
            .filter((email) => email !== '' && !EMAIL_PATTERN.test(email))
            .map((email) => ({ set: { name: 'N', email } })),
          fc
            .string({ minLength: 51, maxLength: 60 })
            .map((phone) => ({ set: { name: 'N', phone } })),
          fc.integer().map((n) => ({ set: { name: 'N', timesContacted: n } })),
          unknownKey(contactFields)
            .filter((f) => f.length > 0)
            .map((field) => ({ set: { name: 'N', [field]: 'x' } })),
        )
        .map((breach) => ({ ...breach, collection: 'contacts' as const }));
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(noteBreach, contactBreach), { minLength: 1, maxLength: 4 }),
          async (breaches) => {
            const mutations = breaches.map(({ existing, ...breach }) =>
              existing
                ? mutation({
                    recordId: fx.liveNote.id,
                    baseVersion: fx.liveNote.version,
                    ...breach,
                  })
                : mutation({ recordId: randomUUID(), ...breach }),
            );
            const { response } = await send(
              fx.app,
              fx.jsonRequest('push', JSON.stringify({ clientId: 'fuzzer', mutations })),
              [200],
            );
            expect(response.statusCode).toBe(200);
            const body = response.json<{ results: unknown[]; cursor: number }>();
            expect(body.cursor).toBe(fx.before.full.cursor);
            expect(body.results).toHaveLength(mutations.length);
            body.results.forEach((result, i) => {
              expect(result, JSON.stringify(breaches[i]).slice(0, 200)).toEqual({
                id: mutations[i]!.id,
                status: 'rejected',
                error: { code: expect.stringMatching(SNAKE_CASE), message: expect.any(String) },
              });
            });
          },
        ),
        runs(60),
      );
    },
  );

  property(
    '[T3][P9] control characters and unpaired surrogates in pushed strings never get a 5xx',
    async () => {
      const odd = fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        fc.constantFrom(
          '\u0000',
          'a\u0000b',
          '\ud800',
          '\udfff',
          '\u2028\u2029',
          '\ufeff',
          '\uffff',
        ),
      );
      await fc.assert(
        fc.asyncProperty(odd, odd, odd, async (clientId, title, tag) => {
          const m = mutation({
            recordId: randomUUID(),
            set: { title },
            add: { tags: [tag.slice(0, 50)] },
          });
          const response = await syncRequest(fx.app, fx.scratch, {
            method: 'POST',
            url: '/api/sync/push',
            payload: { clientId: clientId.slice(0, 64), mutations: [m] },
          });
          const label = `${JSON.stringify({ clientId, title, tag })} → ${response.statusCode} ${response.body}`;
          expect(response.statusCode, label).toBeLessThan(500);
          if (response.statusCode !== 200) {
            expect(response.json().error.code, label).toMatch(SNAKE_CASE);
          }
        }),
        runs(50),
      );
    },
  );
});
