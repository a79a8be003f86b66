import { useCallback, useEffect, useState } from 'react';

interface StorageFacts {
  usage: number;
  quota: number;
  persisted: boolean;
}

/**
 * How much this device stores and may store. Browsers may evict the data of a site that is not
 * "persisted" when the disk runs low, so the app asks for persistence at sign-in and lets the
 * person ask again here. A browser without the StorageManager API shows an honest "unknown".
 */
export function StorageSection() {
  const [facts, setFacts] = useState<StorageFacts | 'unsupported' | null>(null);
  const [refusal, setRefusal] = useState(false);

  const refresh = useCallback(async () => {
    setFacts(await readStorageFacts());
  }, []);
  useEffect(() => {
    let current = true;
    void readStorageFacts().then((read) => current && setFacts(read));
    return () => {
      current = false;
    };
  }, []);

  async function askToPersist() {
    const granted = await navigator.storage.persist();
    setRefusal(!granted);
    await refresh();
  }

  return (
    <section className="settings-section" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage on this device</h2>
      <div className="storage-facts">
        {facts === null && <p className="loading">Measuring…</p>}
        {facts === 'unsupported' && (
          <p>This browser does not say how much space Outpost uses or may use.</p>
        )}
        {facts !== null && facts !== 'unsupported' && (
          <>
            <p>
              <meter
                id="storage-meter"
                min={0}
                max={facts.quota}
                value={facts.usage}
                aria-label="Storage used"
              />{' '}
              {formatBytes(facts.usage)} used of {formatBytes(facts.quota)} available (
              {percent(facts.usage, facts.quota)}).
            </p>
            <p>
              {facts.persisted
                ? 'Kept: the browser will not clear Outpost’s data to free space.'
                : 'Not protected: the browser may clear Outpost’s data if the disk runs low. Changes already synced are safe on the server.'}
            </p>
            {!facts.persisted && (
              <button type="button" onClick={() => void askToPersist()}>
                Keep data on this device
              </button>
            )}
            {refusal && (
              <p role="alert">
                The browser declined. Installing Outpost or using it more often usually makes the
                browser agree.
              </p>
            )}
            <button type="button" onClick={() => void refresh()}>
              Measure again
            </button>
          </>
        )}
      </div>
    </section>
  );
}

async function readStorageFacts(): Promise<StorageFacts | 'unsupported'> {
  if (!navigator.storage?.estimate) return 'unsupported';
  const [estimate, persisted] = await Promise.all([
    navigator.storage.estimate(),
    navigator.storage.persisted?.() ?? Promise.resolve(false),
  ]);
  return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

function percent(part: number, whole: number): string {
  if (whole <= 0) return 'unknown share';
  const share = (part / whole) * 100;
  return `${share < 0.1 && share > 0 ? '< 0.1' : share.toFixed(1)}%`;
}
