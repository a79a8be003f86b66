import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openOutpost } from './db/outpost.ts';
import { OutpostDatabase } from './db/schema.ts';
import { createSyncScheduler, type SyncRegistration } from './ui/sync/scheduler.ts';
import { httpTransport } from './sync/transport.ts';
import { App } from './ui/app/App.tsx';
import { NoticesProvider } from './ui/common/Notices.tsx';
import { OutpostProvider } from './ui/data/OutpostProvider.tsx';
import { registerServiceWorker } from './ui/pwa/serviceWorker.ts';
import { registerPeriodicSync, type PeriodicSyncRegistration } from './ui/sync/periodicSync.ts';
import { holdPageLock } from './ui/common/typingJournal.ts';
import { replayLeftBehindTyping } from './ui/data/replayTyping.ts';
import './ui/styles.css';

const serviceWorker = import.meta.env.PROD ? registerServiceWorker() : null;
const db = new OutpostDatabase();
const registration = async () =>
  'serviceWorker' in navigator
    ? ((await navigator.serviceWorker.getRegistration()) as SyncRegistration | undefined)
    : undefined;
const scheduler = createSyncScheduler({ db, transport: httpTransport(), registration });
// [flow 1] every committed write asks for a sync (once typing pauses).
const outpost = openOutpost({ db, afterWrite: () => scheduler.requestSoon() });
scheduler.start();
// What a reload, a closed tab or a crash cut off mid-write is in the typing journal.
holdPageLock();
void replayLeftBehindTyping(outpost);
if (serviceWorker)
  void navigator.serviceWorker.ready.then((ready) =>
    registerPeriodicSync(ready as PeriodicSyncRegistration),
  );

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <OutpostProvider outpost={outpost}>
      <NoticesProvider>
        <App serviceWorker={serviceWorker} scheduler={scheduler} />
      </NoticesProvider>
    </OutpostProvider>
  </StrictMode>,
);
