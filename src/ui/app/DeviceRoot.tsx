import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { ServiceWorkerControl } from '../pwa/serviceWorker.ts';
import type { DeviceSession } from '../data/device.ts';
import { DeviceProvider, OutpostProvider } from '../data/OutpostProvider.tsx';
import { App } from './App.tsx';
import { navigate, parseRoute } from './router.ts';

/**
 * The app over the database in use. Keyed by that database: when someone signs in or out,
 * everything below starts afresh on the other one, so no editor, draft or list of one account
 * is ever shown for the next.
 */
export function DeviceRoot({
  device,
  serviceWorker,
}: {
  device: DeviceSession;
  serviceWorker: ServiceWorkerControl | null;
}) {
  const view = useSyncExternalStore(device.subscribe, device.view);
  useLeaveRecordOnSwitch(view?.database);
  if (!view) return null;
  return (
    <DeviceProvider device={device}>
      <OutpostProvider key={view.database} outpost={view.outpost}>
        <App serviceWorker={serviceWorker} sync={view.sync} />
      </OutpostProvider>
    </DeviceProvider>
  );
}

/**
 * A record open when someone signs in or out belongs to the database left behind: the screen
 * goes back to its list instead of saying the record is missing.
 */
function useLeaveRecordOnSwitch(database: string | undefined) {
  const shown = useRef(database);
  useEffect(() => {
    const before = shown.current;
    shown.current = database;
    if (before === undefined || database === undefined || before === database) return;
    const route = parseRoute(location.pathname, location.search);
    if ((route.screen === 'notes' || route.screen === 'contacts') && route.id) {
      navigate(`/${route.screen}`, { replace: true });
    }
  }, [database]);
}
