import type { OutpostDatabase } from './schema.ts';
import type { StatusRow } from './types.ts';

const IDLE: StatusRow = {
  key: 'status',
  phase: 'idle',
  lastSuccessAt: null,
  lastError: null,
  nextRetryAt: null,
};

export async function readStatus(db: OutpostDatabase): Promise<StatusRow> {
  const row = await db.syncState.get('status');
  return row?.key === 'status' ? row : IDLE;
}

/** [flow 4] one status row that every tab and the worker write and the UI reads live. */
export async function updateStatus(
  db: OutpostDatabase,
  changes: Partial<Omit<StatusRow, 'key'>>,
): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    await db.syncState.put({ ...(await readStatus(db)), ...changes });
  });
}
