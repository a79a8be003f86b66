import { knownOffline } from '../sync/online.ts';

/**
 * Signing in and out on the server. The server sets an HttpOnly session cookie (A3) that the
 * page and the service worker both send with same-origin requests, so no token is ever kept in
 * script reach. What the device does around it (whose database to use) is in switching.ts.
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

export interface SignedInUser {
  id: string;
  username: string;
}

/** [A1][A2] signs up or in; the answer's cookie is this browser's session from now on. */
export async function requestSession(
  mode: 'signup' | 'login',
  username: string,
  password: string,
): Promise<SignedInUser> {
  const unreachable = new AccountError(
    'offline',
    'The server cannot be reached. Your notes stay on this device; try again when online.',
  );
  // Known offline, nothing is attempted (see sync/online.ts): the answer is known already.
  if (knownOffline()) throw unreachable;
  let response: Response;
  try {
    response = await fetch(`/api/auth/${mode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      credentials: 'same-origin',
    });
  } catch {
    throw unreachable;
  }
  const body = (await response.json().catch(() => null)) as {
    user?: SignedInUser;
    error?: { code: string; message: string; details?: { message: string }[] };
  } | null;
  if (!response.ok || !body?.user) {
    const detail = body?.error?.details?.map((problem) => problem.message).join('; ');
    throw new AccountError(
      body?.error?.code ?? 'unknown',
      detail || body?.error?.message || `The server answered ${response.status}`,
    );
  }
  return { id: body.user.id, username: body.user.username };
}

/**
 * [A3] ends the session on the server; best effort. Known offline, it is not even tried: the
 * cookie stays until the next sign-in replaces it, and nothing syncs with it meanwhile (the
 * device registry names no signed-in account).
 */
export async function endSession(): Promise<void> {
  if (knownOffline()) return;
  await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(
    () => undefined,
  );
}
