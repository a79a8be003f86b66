import { relativeTime } from './relativeTime.ts';

/** When a record last changed, in words ("5 minutes ago"), with the exact time for machines. */
export function ChangedAt({ time, now }: { time: number; now: number }) {
  return <time dateTime={new Date(time).toISOString()}>{relativeTime(time, now)}</time>;
}
