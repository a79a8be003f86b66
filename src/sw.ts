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
import { PERIODIC_SYNC_TAG, SYNC_TAG } from './sync/backgroundSync.ts';
import { runSync, type RunSyncOptions } from './sync/runSync.ts';
import { httpTransport } from './sync/transport.ts';
import { onBackgroundSync, onPeriodicSync, onWorkerStart } from './sync/worker.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

/**
 * The service worker. It precaches the app shell (the list is injected at build time by
 * vite-plugin-pwa), so the app opens with no network at all, and adapts the browser's sync
 * events to the engine's worker triggers (src/sync/worker.ts).
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

self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === SYNC_TAG) sync.waitUntil(onBackgroundSync(syncCurrent));
});

self.addEventListener('periodicsync', (event) => {
  const periodic = event as SyncEvent;
  if (periodic.tag === PERIODIC_SYNC_TAG) periodic.waitUntil(onPeriodicSync(syncCurrent));
});

void openCurrent()
  .then((db) => onWorkerStart(db, 'sync' in self.registration, syncCurrent))
  .catch(() => undefined);

// On first install, take control of the open page right away so it works offline without a
// reload. An update only activates after SKIP_WAITING, so claiming then is also safe.
clientsClaim();
