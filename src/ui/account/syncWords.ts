import type { StatusRow } from '../../db/types.ts';
import { counted } from '../common/counted.ts';

/** What the status reads from the device (useSyncStatus.ts), counted per record. */
export interface SyncCounts {
  status: StatusRow;
  pending: number;
  conflicts: number;
  failed: number;
  /** Records whose value shown here another device's later edit replaced, not yet seen. */
  replaced?: number;
}

/** How the status control looks: its icon and colour follow the tone. */
export type SyncTone = 'ok' | 'busy' | 'offline' | 'attention' | 'error';

/**
 * The status in words for people, not for developers: no error classes, no codes, no clock
 * times. The technical detail of a failure (its message and code) is in Details.
 *
 * `word` is the one word of the header's status control; `sentence` the whole status, read out
 * by screen readers and shown at the top of the sync sheet. Offline is said once, in both.
 */
export function describeSync(
  counts: SyncCounts,
  online: boolean,
  now: number,
): { word: string; tone: SyncTone; sentence: string } {
  return {
    ...statusWord(counts, online),
    sentence: statusSentence(counts, online, now),
  };
}

const OFFLINE_NOTHING_WAITING = 'Offline — changes are saved on this device';

/**
 * Signed out, there is no sync to describe: only that the session ended (with what waits for
 * the next sign-in), or that the device is offline; otherwise nothing.
 */
export function signedOutSentence(expired: boolean, pending: number, online: boolean): string {
  if (expired) {
    const waiting =
      pending > 0 ? ` ${counted(pending, 'change')} waiting, kept on this device.` : '';
    return `Your session ended: sign in again to sync.${waiting}`;
  }
  return online ? '' : OFFLINE_NOTHING_WAITING;
}

function statusWord(counts: SyncCounts, online: boolean): { word: string; tone: SyncTone } {
  const { status, pending, conflicts, failed } = counts;
  if (conflicts > 0) return { word: counted(conflicts, 'conflict'), tone: 'attention' };
  if (status.phase === 'error' || status.phase === 'outdated' || failed > 0) {
    return { word: 'Error', tone: 'error' };
  }
  if (!online) return { word: 'Offline', tone: 'offline' };
  if (status.phase === 'syncing') return { word: 'Syncing', tone: 'busy' };
  if (pending > 0) return { word: `${pending} waiting`, tone: 'busy' };
  if (status.lastSuccessAt !== null) return { word: 'Synced', tone: 'ok' };
  return { word: 'Not synced', tone: 'busy' };
}

function statusSentence(counts: SyncCounts, online: boolean, now: number): string {
  const { status, pending, conflicts, failed } = counts;
  const parts: string[] = [];
  if (!online) {
    parts.push(
      pending > 0
        ? `Offline — ${counted(pending, 'change')} saved on this device`
        : OFFLINE_NOTHING_WAITING,
    );
  } else if (status.phase === 'syncing') parts.push('Syncing…');
  else if (status.phase === 'signed-out') parts.push('Signed out — sign in again to sync');
  else if (status.phase === 'outdated') {
    parts.push('Update Outpost to sync: the server needs a newer version');
  } else if (status.phase === 'error' && status.lastError) {
    const retry = status.nextRetryAt ? ` — retrying ${inSeconds(status.nextRetryAt, now)}` : '';
    parts.push(`${problem(status.lastError)}${retry}`);
  } else if (pending === 0 && status.lastSuccessAt !== null) {
    parts.push(`Synced ${ago(status.lastSuccessAt, now)}`);
  }
  // Offline, the first part already counted what waits.
  if (pending > 0 && online) parts.push(`${counted(pending, 'change')} waiting`);
  if (conflicts > 0) parts.push(`${counted(conflicts, 'conflict')} to decide`);
  if (failed > 0) parts.push(`${counted(failed, 'change')} not accepted`);
  // Nobody's edit is replaced in silence (issue 13): said until the person has seen it.
  const { replaced = 0 } = counts;
  if (replaced > 0) parts.push(`${counted(replaced, 'edit')} replaced by another device`);
  return parts.join(' · ') || 'Not synced yet';
}

/** What went wrong, as a person would put it (the code stays in Details). */
function problem(error: NonNullable<StatusRow['lastError']>): string {
  if (error.code === 'network') return 'Can’t reach the server';
  if (error.transient) return 'The server is having trouble';
  return 'Sync stopped: the server turned a request down';
}

function inSeconds(time: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((time - now) / 1000));
  return seconds === 0 ? 'now' : `in ${seconds} s`;
}

function ago(time: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `at ${new Date(time).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })}`;
}
