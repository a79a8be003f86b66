import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { readVerified } from '../../sync/verify.ts';
import { useServerAccess } from '../account/useServerAccess.ts';
import { describeErrorWithCode } from '../common/Notices.tsx';
import { relativeTime } from '../common/relativeTime.ts';
import { useNow } from '../common/useNow.ts';
import { useDevice, useOutpost } from '../data/OutpostProvider.tsx';
import { describeCheck } from './syncCheckWords.ts';

const UNAVAILABLE = {
  offline: 'Checking compares this device with the server, so it needs a connection.',
  'signed-out': 'Sign in to check this device against your account on the server.',
} as const;

type CheckState = { phase: 'idle' } | { phase: 'checking' } | { phase: 'failed'; message: string };

/**
 * [V3] "Check sync": compares what this device holds with the server, range by range, and
 * repairs what differs. The engine also checks after every full pull; this shows the last
 * result and runs one on demand (a whole sync first, so nothing waiting is counted as wrong).
 */
export function SyncCheckSection() {
  const { db } = useOutpost();
  const device = useDevice();
  const access = useServerAccess();
  const now = useNow(30_000);
  const last = useLiveQuery(() => readVerified(db), [db]);
  const [state, setState] = useState<CheckState>({ phase: 'idle' });

  async function check() {
    setState({ phase: 'checking' });
    try {
      // The driver of the database shown: its sync and check ask whether it is still current.
      const view = device.view();
      const outcome = view?.outpost.db === db ? await view.sync.checkNow() : 'signed-out';
      setState(
        typeof outcome === 'string'
          ? { phase: 'failed', message: UNAVAILABLE[outcome] }
          : { phase: 'idle' },
      );
    } catch (caught) {
      setState({ phase: 'failed', message: `Could not check: ${describeErrorWithCode(caught)}` });
    }
  }

  const unavailable = access === 'offline' || access === 'signed-out' ? UNAVAILABLE[access] : null;
  return (
    <section className="settings-section" aria-labelledby="sync-check-heading">
      <h2 id="sync-check-heading">Check sync</h2>
      <p>
        Compares every record on this device with your account on the server and repairs any that
        differ. It also runs by itself after this device downloads everything again.
      </p>
      <p role="status" aria-live="polite">
        {state.phase === 'checking'
          ? 'Checking…'
          : last
            ? describeCheck(last)
            : 'Not checked yet on this device.'}
      </p>
      {last && state.phase !== 'checking' && (
        <p className="hint">Last checked {relativeTime(last.at, now)}.</p>
      )}
      {state.phase === 'failed' && <p role="alert">{state.message}</p>}
      {unavailable && <p>{unavailable}</p>}
      <button
        type="button"
        onClick={() => void check()}
        disabled={state.phase === 'checking' || unavailable !== null || access === 'loading'}
      >
        Check now
      </button>
    </section>
  );
}
