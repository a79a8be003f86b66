const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When something happened, the way a person says it: "just now", "5 minutes ago", "3 hours
 * ago", "yesterday", "4 days ago", and a date after a week. `locale` is the person's unless
 * given (tests fix it).
 */
export function relativeTime(time: number, now: number, locale?: string): string {
  const ago = Math.max(0, now - time);
  if (ago < MINUTE) return 'just now';
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (ago < HOUR) return words.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return words.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return words.format(-Math.floor(ago / DAY), 'day');
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(time);
}

/**
 * When, short, beside a device's name ("Phone · 10:42"): the time of day today, "yesterday",
 * and before that as relativeTime says it ("3 days ago", then a date). Calendar days in the
 * person's time zone, not 24-hour spans.
 */
export function shortWhen(time: number, now: number, locale?: string): string {
  const day = (at: number) => new Date(at).toDateString();
  if (day(time) === day(now)) {
    return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(time);
  }
  if (day(time) === day(now - DAY)) {
    return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-1, 'day');
  }
  return relativeTime(time, now, locale);
}
