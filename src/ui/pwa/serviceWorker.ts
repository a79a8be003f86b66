import { Workbox } from 'workbox-window';

/**
 * Registers the service worker (src/sw.ts) and reports when a new version is waiting. A new
 * version never takes over by itself: the page asks the person, then tells the waiting worker
 * to skip waiting and reloads once it controls the page, so one tab never runs two versions.
 */
export interface ServiceWorkerControl {
  onUpdateWaiting: (listener: () => void) => void;
  /**
   * Hands over to the waiting version and reloads. When none is waiting yet (the server asked
   * for a newer protocol, 426, before the browser noticed the new deployment), it first asks
   * the browser to check for one; with nothing newer to install, it simply reloads.
   */
  applyUpdate: () => Promise<void>;
}

export function registerServiceWorker(url = '/sw.js'): ServiceWorkerControl | null {
  if (!('serviceWorker' in navigator)) return null;
  const workbox = new Workbox(url, { scope: '/' });
  const listeners = new Set<() => void>();
  let waiting = false;
  const announce = () => {
    waiting = true;
    listeners.forEach((listener) => listener());
  };

  workbox
    .register()
    .then((registration) => registration && watchForWaitingWorker(registration, announce))
    .catch((error: unknown) => console.error('Service worker registration failed', error));

  return {
    onUpdateWaiting(listener) {
      listeners.add(listener);
      if (waiting) listener();
    },
    async applyUpdate() {
      const registration = await navigator.serviceWorker.getRegistration();
      const waiting = registration && (await newVersionOf(registration));
      if (!waiting) return location.reload();
      // Reload once the new worker controls this page.
      navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
        once: true,
      });
      waiting.postMessage({ type: 'SKIP_WAITING' });
    },
  };
}

/**
 * Watches the registration itself rather than workbox-window's `waiting` event, which misses
 * updates the browser finds on its own (its periodic check, or registration.update()).
 * A worker that installs while another controls the page is an update; the first install of
 * all is not.
 */
function watchForWaitingWorker(registration: ServiceWorkerRegistration, announce: () => void) {
  if (registration.waiting && navigator.serviceWorker.controller) announce();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) announce();
    });
  });
}

/** The installed, waiting new version, after asking the browser to look for one if needed. */
async function newVersionOf(
  registration: ServiceWorkerRegistration,
): Promise<ServiceWorker | null> {
  if (!registration.waiting) await registration.update().catch(() => undefined);
  const installing = registration.installing;
  if (installing && (installing.state === 'parsed' || installing.state === 'installing')) {
    await new Promise<void>((resolve) => {
      installing.addEventListener('statechange', () => {
        if (installing.state === 'installed' || installing.state === 'redundant') resolve();
      });
    });
  }
  return registration.waiting;
}
