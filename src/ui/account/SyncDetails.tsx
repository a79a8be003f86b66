import { useLiveQuery } from 'dexie-react-hooks';
import { sentThrough } from '../../db/inFlight.ts';
import type { OutboxPhase } from '../../db/types.ts';
import { discardFailed, retryFailed } from '../../sync/failed.ts';
import { useNotices } from '../common/Notices.tsx';
import { recordLabel, recordNoun } from '../common/fieldText.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { waitingChanges, type WaitingChange } from './waitingChanges.ts';

interface Row {
  change: WaitingChange;
  label: string;
}

const PHASE_LABELS: Record<OutboxPhase, string> = {
  pending: 'waiting',
  inflight: 'sending',
  failed: 'refused',
};

const KIND_LABELS: Record<WaitingChange['kind'], string> = {
  new: 'New',
  changed: 'Changed',
  deleted: 'Deleted',
  restored: 'Restored',
};

/**
 * Every change still waiting for the server, one line per record as the status line counts
 * them (waitingChanges.ts): what, since when, how many attempts and the last error. A change
 * the server refused can be tried again or discarded.
 */
export function SyncDetails({ onChanged }: { onChanged: () => void }) {
  const { db } = useOutpost();
  const notices = useNotices();
  const rows = useLiveQuery(async (): Promise<Row[]> => {
    const entries = await db.outbox.orderBy('seq').toArray();
    const changes = waitingChanges(entries, await sentThrough(db));
    return Promise.all(
      changes.map(async (change) => {
        const record = await db.records(change.collection).get(change.recordId);
        return { change, label: recordLabel(change.collection, record) };
      }),
    );
  }, [db]);

  async function act(run: () => Promise<void>, done: string) {
    try {
      await run();
      notices.show({ tone: 'info', message: done });
      onChanged();
    } catch (caught) {
      notices.showError('Could not change the waiting list', caught);
    }
  }

  if (!rows) return null;
  if (rows.length === 0) return <p className="sync-details">Nothing is waiting for the server.</p>;
  return (
    <ul className="sync-details" aria-label="Changes waiting for the server">
      {rows.map(({ change, label }) => (
        <li key={change.key}>
          <span>
            {KIND_LABELS[change.kind]} {recordNoun(change.collection)} “{label}” · since{' '}
            {new Date(change.since).toLocaleTimeString()} · {PHASE_LABELS[change.phase]}
            {change.attempts > 0 &&
              ` · ${change.attempts} ${change.attempts === 1 ? 'attempt' : 'attempts'}`}
            {change.lastError && ` · ${change.lastError.message}`}
          </span>
          {change.refusedSeq !== undefined && (
            <RefusedActions seq={change.refusedSeq} label={label} act={act} />
          )}
        </li>
      ))}
    </ul>
  );
}

/** A change the server refused (P7): send it again as a new mutation, or drop it. */
function RefusedActions({
  seq,
  label,
  act,
}: {
  seq: number;
  label: string;
  act: (run: () => Promise<void>, done: string) => Promise<void>;
}) {
  const { db } = useOutpost();
  return (
    <>
      <button
        type="button"
        onClick={() =>
          void act(() => retryFailed(db, seq, crypto.randomUUID()), 'Trying the change again.')
        }
      >
        Try again: {label}
      </button>
      <button
        type="button"
        onClick={() => void act(() => discardFailed(db, seq), 'Change discarded.')}
      >
        Discard: {label}
      </button>
    </>
  );
}
