import type { OutpostDatabase } from './schema.ts';

/** This device's label for pushes (P9), made once and kept with the data it labels. */
export async function deviceClientId(db: OutpostDatabase): Promise<string> {
  return db.transaction('rw', db.syncState, async () => {
    const row = await db.syncState.get('device');
    if (row?.key === 'device') return row.clientId;
    const clientId = crypto.randomUUID();
    await db.syncState.put({ key: 'device', clientId });
    return clientId;
  });
}
