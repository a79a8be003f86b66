import { useLiveQuery } from 'dexie-react-hooks';
import { outboxPhase, sentThrough } from '../../db/inFlight.ts';
import type { OutboxEntry, OutboxPhase } from '../../db/types.ts';
import { discardFailed, retryFailed } from '../../sync/failed.ts';
import { useNotices } from '../common/Notices.tsx';
import { recordLabel } from '../common/fieldText.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';

interface Row {
  entry: OutboxEntry;
  phase: OutboxPhase;
  label: string;
}

const PHASE_LABELS: Record<OutboxPhase, string> = {
  pending: 'waiting',
  inflight: 'sending',
  failed: 'refused',
};

const OPS = { put: 'edit', delete: 'delete', restore: 'restore' } as const;

/**
 * Every change still waiting for the server, per record: what, since when, how many attempts
 * and the last error. A change the server refused can be tried again or discarded.
 */
export function SyncDetails({ onChanged }: { onChanged: () => void }) {
  const { db } = useOutpost();
  const notices = useNotices();
  const rows = useLiveQuery(async (): Promise<Row[]> => {
    const entries = await db.outbox.orderBy('seq').toArray();
    const throughSeq = await sentThrough(db);
    return Promise.all(
      entries.map(async (entry) => {
        const { collection, recordId } = entry.mutation;
        const record = (await db.table(collection).get(recordId)) as
          { title?: string; name?: string } | undefined;
        return {
          entry,
          phase: outboxPhase(entry, throughSeq),
          label: recordLabel(collection, record),
        };
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
      {rows.map(({ entry, phase, label }) => (
        <li key={entry.seq}>
          <span>
            {OPS[entry.mutation.op]} of “{label}” · since{' '}
            {new Date(entry.queuedAt).toLocaleTimeString()} · {PHASE_LABELS[phase]}
            {entry.attempts > 0 &&
              ` · ${entry.attempts} ${entry.attempts === 1 ? 'attempt' : 'attempts'}`}
            {entry.lastError && ` · ${entry.lastError.message}`}
          </span>
          {entry.state === 'failed' && entry.seq !== undefined && (
            <>
              <button
                type="button"
                onClick={() =>
                  void act(
                    () => retryFailed(db, entry.seq!, crypto.randomUUID()),
                    'Trying the change again.',
                  )
                }
              >
                Try again: {label}
              </button>
              <button
                type="button"
                onClick={() => void act(() => discardFailed(db, entry.seq!), 'Change discarded.')}
              >
                Discard: {label}
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
