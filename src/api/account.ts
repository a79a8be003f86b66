import type { SessionSummary } from '../protocol/auth.ts';
import { answer } from './answers.ts';
import { apiRequest, jsonRequest } from './request.ts';

/**
 * [A6] What a signed-in person does with the account itself, from Settings: the sessions it
 * has (this device among them) and ending them, a new password, and deleting the account.
 * Each needs the server: nothing of it is queued while offline.
 */
export type { SessionSummary } from '../protocol/auth.ts';

const sessionList = answer((schemas) => schemas.SessionListSchema);
const signedOutReply = answer((schemas) => schemas.SignedOutReplySchema);

export async function listSessions(): Promise<SessionSummary[]> {
  return (await apiRequest('/auth/sessions', { method: 'GET' }, sessionList)).sessions;
}

export function endOtherSession(id: string): Promise<void> {
  return apiRequest(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }, null);
}

/** Answers how many sessions ended. */
export async function signOutOtherSessions(): Promise<number> {
  const init = { method: 'POST' };
  return (await apiRequest('/auth/sessions/sign-out-others', init, signedOutReply)).signedOut;
}

/** Answers how many other sessions ended with the old password. */
export async function changePassword(password: string, newPassword: string): Promise<number> {
  const init = jsonRequest('POST', { password, newPassword });
  return (await apiRequest('/auth/password', init, signedOutReply)).signedOut;
}

/** Deletes the account on the server; the device then forgets it (device.ts). */
export function deleteAccountOnServer(password: string): Promise<void> {
  return apiRequest('/auth/account/delete', jsonRequest('POST', { password }), null);
}
