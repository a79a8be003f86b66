import { ApiError } from './errors.ts';

/**
 * A fixed-window counter per key (an IP address for sign-in, a user for pushes). Past the
 * limit, requests get 429 `rate_limited` with `Retry-After` (T3) until the window ends.
 * Counts live in this process: with several instances each one limits on its own, which
 * still bounds what one client can make any instance do.
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly rule: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key`, or throws 429 when the key is over its limit. */
  take(key: string): void {
    const time = this.now();
    let window = this.windows.get(key);
    if (!window || time - window.start >= this.rule.windowMs) {
      if (this.windows.size > 10_000) this.forgetExpired(time);
      window = { start: time, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > this.rule.limit) {
      const retryAfter = Math.max(1, Math.ceil((window.start + this.rule.windowMs - time) / 1000));
      throw new ApiError(429, 'rate_limited', `Too many requests; try again in ${retryAfter} s`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
  }

  private forgetExpired(time: number): void {
    for (const [key, window] of this.windows) {
      if (time - window.start >= this.rule.windowMs) this.windows.delete(key);
    }
  }
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
