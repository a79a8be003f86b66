import type { OutpostDatabase } from '../db/schema.ts';
import type { AccountRow } from '../db/types.ts';

/**
 * Signing in and out. The server sets an HttpOnly session cookie (A3) that the page and the
 * service worker both send with same-origin requests, so no token is ever kept in script
 * reach; this device only remembers who is signed in.
 */
export class AccountError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

export async function signIn(
  db: OutpostDatabase,
  mode: 'signup' | 'login',
  username: string,
  password: string,
): Promise<AccountRow> {
  let response: Response;
  try {
    response = await fetch(`/api/auth/${mode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      credentials: 'same-origin',
    });
  } catch {
    throw new AccountError(
      'offline',
      'The server cannot be reached. Your notes stay on this device; try again when online.',
    );
  }
  const body = (await response.json().catch(() => null)) as {
    user?: { id: string; username: string };
    error?: { code: string; message: string; details?: { message: string }[] };
  } | null;
  if (!response.ok || !body?.user) {
    const detail = body?.error?.details?.map((problem) => problem.message).join('; ');
    throw new AccountError(
      body?.error?.code ?? 'unknown',
      detail || body?.error?.message || `The server answered ${response.status}`,
    );
  }
  const account: AccountRow = {
    key: 'account',
    userId: body.user.id,
    username: body.user.username,
  };
  await db.syncState.put(account);
  return account;
}

/** Signs out on the server (best effort) and forgets the account on this device. */
export async function signOut(db: OutpostDatabase): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(
    () => undefined,
  );
  await db.syncState.delete('account');
}

export async function currentAccount(db: OutpostDatabase): Promise<AccountRow | undefined> {
  const row = await db.syncState.get('account');
  return row?.key === 'account' ? row : undefined;
}
