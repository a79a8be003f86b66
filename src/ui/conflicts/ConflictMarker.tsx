import { WarningIcon } from '../common/icons.tsx';
import { UnsyncedMarker } from '../common/UnsyncedMarker.tsx';
import { useLiveQuery } from 'dexie-react-hooks';
import { conflictedRecordKeys } from '../../db/conflicts.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';

/**
 * The keys (`collection:id`) of records with a conflict the server reported (P3–P6) that the
 * person has not decided on. One live query per list, read from the conflicts index only.
 */
export function useConflictedKeys(): Set<string> {
  const { db } = useOutpost();
  const keys = useLiveQuery(() => conflictedRecordKeys(db), [db]);
  return new Set(keys ?? []);
}

/**
 * A visible and spoken badge on a record another device changed while they were apart. Until the
 * person decides, this device keeps showing their own version (the server keeps its own).
 */
export function ConflictMarker({ conflicted }: { conflicted: boolean }) {
  if (!conflicted) return null;
  return (
    <span className="conflict" title="Also changed on another device: not synced until you choose">
      <WarningIcon />
      <span className="visually-hidden">Conflict with another device</span>
    </span>
  );
}

/**
 * A record's one marker, in its list row and its editor. A record with a conflict is also
 * unsent (this device keeps its own version), but what it waits for is the person's decision,
 * not the network: the conflict badge says so alone, without the "not synced" dot beside it.
 */
export function RecordMarker({ pending, conflicted }: { pending: 0 | 1; conflicted: boolean }) {
  return conflicted ? <ConflictMarker conflicted /> : <UnsyncedMarker pending={pending} />;
}
