import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { COLLECTIONS } from '../../../src/model/collections.ts';
import type { PullResponse } from '../../../src/protocol/sync.ts';
import { BACKENDS } from '../../server.ts';
import { badNumberText, notOneOf, unknownKey } from './generators.ts';
import { expectInvalid, badInputSuite, percentEncode, queryOf, runs, send } from './support.ts';

/**
 * Bad input (the contract is in support.ts), against the queries of pull and history (L1, H1,
 * T3): cursors and limits, collections and ids, unknown or repeated parameters, any query text.
 */

describe.each(BACKENDS)('bad input on %s', (backend) => {
  const { fx, property } = badInputSuite(backend);

  property('[L1][T3] pull with a bad cursor, limit or parameter gets 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          badNumberText.map((cursor): [string, string][] => [['cursor', cursor]]),
          fc
            .oneof(badNumberText, fc.constantFrom('0', '1001', '100000'))
            .map((limit): [string, string][] => [
              ['cursor', '0'],
              ['limit', limit],
            ]),
          fc.constant<[string, string][]>([['limit', '10']]),
          fc.constant<[string, string][]>([]),
          fc.constant<[string, string][]>([
            ['cursor', '0'],
            ['cursor', '0'],
          ]),
          fc.constant<[string, string][]>([
            ['cursor', '0'],
            ['limit', '5'],
            ['limit', '5'],
          ]),
          fc
            .tuple(unknownKey(['cursor', 'limit']), fc.stringMatching(/^[a-z0-9]{0,8}$/))
            .map(([key, value]): [string, string][] => [
              ['cursor', '0'],
              [encodeURIComponent(key), value],
            ]),
          fc.constant<[string, string][]>([
            ['cursor', '0'],
            ['protocol', '1'],
          ]),
        ),
        async (pairs) => {
          const url = `/api/sync/pull?${queryOf(pairs)}`;
          const { error } = await send(fx.app, {
            method: 'GET',
            url,
            headers: fx.headersFor('pull'),
          });
          expectInvalid(error, url);
        },
      ),
      runs(100),
    );
  });

  property('[L1] pull with any query text gets a valid answer or a T3 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.stringMatching(/^[a-z0-9=&%+.,;_-]{0,40}$/),
          fc
            .tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }))
            .map(
              ([cursor, limit]) => `cursor=${percentEncode(cursor)}&limit=${percentEncode(limit)}`,
            ),
          fc
            .string({ unit: 'grapheme-ascii', maxLength: 20 })
            .map((cursor) => `cursor=${cursor.replace(/[#\s]/g, '')}`),
        ),
        async (query) => {
          const url = `/api/sync/pull?${query}`;
          const { response, error } = await send(
            fx.app,
            { method: 'GET', url, headers: fx.headersFor('pull') },
            [200],
          );
          if (error) {
            expect(error.status).toBe(400);
            return;
          }
          const body = response.json<PullResponse>();
          expect(Object.keys(body).sort()).toEqual(['changes', 'cursor', 'hasMore']);
          expect(Number.isSafeInteger(body.cursor)).toBe(true);
        },
      ),
      runs(100),
    );
  });

  property('[H1][T3] history with a bad collection, id or parameter gets 400', async () => {
    const id = () => fx.liveNote.id;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          notOneOf(COLLECTIONS)
            .filter((c): c is string => typeof c === 'string')
            .map((c): [string, string][] => [
              ['collection', percentEncode(c)],
              ['id', id()],
            ]),
          fc.constant<[string, string][]>([['id', id()]]),
          fc.constant<[string, string][]>([['collection', 'notes']]),
          fc.constant<[string, string][]>([
            ['collection', 'notes'],
            ['id', ''],
          ]),
          fc.string({ minLength: 65, maxLength: 100 }).map((long): [string, string][] => [
            ['collection', 'notes'],
            ['id', percentEncode(long)],
          ]),
          fc.constant<[string, string][]>([
            ['collection', 'notes'],
            ['collection', 'notes'],
            ['id', id()],
          ]),
          fc.constant<[string, string][]>([
            ['collection', 'notes'],
            ['id', id()],
            ['id', id()],
          ]),
          fc
            .tuple(unknownKey(['collection', 'id']), fc.stringMatching(/^[a-z0-9]{0,8}$/))
            .map(([key, value]): [string, string][] => [
              ['collection', 'notes'],
              ['id', id()],
              [encodeURIComponent(key), value],
            ]),
        ),
        async (pairs) => {
          const url = `/api/sync/history?${queryOf(pairs)}`;
          const { error } = await send(fx.app, {
            method: 'GET',
            url,
            headers: fx.headersFor('history'),
          });
          expectInvalid(error, url);
        },
      ),
      runs(100),
    );
  });

  property(
    '[H1][A5] history of an unknown record id is an empty 200; an id that is not a UUID is 400',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...COLLECTIONS),
          fc.oneof(
            fc.uuid().map((id) => ({ id, valid: true })),
            fc
              .oneof(
                fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
                fc.constantFrom(
                  '\u0000',
                  'a\u0000b',
                  '\ud800',
                  "' OR 1=1 --",
                  '%',
                  '../../etc/passwd',
                ),
              )
              .map((id) => ({ id, valid: false })),
          ),
          async (collection, { id, valid }) => {
            const url = `/api/sync/history?collection=${collection}&id=${percentEncode(id)}`;
            const { response } = await send(
              fx.app,
              { method: 'GET', url, headers: fx.headersFor('history') },
              valid ? [200] : [],
            );
            if (valid) {
              expect(response.statusCode, id).toBe(200);
              expect(response.json()).toEqual({ entries: [] });
            } else {
              expect(response.statusCode, JSON.stringify(id)).toBe(400);
            }
          },
        ),
        runs(60),
      );
    },
  );
});
