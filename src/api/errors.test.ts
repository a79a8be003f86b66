import { describe, expect, it } from 'vitest';
import { kindOfStatus, parseRetryAfter } from './errors.ts';

describe('sync errors', () => {
  it('sorts statuses by what the engine does next', () => {
    expect([401, 410, 426, 429, 500, 503, 400, 404].map(kindOfStatus)).toEqual([
      'auth',
      'resync',
      'upgrade',
      'transient',
      'transient',
      'transient',
      'permanent',
      'permanent',
    ]);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(61_000).toUTCString(), 1_000)).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
