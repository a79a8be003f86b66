/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

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

// On first install, take control of the open page right away so it works offline without a
// reload. An update only activates after SKIP_WAITING, so claiming then is also safe.
clientsClaim();
