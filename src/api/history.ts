import type { HistoryEntry } from '../protocol/sync.ts';
import { answer } from './answers.ts';
import { apiRequest, type RequestOptions } from './request.ts';

const historyAnswer = answer((schemas) => schemas.HistoryResponseSchema);

/**
 * [H1] A record's applied changes, newest first, each with the values it replaced. Only the
 * server keeps history: a record that never reached it has none.
 */
export async function readHistory(
  collection: string,
  id: string,
  options?: RequestOptions,
): Promise<HistoryEntry[]> {
  const query = new URLSearchParams({ collection, id });
  const { entries } = await apiRequest(
    `/sync/history?${query.toString()}`,
    { method: 'GET' },
    historyAnswer,
    options,
  );
  // Newest first is the contract [H1]; sorting again keeps the list right whatever arrives.
  return [...entries].sort((a, b) => b.version - a.version);
}
