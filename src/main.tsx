import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DeviceRegistry } from './accounts/registry.ts';
import { holdPageLock } from './db/typingJournal.ts';
import { httpTransport } from './sync/transport.ts';
import { DeviceRoot } from './ui/app/DeviceRoot.tsx';
import { nextTask } from './ui/common/nextTask.ts';
import { NoticesProvider } from './ui/common/Notices.tsx';
import { createDeviceSession } from './ui/data/device.ts';
import { registerServiceWorker } from './ui/pwa/serviceWorker.ts';
import { applyTheme, readTheme } from './ui/settings/theme.ts';
import {
  registerPeriodicSync,
  type PeriodicSyncRegistration,
  type SyncRegistration,
} from './sync/backgroundSync.ts';
import './ui/styles.css';

// Before anything renders, so the first paint is already in the chosen colours.
applyTheme(readTheme());
const serviceWorker = import.meta.env.PROD ? registerServiceWorker() : null;
const registration = async () =>
  'serviceWorker' in navigator
    ? ((await navigator.serviceWorker.getRegistration()) as SyncRegistration | undefined)
    : undefined;
// This page's typing journal is replayed by others only once the page is gone.
holdPageLock();
// The database in use (one per account, one for the device signed out), and its sync.
const device = createDeviceSession({
  registry: new DeviceRegistry(),
  transport: httpTransport(),
  registration,
});
if (serviceWorker)
  void navigator.serviceWorker.ready.then((ready) =>
    registerPeriodicSync(ready as PeriodicSyncRegistration),
  );

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

/**
 * index.html paints a static shell (the header) before any script runs; it stays until the
 * device's database is open, and React replaces it with the app in one go. Rendering earlier
 * would only swap the shell for a blank page and then for the app.
 */
let rendered = false;
function render(): void {
  if (!container || rendered) return;
  rendered = true;
  const root = createRoot(container);
  // As a transition, the first render of the whole app runs in slices that yield to the
  // browser every few milliseconds: taps and paints are never held up by one long task.
  startTransition(() =>
    root.render(
      <StrictMode>
        <NoticesProvider>
          <DeviceRoot device={device} serviceWorker={serviceWorker} />
        </NoticesProvider>
      </StrictMode>,
    ),
  );
}
// In a task of its own: the database was opened in the one before.
void device.firstView().then(nextTask).then(render);
device.start().catch((error: unknown) => {
  console.error('Outpost could not open its database on this device', error);
  render();
});
