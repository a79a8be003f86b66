import type { OutpostDatabase } from './schema.ts';
import { readStatus } from './status.ts';
import type { AccountRow } from './types.ts';

/**
 * Whose database this is: an account's database holds its account row for good (the device
 * registry, src/accounts/registry.ts, says whether that account is the one signed in now). The
 * database of the device signed out has none, and never syncs.
 */
export async function currentAccount(db: OutpostDatabase): Promise<AccountRow | undefined> {
  const row = await db.syncState.get('account');
  return row?.key === 'account' ? row : undefined;
}

/**
 * Makes this the database of the account signed in: its account row, and a session that had
 * ended (a 401, A3) is a session again.
 */
export async function holdAccount(
  db: OutpostDatabase,
  user: { id: string; username: string },
): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    await db.syncState.put({ key: 'account', userId: user.id, username: user.username });
    const status = await readStatus(db);
    if (status.phase === 'signed-out') await db.syncState.put({ ...status, phase: 'idle' });
  });
}
