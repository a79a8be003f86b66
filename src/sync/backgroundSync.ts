/**
 * The browser's background sync, as the page and the worker use it. TypeScript's DOM and
 * WebWorker libraries declare neither Background Sync nor Periodic Background Sync.
 */

/** The Background Sync tag the page registers and the worker's `sync` event handles. */
export const SYNC_TAG = 'outpost-sync';
/** The Periodic Background Sync tag: a pull now and then, with no tab open. */
export const PERIODIC_SYNC_TAG = 'outpost-refresh';

/** A service worker registration as far as Background Sync goes. */
export interface SyncRegistration {
  sync?: { register(tag: string): Promise<void>; getTags?(): Promise<string[]> };
}

/** A service worker registration as far as Periodic Background Sync goes. */
export interface PeriodicSyncRegistration {
  periodicSync?: {
    register(tag: string, options: { minInterval: number }): Promise<void>;
  };
}

/** The browser decides the real interval (from how much the app is used); this is the floor. */
const MIN_INTERVAL_MS = 12 * 60 * 60 * 1000;

/**
 * Asks for a pull now and then with no tab open (the worker's `periodicsync` event), where the
 * browser grants it: Chromium does for an installed app it sees used, and says so through the
 * permission. Elsewhere nothing happens: the page pulls when it opens anyway.
 */
export async function registerPeriodicSync(
  registration: PeriodicSyncRegistration | undefined,
): Promise<boolean> {
  if (!registration?.periodicSync) return false;
  try {
    const permission = await navigator.permissions.query({
      name: 'periodic-background-sync' as PermissionName,
    });
    if (permission.state !== 'granted') return false;
    await registration.periodicSync.register(PERIODIC_SYNC_TAG, { minInterval: MIN_INTERVAL_MS });
    return true;
  } catch {
    return false; // refused or unsupported: the page's own triggers still sync
  }
}
