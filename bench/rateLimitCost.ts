import type { Kysely } from 'kysely';
import { MemoryRateLimiter, SharedRateLimiter } from '../src/server/rateLimit.ts';
import type { Schema } from '../src/server/storage/schema.ts';
import type { Row } from './stats.ts';

/**
 * [T3] What sharing the rate limits through PostgreSQL costs each limited request: one upsert
 * in the `rate_limits` table, against the in-process counter SQLite keeps, in the same run.
 */
const CHECKS = 2_000;

export async function rateLimitCost(db: Kysely<Schema>): Promise<Row> {
  const rule = { limit: 1_000_000, windowMs: 60_000 };
  const shared = new SharedRateLimiter(db, 'bench', rule);
  const memory = new MemoryRateLimiter(rule);
  const perCheck = async (take: (key: string) => Promise<void>) => {
    await take('warm-up');
    const start = performance.now();
    // A few keys, as a few busy users: each check updates an existing row.
    for (let index = 0; index < CHECKS; index++) await take(`user-${index % 20}`);
    return ((performance.now() - start) * 1000) / CHECKS;
  };
  const sharedUs = await perCheck((key) => shared.take(key));
  const memoryUs = await perCheck((key) => memory.take(key));
  await db.deleteFrom('rate_limits').where('bucket', 'like', 'bench:%').execute();
  return {
    measure: `rate-limit check shared through the database, ${CHECKS.toLocaleString('en')} in a row (postgres)`,
    result: `${sharedUs.toFixed(0)} µs`,
    baseline: `in process: ${memoryUs.toFixed(2)} µs`,
    ratio: (sharedUs / memoryUs).toFixed(0),
    target: '',
  };
}
