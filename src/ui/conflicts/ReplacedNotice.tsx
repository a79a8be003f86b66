import { useLiveQuery } from 'dexie-react-hooks';
import { dismissReplaced, readReplaced } from '../../db/replaced.ts';
import { recordKey } from '../../db/types.ts';
import { fieldLabel } from '../common/fieldText.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';

/**
 * "Your title was replaced by Phone's later edit" (issue 13): on a record whose value this
 * device showed another device overruled (latest-wins), until the person has seen it. The
 * replaced value is in the record's history, where it can be restored. The live region is
 * always there, so the notice is read out when it appears.
 */
export function ReplacedNotice({
  collection,
  recordId,
  onViewHistory,
}: {
  collection: string;
  recordId: string;
  onViewHistory: () => void;
}) {
  const { db } = useOutpost();
  const key = recordKey(collection, recordId);
  const notice = useLiveQuery(
    async () => (await readReplaced(db)).find((replaced) => replaced.recordKey === key),
    [db, key],
  );
  const fields = (notice?.fields ?? []).map((field) => fieldLabel(collection, field).toLowerCase());
  return (
    <div role="status" className="replaced-region">
      {notice && (
        <div className="replaced-notice">
          <p>
            Your {listed(fields)} {fields.length === 1 ? 'was' : 'were'} replaced by{' '}
            {notice.by ? `${notice.by}’s` : 'another device’s'} later edit. Yours is kept in the
            history.
          </p>
          <div className="replaced-actions">
            <button type="button" onClick={onViewHistory}>
              View history
            </button>
            <button type="button" onClick={() => void dismissReplaced(db, key)}>
              Got it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** "title", "title and note text", "title, company and phone". */
function listed(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
