import type { OutpostDatabase } from './schema.ts';
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
