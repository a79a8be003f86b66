import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { readClientId } from '../../db/device.ts';
import type { Outpost } from '../../db/outpost.ts';
import type { EditableFields } from '../../db/repository.ts';
import type { CollectionName } from '../../model/collections.ts';
import type { HistoryEntry } from '../../protocol/sync.ts';
import { describeErrorWithCode } from '../common/Notices.tsx';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { useRecord } from '../data/queries.ts';
import { HistoryItem } from './HistoryItem.tsx';
import { formatTime, recordNoun } from '../common/fieldText.ts';
import type { RestorableValues } from './historyValues.ts';
import { useServerAccess, type ServerAccess } from '../account/useServerAccess.ts';
import { useRecordHistory } from './useRecordHistory.ts';

const UNAVAILABLE: Partial<Record<ServerAccess, string>> = {
  offline: 'History is kept on the server: it can be seen with a connection.',
  'signed-out': 'History is kept on the server: sign in to see it.',
};

/** What the History disclosure shows once opened: loaded on demand (RecordHistory.tsx). */
export function HistoryPanel({ collection, id }: { collection: CollectionName; id: string }) {
  const outpost = useOutpost();
  const access = useServerAccess();
  const record = useRecord(collection, id);
  const thisDevice = useLiveQuery(() => readClientId(outpost.db), [outpost.db]);
  const { entries, loading, error, retry } = useRecordHistory(
    collection,
    id,
    record?.version ?? 0,
    access === 'ready',
  );
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const noun = recordNoun(collection);

  async function restore(entry: HistoryEntry, values: RestorableValues) {
    try {
      await restoreValues(outpost, collection, id, values);
      setOutcome({
        text: `Restored the values from ${formatTime(entry.at)}. The change syncs like any edit.`,
        failed: false,
      });
    } catch (caught) {
      setOutcome({ text: `Could not restore: ${describeErrorWithCode(caught)}`, failed: true });
    }
  }

  // A list loaded before going offline stays usable: a restore is a local edit.
  const showList = entries !== null && entries.length > 0;
  const unavailable =
    access === 'offline' && showList
      ? 'Offline: this list may be out of date. A restore still works and syncs when back online.'
      : UNAVAILABLE[access];
  return (
    <>
      {unavailable && <p className="history-hint">{unavailable}</p>}
      {access === 'ready' && loading && (
        <p className="loading" role="status">
          Loading the history…
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          Could not load the history: {error}{' '}
          <button type="button" onClick={retry}>
            Try again
          </button>
        </p>
      )}
      {entries?.length === 0 && (
        <p className="history-hint">
          No history yet: the server records this {noun}’s changes once it has synced.
        </p>
      )}
      {/* Always present, so screen readers hear what a restore did. */}
      <p role="status" className="history-outcome">
        {outcome && !outcome.failed && outcome.text}
      </p>
      {outcome?.failed && (
        <p className="field-error" role="alert">
          {outcome.text}
        </p>
      )}
      {showList && (
        <ol className="history-list" aria-label={`Changes to this ${noun}, newest first`}>
          {entries.map((entry, index) => (
            <HistoryItem
              // Stable across refetches (focus stays on a button). A write that lost under
              // latest-wins shares the version of the change it lost to.
              key={[entry.version, entry.at, entry.clientId, entry.lost ? 'lost' : ''].join(':')}
              collection={collection}
              entry={entry}
              oldest={index === entries.length - 1}
              current={record}
              thisDevice={thisDevice}
              onRestore={(chosen, values) => void restore(chosen, values)}
            />
          ))}
        </ol>
      )}
    </>
  );
}

/** [P7] only register and text fields are set; the repository checks them against R1. */
function restoreValues(
  outpost: Pick<Outpost, 'notes' | 'contacts'>,
  collection: CollectionName,
  id: string,
  values: RestorableValues,
): Promise<unknown> {
  return collection === 'notes'
    ? outpost.notes.update(id, values as EditableFields<'notes'>)
    : outpost.contacts.update(id, values as EditableFields<'contacts'>);
}
