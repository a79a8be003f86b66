import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import type { Schema } from '../src/server/storage/schema.ts';
import { testConfig } from '../src/server/testing.ts';
import { formatMs, type Row } from './stats.ts';
import { rateLimitCost } from './rateLimitCost.ts';
import { signedUp } from './serverClient.ts';
import { worstPushBenchmarks } from './worstPush.ts';

/**
 * Server figures for `npm run bench`: push throughput (batches of 100) and building a pull of
 * 10,000 changes, on SQLite and on PostgreSQL (when TEST_DATABASE_URL names one), each against
 * a raw baseline through the same driver in the same run: plain multi-row inserts of the same
 * rows into a table shaped like `records`, and plain selects of them in the same pages.
 */
const MUTATIONS = 10_000;
const BATCH = 100;
const PAGE = 1_000;
const FIXED_COST_PUSHES = 200;

function noteMutations(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    collection: 'notes' as const,
    recordId: randomUUID(),
    op: 'put' as const,
    baseVersion: 0,
    set: {
      title: `Note ${index}`,
      body: `Line one of note ${index}\nA second line.`,
      pinned: false,
    },
    add: { tags: ['work'] },
    clientTime: Date.now(),
  }));
}

/** The `records` row a creation of `row` leaves, at `version`: what both raw baselines insert. */
function recordRow(userId: string, row: ReturnType<typeof noteMutations>[number], version: number) {
  return {
    user_id: userId,
    collection: 'notes',
    id: row.recordId,
    version,
    created_at: 1,
    updated_at: 1,
    deleted_at: null,
    fields: JSON.stringify(row.set),
    set_adds: '{}',
    clocks: '{}',
  };
}

async function rawBaseline(db: Kysely<Schema>, rows: ReturnType<typeof noteMutations>) {
  await sql`DROP TABLE IF EXISTS bench_raw`.execute(db);
  await sql`CREATE TABLE bench_raw (user_id text, collection text, id text, version bigint, created_at bigint,
    updated_at bigint, deleted_at bigint, fields text, set_adds text, clocks text, PRIMARY KEY (user_id, collection, id))`.execute(
    db,
  );
  const raw = db as unknown as Kysely<{ bench_raw: Record<string, unknown> }>;
  let start = performance.now();
  for (let offset = 0; offset < rows.length; offset += BATCH) {
    const batch = rows
      .slice(offset, offset + BATCH)
      .map((row, index) => recordRow('u', row, offset + index + 1));
    await raw.transaction().execute((tx) => tx.insertInto('bench_raw').values(batch).execute());
  }
  const insertMs = performance.now() - start;
  start = performance.now();
  for (let version = 0; version < rows.length; version += PAGE) {
    await raw
      .selectFrom('bench_raw')
      .selectAll()
      .where('version', '>', version)
      .orderBy('version')
      .limit(PAGE + 1)
      .execute();
  }
  const selectMs = performance.now() - start;
  await sql`DROP TABLE bench_raw`.execute(db);
  return { insertMs, selectMs };
}

/**
 * The floor for this storage design: the rows a push of creations writes (a record, a history
 * entry and a stored result per mutation) inserted raw into the real tables, with their indexes.
 */
async function rawAllTables(
  db: Kysely<Schema>,
  userId: string,
  rows: ReturnType<typeof noteMutations>,
) {
  const start = performance.now();
  for (let offset = 0; offset < rows.length; offset += BATCH) {
    const batch = rows.slice(offset, offset + BATCH);
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('records')
        .values(batch.map((row, index) => recordRow(userId, row, offset + index + 1)))
        .execute();
      await tx
        .insertInto('history')
        .values(
          batch.map((row, index) => ({
            user_id: userId,
            collection: 'notes',
            record_id: row.recordId,
            version: offset + index + 1,
            at: 1,
            client_id: 'raw',
            op: 'put',
            previous: '{}',
          })),
        )
        .execute();
      await tx
        .insertInto('mutation_results')
        .values(
          batch.map((row, index) => ({
            user_id: userId,
            mutation_id: row.id,
            created_at: 1,
            result: JSON.stringify({ id: row.id, status: 'applied', version: offset + index + 1 }),
          })),
        )
        .execute();
    });
  }
  return performance.now() - start;
}

/** Pushes `mutations` in requests of `batch`, one after another; returns the milliseconds. */
async function pushAll(
  app: FastifyInstance,
  headers: Record<string, string>,
  mutations: ReturnType<typeof noteMutations>,
  batch: number,
): Promise<number> {
  const start = performance.now();
  for (let offset = 0; offset < mutations.length; offset += batch) {
    const payload = { clientId: 'bench', mutations: mutations.slice(offset, offset + batch) };
    const response = await app.inject({ method: 'POST', url: '/api/sync/push', headers, payload });
    if (response.statusCode !== 200) throw new Error(response.body);
  }
  return performance.now() - start;
}

async function benchBackend(backend: 'sqlite' | 'postgres'): Promise<Row[]> {
  const app = await buildApp(testConfig({}, backend));
  try {
    const headers = await signedUp(app);
    const mutations = noteMutations(MUTATIONS);

    const pushMs = await pushAll(app, headers, mutations, BATCH);

    const start = performance.now();
    let cursor = 0;
    for (let hasMore = true; hasMore;) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/sync/pull?cursor=${cursor}&limit=${PAGE}`,
        headers,
      });
      const page = response.json<{ cursor: number; hasMore: boolean }>();
      cursor = page.cursor;
      hasMore = page.hasMore;
    }
    const pullMs = performance.now() - start;

    // The work every push does whatever its size: session, rate limit, transaction, user lock,
    // replay and record lookups, counter, commit, HTTP. Pushes of one mutation are nearly all of it.
    const singles = noteMutations(FIXED_COST_PUSHES);
    const perPushMs = (await pushAll(app, headers, singles, 1)) / FIXED_COST_PUSHES;

    const raw = await rawBaseline(app.outpostDatabase.db, mutations);
    const other = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { username: `bench-${randomUUID().slice(0, 8)}`, password: 'benchmark!' },
    });
    const allTablesMs = await rawAllTables(
      app.outpostDatabase.db,
      other.json<{ user: { id: string } }>().user.id,
      noteMutations(MUTATIONS),
    );
    const rate = (ms: number) => Math.round(MUTATIONS / (ms / 1000));
    return [
      {
        measure: `push ${MUTATIONS.toLocaleString('en')} mutations in batches of ${BATCH} (${backend})`,
        result: `${rate(pushMs).toLocaleString('en')} /s`,
        baseline: `raw insert: ${rate(raw.insertMs).toLocaleString('en')} rows/s`,
        ratio: (raw.insertMs / pushMs).toFixed(2),
        target: 'ratio ≥ 0.5',
      },
      {
        measure: `  same push, against raw inserts into all three tables (${backend})`,
        result: `${rate(pushMs).toLocaleString('en')} /s`,
        baseline: `raw 3 tables: ${rate(allTablesMs).toLocaleString('en')} /s`,
        ratio: (allTablesMs / pushMs).toFixed(2),
        target: '',
      },
      {
        measure: `  of which the work every push does: a push of 1 mutation (${backend})`,
        result: formatMs(perPushMs),
        baseline: `a push of ${BATCH}: ${formatMs(pushMs / (MUTATIONS / BATCH))}`,
        ratio: (perPushMs / (pushMs / (MUTATIONS / BATCH))).toFixed(2),
        target: '',
      },
      {
        measure: `pull ${MUTATIONS.toLocaleString('en')} changes, pages of ${PAGE} (${backend})`,
        result: formatMs(pullMs),
        baseline: `raw select: ${formatMs(raw.selectMs)}`,
        ratio: (pullMs / raw.selectMs).toFixed(2),
        target: '',
      },
      ...(await worstPushBenchmarks(app, backend)),
      ...(backend === 'postgres' ? [await rateLimitCost(app.outpostDatabase.db)] : []),
    ];
  } finally {
    await app.close();
  }
}

export async function serverBenchmarks(): Promise<Row[]> {
  const backends: ('sqlite' | 'postgres')[] = process.env.TEST_DATABASE_URL
    ? ['sqlite', 'postgres']
    : ['sqlite'];
  const rows: Row[] = [];
  for (const backend of backends) rows.push(...(await benchBackend(backend)));
  return rows;
}
