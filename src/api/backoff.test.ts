import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay } from './backoff.ts';

describe('backoff', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    const top = (attempt: number) => backoffDelay(attempt, undefined, () => 1);
    expect([1, 2, 3, 4].map(top)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(top(30)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(4, undefined, () => 0.25)).toBe(2_000);
    expect(backoffDelay(4, undefined, () => 0)).toBe(500);
  });

  it('honours a longer Retry-After', () => {
    expect(backoffDelay(1, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(5, 10, () => 1)).toBe(16_000);
  });
});
