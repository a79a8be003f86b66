/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import {
  currentDatabase,
  DeviceRegistry,
  isCurrentDatabase,
  prepareDevice,
} from './accounts/registry.ts';
import { OutpostDatabase } from './db/schema.ts';
import { SyncError } from './api/errors.ts';
import { runSync, type RunSyncOptions } from './sync/runSync.ts';
import { readStatus } from './db/status.ts';
import { PERIODIC_SYNC_TAG, SYNC_TAG } from './sync/syncOnce.ts';
import { httpTransport } from './sync/transport.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

/**
 * The service worker. It precaches the app shell (the list is injected at build time by
 * vite-plugin-pwa), so the app opens with no network at all.
 */
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Deep links (/notes/<id>, /contacts/<id>, /search?q=…) open offline: every navigation gets the
// precached index.html and the page's router takes it from there. The API is never answered
// from cache: a stale answer there would be a lie about the server's state.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }),
);

// A new version waits until the person accepts the update prompt (see ui/pwa/serviceWorker.ts).
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/** Background Sync's events; TypeScript's WebWorker library declares neither. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

const registry = new DeviceRegistry();
const transport = httpTransport();
let opened: OutpostDatabase | undefined;

/**
 * The database in use now, or undefined while nobody is signed in: the registry says whose it
 * is (each account has its own, see src/accounts/registry.ts), so the worker syncs exactly what
 * the page shows. Asked afresh every time: someone may have signed in or out meanwhile.
 */
async function openCurrent(): Promise<OutpostDatabase | undefined> {
  await prepareDevice(registry);
  const { name, account } = await currentDatabase(registry);
  if (!account) return undefined;
  // A database removed from the device (signed out with "remove") was closed under us.
  if (opened?.name !== name || (opened.hasBeenClosed() && !opened.isOpen())) {
    opened?.close();
    opened = new OutpostDatabase(name);
  }
  return opened;
}

async function syncCurrent(options: RunSyncOptions = {}): ReturnType<typeof runSync> {
  const db = await openCurrent();
  if (!db) return 'signed-out';
  return runSync(db, transport, {
    ...options,
    isCurrent: () => isCurrentDatabase(registry, db.name),
  });
}

// [flow 2] the browser fires `sync` when it is online again, even with every tab closed. A
// transient failure is rethrown inside waitUntil so the browser schedules a retry; other
// failures are recorded in the status row for the page to show.
self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== SYNC_TAG) return;
  sync.waitUntil(
    // The worker's navigator.onLine can turn true a moment after the browser fired `sync`.
    syncCurrent({ onlineWithinMs: 5_000 }).then(
      (result) => {
        // Still offline after all: let the browser fire it again.
        if (result === 'offline') throw new SyncError('transient', 'offline', 'Still offline');
      },
      (error: unknown) => {
        if (error instanceof SyncError && error.kind === 'transient') throw error;
      },
    ),
  );
});

// Periodic Background Sync, where the browser grants it (an installed app it sees used): pull
// now and then with no tab open, so the app opens on fresh data. Failures wait for next time.
self.addEventListener('periodicsync', (event) => {
  const periodic = event as SyncEvent;
  if (periodic.tag !== PERIODIC_SYNC_TAG) return;
  periodic.waitUntil(syncCurrent().catch(() => undefined));
});

// Worker start: where Background Sync is missing, or a sync failed and left the outbox waiting
// (a browser retries a failed sync only minutes later), the worker flushes whenever the
// browser starts it, e.g. for a navigation, with no page code needed. Where Background Sync
// works and nothing failed, a waiting outbox has its sync registered already: flushing it now
// too would push a paragraph being typed in the middle (the page asks again at its end).
void replayOnStart();

async function replayOnStart(): Promise<void> {
  const hasBackgroundSync = 'sync' in self.registration;
  const db = await openCurrent();
  if (!db) return;
  const waiting = await db.outbox
    .filter((entry) => entry.state !== 'failed')
    .count()
    .catch(() => 0);
  const failed = (await readStatus(db).catch(() => undefined))?.phase === 'error';
  if (waiting === 0 || (hasBackgroundSync && !failed)) return;
  await syncCurrent().catch(() => undefined);
}

// On first install, take control of the open page right away so it works offline without a
// reload. An update only activates after SKIP_WAITING, so claiming then is also safe.
clientsClaim();
