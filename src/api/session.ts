import type { SignedInUser } from '../protocol/auth.ts';
import { answer, loadSchemas } from './answers.ts';
import { SyncError } from './errors.ts';
import { knownOffline } from './online.ts';
import { apiRequest, jsonRequest } from './request.ts';

/**
 * Signing in and out on the server. The server sets an HttpOnly session cookie (A3) that the
 * page and the service worker both send with same-origin requests, so no token is ever kept in
 * script reach. What the device does around it (whose database to use) is in
 * src/accounts/switching.ts.
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

export type { SignedInUser } from '../protocol/auth.ts';

const sessionAnswer = answer((schemas) => schemas.SessionReplySchema);

const UNREACHABLE =
  'The server cannot be reached. Your notes stay on this device; try again when online.';

/** [A1][A2] signs up or in; the answer's cookie is this browser's session from now on. */
export async function requestSession(
  mode: 'signup' | 'login',
  username: string,
  password: string,
): Promise<SignedInUser> {
  try {
    const { user } = await apiRequest(
      `/auth/${mode}`,
      jsonRequest('POST', { username, password }),
      sessionAnswer,
    );
    return { id: user.id, username: user.username };
  } catch (caught) {
    throw await accountError(caught);
  }
}

/** What a form shows: each problem of a refused request, or why nothing was answered. */
export async function accountError(caught: unknown): Promise<AccountError> {
  if (!(caught instanceof SyncError)) return new AccountError('unknown', String(caught));
  if (caught.code === 'offline' || caught.code === 'network') {
    return new AccountError('offline', UNREACHABLE);
  }
  // Loaded already: the refusal's body was checked with the same schemas (request.ts).
  const { ErrorDetailsSchema } = await loadSchemas();
  const details = ErrorDetailsSchema.safeParse(caught.details);
  const problems = details.success ? details.data.map((problem) => problem.message) : [];
  return new AccountError(caught.code, problems.join('; ') || caught.message);
}

/**
 * [A3] ends the session on the server; best effort. Known offline, it is not even tried: the
 * cookie stays until the next sign-in replaces it, and nothing syncs with it meanwhile (the
 * device registry names no signed-in account).
 */
export async function endSession(): Promise<void> {
  if (knownOffline()) return;
  await apiRequest('/auth/logout', { method: 'POST' }, null).catch(() => undefined);
}
