import { useLiveQuery } from 'dexie-react-hooks';
import { describeConflict, type ConflictKind } from '../../conflicts/describe.ts';
import type { ConflictEntry } from '../../db/types.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { conflictLabel, otherDevice } from './labels.ts';

export interface ConflictListItem {
  collection: string;
  recordId: string;
  kind: ConflictKind;
  label: string;
  /** The other device, as a sentence names it ("Phone", "another device"). */
  other: string;
  reportedAt: number;
}

/**
 * Every record with an open conflict, oldest first: one item per record, however many of its
 * pushes collided. Conflicts are few, so each is described whole (describe.ts is pure).
 */
export function useConflictList(): ConflictListItem[] | undefined {
  const { db } = useOutpost();
  return useLiveQuery(async () => {
    const byRecord = new Map<string, ConflictEntry[]>();
    for (const entry of await db.conflicts.toArray()) {
      byRecord.set(entry.recordKey, [...(byRecord.get(entry.recordKey) ?? []), entry]);
    }
    const items = await Promise.all(
      [...byRecord.values()].map(async (entries) => {
        const { collection, recordId } = entries[0]!.mutation;
        const local = await db.records(collection).get(recordId);
        const view = describeConflict(db.collections.spec(collection), entries, local);
        return {
          collection,
          recordId,
          kind: view.kind,
          label: conflictLabel(view),
          other: otherDevice(view),
          reportedAt: Math.min(...entries.map((entry) => entry.reportedAt)),
        };
      }),
    );
    return items.sort((a, b) => a.reportedAt - b.reportedAt);
  }, [db]);
}
