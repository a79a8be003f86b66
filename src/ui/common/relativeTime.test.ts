import { describe, expect, it } from 'vitest';
import { relativeTime, shortWhen } from './relativeTime.ts';

describe('relative times in the lists', () => {
  const now = Date.UTC(2026, 11, 3, 12, 0, 0);
  const ago = (ms: number) => relativeTime(now - ms, now, 'en');

  it('says how long ago, in words, up to a week', () => {
    expect(ago(0)).toBe('just now');
    expect(ago(59_000)).toBe('just now');
    expect(ago(60_000)).toBe('1 minute ago');
    expect(ago(5 * 60_000)).toBe('5 minutes ago');
    expect(ago(3 * 3_600_000)).toBe('3 hours ago');
    expect(ago(24 * 3_600_000)).toBe('yesterday');
    expect(ago(4 * 24 * 3_600_000)).toBe('4 days ago');
  });

  it('gives the date after a week, with the year only when it is another year', () => {
    expect(ago(10 * 24 * 3_600_000)).toBe('Nov 23');
    expect(relativeTime(Date.UTC(2025, 5, 1, 12), now, 'en')).toBe('Jun 1, 2025');
  });

  it('a time a little ahead of this clock (another device’s) is just now', () => {
    expect(relativeTime(now + 5_000, now, 'en')).toBe('just now');
  });
});

describe('the short time beside a device name', () => {
  // Local times: "today" and "yesterday" are calendar days where the person is.
  const now = new Date(2026, 11, 3, 9, 30).getTime();

  it('is the time of day today, "yesterday" the day before, a date before that', () => {
    expect(shortWhen(new Date(2026, 11, 3, 0, 5).getTime(), now, 'en')).toBe('12:05 AM');
    expect(shortWhen(new Date(2026, 11, 2, 23, 50).getTime(), now, 'en')).toBe('yesterday');
    expect(shortWhen(new Date(2026, 10, 20, 10).getTime(), now, 'en')).toBe('Nov 20');
  });
});
