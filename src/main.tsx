import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openOutpost } from './db/outpost.ts';
import { App } from './ui/app/App.tsx';
import { NoticesProvider } from './ui/common/Notices.tsx';
import { OutpostProvider } from './ui/data/OutpostProvider.tsx';
import { registerServiceWorker } from './ui/pwa/serviceWorker.ts';
import './ui/styles.css';

// Sync (a later part) plugs in through `afterWrite`; until then every write stays on the device.
const outpost = openOutpost();
const serviceWorker = import.meta.env.PROD ? registerServiceWorker() : null;

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <OutpostProvider outpost={outpost}>
      <NoticesProvider>
        <App serviceWorker={serviceWorker} />
      </NoticesProvider>
    </OutpostProvider>
  </StrictMode>,
);
