import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows, selectByKeys } from '../../src/server/storage/bulk.ts';
import type { RecordsTable } from '../../src/server/storage/schema.ts';
import { BACKENDS, signUp, startServer, uniqueName } from '../server.ts';

/**
 * The push's bulk statements (src/server/storage/bulk.ts) are written differently for each
 * database (`unnest` and lateral lookups on PostgreSQL): both must store and find exactly the
 * same rows, nulls, 64-bit numbers and awkward text included.
 */
describe.each(BACKENDS)('bulk rows (%s)', (backend) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await startServer(backend);
  });
  afterAll(() => app.close());

  function record(userId: string, id: string, version: number): Selectable<RecordsTable> {
    return {
      user_id: userId,
      collection: 'notes',
      id,
      version,
      created_at: 1,
      updated_at: 2 ** 40,
      deleted_at: null,
      fields: JSON.stringify({ title: `{"a", b} \\ ${id}` }),
      set_adds: '{}',
      clocks: '{}',
      changed_by: null,
      replaced: null,
    };
  }

  /** The records of one user and collection with these ids, through the lookup under test. */
  function recordsOf(userId: string, collection: string, ids: string[]) {
    const { db, kind } = app.outpostDatabase;
    return selectByKeys(db, kind, 'records', { user_id: userId, collection }, 'id', ids);
  }

  it('inserts rows and finds exactly the keys asked for, of this user only', async () => {
    const { db, kind } = app.outpostDatabase;
    const [ada, bob] = [(await signUp(app)).userId, (await signUp(app)).userId];
    // Ids that a hand-written array literal would get wrong: commas, quotes, braces, NULL.
    const ids = ['plain', 'a,b', 'quote"d', '{brace}', 'NULL', uniqueName()];
    const rows = ids.map((id, index) => record(ada, id, 2 ** 33 + index));
    await db.transaction().execute(async (tx) => {
      await insertRows(tx, kind, 'records', rows).execute();
      await insertRows(tx, kind, 'records', [record(bob, 'plain', 1)]).execute();
    });

    const asked = ['a,b', 'NULL', 'missing', '{brace}'];
    const found = await recordsOf(ada, 'notes', asked);
    const byId = new Map(found.map((row) => [row.id, row]));
    expect([...byId.keys()].sort()).toEqual(['NULL', 'a,b', '{brace}']);
    expect(byId.get('a,b')).toEqual(rows[1]);
    expect(byId.get('NULL')).toEqual(rows[4]);
    const none = await recordsOf(ada, 'contacts', ids);
    expect(none).toEqual([]);
    expect(await selectByKeys(db, kind, 'records', { user_id: ada }, 'id', [])).toEqual([]);
    const bobs = await recordsOf(bob, 'notes', ids);
    expect(bobs).toEqual([record(bob, 'plain', 1)]);
  });

  it('an insert with onConflict replaces the row it meets, and keeps the others', async () => {
    const { db, kind } = app.outpostDatabase;
    const ada = (await signUp(app)).userId;
    await db
      .transaction()
      .execute((tx) =>
        insertRows(tx, kind, 'records', [record(ada, 'x', 1), record(ada, 'y', 1)]).execute(),
      );
    const deleted = { ...record(ada, 'x', 2), deleted_at: 5, changed_by: 'Phone' };
    await db.transaction().execute((tx) =>
      insertRows(tx, kind, 'records', [deleted])
        .onConflict((conflict) =>
          conflict.columns(['user_id', 'collection', 'id']).doUpdateSet((excluded) => ({
            version: excluded.ref('excluded.version'),
            deleted_at: excluded.ref('excluded.deleted_at'),
            changed_by: excluded.ref('excluded.changed_by'),
          })),
        )
        .execute(),
    );
    const found = await recordsOf(ada, 'notes', ['x', 'y']);
    expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual([deleted, record(ada, 'y', 1)]);
  });
});
