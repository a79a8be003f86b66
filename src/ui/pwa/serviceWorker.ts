import { Workbox } from 'workbox-window';

/**
 * Registers the service worker (src/sw.ts) and reports when a new version is waiting. A new
 * version never takes over by itself: the page asks the person, then tells the waiting worker
 * to skip waiting and reloads once it controls the page, so one tab never runs two versions.
 */
export interface ServiceWorkerControl {
  onUpdateWaiting: (listener: () => void) => void;
  applyUpdate: () => void;
}

export function registerServiceWorker(url = '/sw.js'): ServiceWorkerControl | null {
  if (!('serviceWorker' in navigator)) return null;
  const workbox = new Workbox(url, { scope: '/' });
  const listeners = new Set<() => void>();
  let waiting = false;

  workbox.addEventListener('waiting', () => {
    waiting = true;
    listeners.forEach((listener) => listener());
  });
  workbox.addEventListener('controlling', (event) => {
    if (event.isUpdate) location.reload();
  });
  workbox
    .register()
    .catch((error: unknown) => console.error('Service worker registration failed', error));

  return {
    onUpdateWaiting(listener) {
      listeners.add(listener);
      if (waiting) listener();
    },
    applyUpdate: () => workbox.messageSkipWaiting(),
  };
}
