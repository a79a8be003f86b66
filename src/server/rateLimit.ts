import { sql, type Kysely } from 'kysely';
import { ApiError } from './errors.ts';
import type { Database } from './storage/connect.ts';
import type { Schema } from './storage/schema.ts';

/**
 * Fixed-window counters per key (an IP address for sign-in, a user for pushes). Past the
 * limit, requests get 429 `rate_limited` with `Retry-After` (T3) until the window ends.
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Counts one request for `key`, or throws 429 when the key is over its limit. */
export interface RateLimiter {
  take(key: string): Promise<void>;
}

/** A window as a counter keeps it: when it began and how many requests it has counted. */
interface Window {
  start: number;
  count: number;
}

function refuseIfOver(rule: RateLimit, window: Window, time: number): void {
  if (window.count <= rule.limit) return;
  const retryAfter = Math.max(1, Math.ceil((window.start + rule.windowMs - time) / 1000));
  throw new ApiError(429, 'rate_limited', `Too many requests; try again in ${retryAfter} s`, {
    headers: { 'retry-after': String(retryAfter) },
  });
}

/**
 * Counts in this process's memory: for SQLite (one process holds the database) and for what
 * must not wait on a database, such as health checks.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly rule: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<void> {
    const time = this.now();
    let window = this.windows.get(key);
    if (!window || time - window.start >= this.rule.windowMs) {
      if (this.windows.size > 10_000) this.forgetExpired(time);
      window = { start: time, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    refuseIfOver(this.rule, window, time);
  }

  private forgetExpired(time: number): void {
    for (const [key, window] of this.windows) {
      if (time - window.start >= this.rule.windowMs) this.windows.delete(key);
    }
  }
}

/**
 * Counts in the `rate_limits` table, so every server instance on one PostgreSQL shares the
 * count: N instances no longer allow N times the guesses (issue 14). One statement per
 * request, an upsert that PostgreSQL runs atomically under the row's lock, so instances
 * counting at once never lose a count. It costs a round trip and a row write per request
 * (`npm run bench` measures it); rows of ended windows are purged hourly (purge.ts).
 */
export class SharedRateLimiter implements RateLimiter {
  private readonly bucket: string;

  constructor(
    private readonly db: Kysely<Schema>,
    /** Which limit this is ('auth', 'push', …): each counts apart. */
    bucket: string,
    private readonly rule: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    // Instances share a count when they apply the same rule: a count made under another limit
    // or window (a test's server, say, or a deployment mid-change) means nothing under this one.
    this.bucket = `${bucket}:${rule.limit}/${rule.windowMs}`;
  }

  async take(key: string): Promise<void> {
    const time = this.now();
    const ended = time - this.rule.windowMs;
    const { rows } = await sql<Window>`
      INSERT INTO rate_limits (bucket, key, window_start, count)
      VALUES (${this.bucket}, ${key}, ${time}, 1)
      ON CONFLICT (bucket, key) DO UPDATE SET
        window_start = CASE WHEN rate_limits.window_start <= ${ended}
          THEN ${time} ELSE rate_limits.window_start END,
        count = CASE WHEN rate_limits.window_start <= ${ended}
          THEN 1 ELSE rate_limits.count + 1 END
      RETURNING window_start AS start, count`.execute(this.db);
    const window = rows[0];
    if (window)
      refuseIfOver(this.rule, { start: Number(window.start), count: Number(window.count) }, time);
  }
}

/** The limiter for `bucket`: shared through PostgreSQL, in memory on SQLite. */
export function rateLimiter(
  database: Database,
  bucket: keyof typeof DEFAULT_RATE_LIMITS,
  rule: RateLimit,
  now: () => number,
): RateLimiter {
  return database.kind === 'postgres'
    ? new SharedRateLimiter(database.db, bucket, rule, now)
    : new MemoryRateLimiter(rule, now);
}

/** Defaults: generous for people, tight for scripts guessing passwords. */
export const DEFAULT_RATE_LIMITS = {
  auth: { limit: 20, windowMs: 60_000 },
  push: { limit: 600, windowMs: 60_000 },
  /**
   * Every other sync request of a user (pull, history, settings): a device pulls after each
   * poke, so this allows a few busy devices and tabs, not a loop.
   */
  sync: { limit: 1_200, windowMs: 60_000 },
  /** Event streams a user opens; a device opens one per page and after each dropped one. */
  events: { limit: 60, windowMs: 60_000 },
  /** A signed-in user's account requests (who am I, sessions, sign-out, password), per user. */
  account: { limit: 300, windowMs: 60_000 },
  /** Health checks per client address: a load balancer asks every few seconds, not in a loop. */
  health: { limit: 1_200, windowMs: 60_000 },
} satisfies Record<string, RateLimit>;
