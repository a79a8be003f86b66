import type { SyncSignals } from '../../sync/driver.ts';

/** The page's events, as the sync driver (src/sync/driver.ts) follows them. */
export function pageSignals(): SyncSignals {
  return {
    onOnline(listener) {
      window.addEventListener('online', listener);
      return () => window.removeEventListener('online', listener);
    },
    onVisibility(listener) {
      const changed = () => listener(document.visibilityState === 'visible');
      document.addEventListener('visibilitychange', changed);
      return () => document.removeEventListener('visibilitychange', changed);
    },
    onLeave(listener) {
      window.addEventListener('pagehide', listener);
      return () => window.removeEventListener('pagehide', listener);
    },
  };
}
