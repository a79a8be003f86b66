import { SyncError } from './errors.ts';

/**
 * Whether the device is known to be offline: the browser (page or worker, whose navigators both
 * have `onLine`) says it has no network. "Online" proves nothing (a dead server, a captive
 * portal), but "offline" is certain, and then no request is attempted: an attempt would move
 * the sent watermark (M3) past edits that never left the device, and every later edit of the
 * record would start a new mutation instead of folding into the waiting one.
 */
export function knownOffline(): boolean {
  return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
}

/** The code of the error a request not attempted while offline throws. */
export const OFFLINE = 'offline';

/** Throws the transient `offline` error the engine waits out, instead of attempting a request. */
export function assertNotKnownOffline(): void {
  if (knownOffline()) {
    throw new SyncError('transient', OFFLINE, 'This device is offline.');
  }
}

/**
 * Waits, up to `ms`, for the device to stop reading as offline. The browser fires a Background
 * Sync as it comes back online, and the worker's navigator.onLine can say so a moment later.
 */
export async function untilOnline(ms: number, pollMs = 100): Promise<void> {
  for (let waited = 0; knownOffline() && waited < ms; waited += pollMs) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
