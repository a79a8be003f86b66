import type { CollectionName } from '../protocol/records.ts';
import type { HistoryEntry } from '../protocol/sync.ts';
import { SyncError } from './errors.ts';
import { syncRequest, type HttpTransportOptions } from './transport.ts';

/**
 * [H1] A record's applied changes, newest first, each with the values it replaced. Only the
 * server keeps history: a record that never reached it has none.
 */
export async function readHistory(
  collection: CollectionName,
  id: string,
  options?: HttpTransportOptions,
): Promise<HistoryEntry[]> {
  const query = new URLSearchParams({ collection, id });
  const answer = await syncRequest<{ entries?: unknown } | null>(
    `/history?${query.toString()}`,
    { method: 'GET' },
    options,
  );
  const entries = answer?.entries;
  if (!Array.isArray(entries) || !entries.every(isEntry)) {
    throw new SyncError(
      'permanent',
      'bad_answer',
      'The server answered a history of an unknown shape',
    );
  }
  // Newest first is the contract [H1]; sorting again keeps the list right whatever arrives.
  return [...entries].sort((a, b) => b.version - a.version);
}

const OPS: readonly unknown[] = ['put', 'delete', 'restore'] satisfies HistoryEntry['op'][];

function isEntry(value: unknown): value is HistoryEntry {
  const entry = value as Partial<Record<keyof HistoryEntry, unknown>> | null;
  return (
    typeof entry?.version === 'number' &&
    typeof entry.at === 'number' &&
    typeof entry.clientId === 'string' &&
    OPS.includes(entry.op) &&
    typeof entry.previous === 'object' &&
    entry.previous !== null &&
    (entry.lost === undefined || (typeof entry.lost === 'object' && entry.lost !== null))
  );
}
