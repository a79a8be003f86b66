import { useEffect, useState } from 'react';
import type { ServiceWorkerControl } from './serviceWorker.ts';

/** "Update available — reload": shown when a new service worker is installed and waiting. */
export function UpdatePrompt({ control }: { control: ServiceWorkerControl | null }) {
  const [available, setAvailable] = useState(false);
  useEffect(() => control?.onUpdateWaiting(() => setAvailable(true)), [control]);
  if (!available || !control) return null;
  return (
    <div className="update-prompt" role="alert">
      <span>An update of Outpost is available.</span>
      <button type="button" className="primary" onClick={() => control.applyUpdate()}>
        Reload to update
      </button>
      <button type="button" onClick={() => setAvailable(false)}>
        Later
      </button>
    </div>
  );
}
