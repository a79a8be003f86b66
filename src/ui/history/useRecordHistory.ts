import { useEffect, useState } from 'react';
import type { CollectionName } from '../../model/collections.ts';
import type { HistoryEntry } from '../../protocol/sync.ts';
import { readHistory } from '../../api/history.ts';
import { describeErrorWithCode } from '../common/Notices.tsx';

interface Loaded {
  /** Which request this answers: a newer request makes it stale (still shown, marked loading). */
  request: string;
  record: string;
  entries: HistoryEntry[] | null;
  error: string | null;
}

export interface RecordHistoryState {
  entries: HistoryEntry[] | null;
  loading: boolean;
  error: string | null;
  retry: () => void;
}

/**
 * [H1] A record's history from the server, while `enabled`. It is read again when the
 * record's `version` changes (a push or pull of it added an entry), so a restore shows up in
 * the list once it has synced. The last list stays visible while a newer one loads.
 */
export function useRecordHistory(
  collection: CollectionName,
  id: string,
  version: number,
  enabled: boolean,
): RecordHistoryState {
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const record = `${collection}/${id}`;
  const request = `${record}/${version}/${attempt}`;

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    readHistory(collection, id).then(
      (entries) => current && setLoaded({ request, record, entries, error: null }),
      (caught: unknown) =>
        current &&
        setLoaded((before) => ({
          request,
          record,
          entries: before?.record === record ? before.entries : null,
          error: describeErrorWithCode(caught),
        })),
    );
    return () => {
      current = false;
    };
  }, [collection, id, record, request, enabled]);

  const mine = loaded?.record === record ? loaded : null;
  return {
    entries: mine?.entries ?? null,
    loading: enabled && loaded?.request !== request,
    error: mine?.error ?? null,
    retry: () => setAttempt((count) => count + 1),
  };
}
