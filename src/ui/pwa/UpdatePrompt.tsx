import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { readStatus } from '../../db/status.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';
import type { ServiceWorkerControl } from './serviceWorker.ts';

/**
 * "Update available — reload": shown when a new service worker is installed and waiting, and
 * also when the server refused this version's protocol (426, status `outdated`): then updating
 * is what it takes to sync again, so the prompt cannot be put off and says the changes wait.
 */
export function UpdatePrompt({ control }: { control: ServiceWorkerControl | null }) {
  const { db } = useOutpost();
  const [available, setAvailable] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [updating, setUpdating] = useState(false);
  const outdated = useLiveQuery(async () => (await readStatus(db)).phase === 'outdated', [db]);
  useEffect(() => control?.onUpdateWaiting(() => setAvailable(true)), [control]);

  if (!outdated && (!available || dismissed)) return null;
  const update = () => {
    setUpdating(true);
    if (control) void control.applyUpdate();
    else location.reload();
  };
  return (
    <div className="update-prompt" role="alert">
      <span>
        {outdated
          ? 'Outpost must be updated to keep syncing. Your changes stay on this device until then.'
          : 'An update of Outpost is available.'}
      </span>
      <button type="button" className="primary" onClick={update} disabled={updating}>
        {outdated ? 'Update now' : 'Reload to update'}
      </button>
      {!outdated && (
        <button type="button" onClick={() => setDismissed(true)}>
          Later
        </button>
      )}
    </div>
  );
}
