/**
 * The server's fault injection [F1], as the network lab uses it. These routes exist only when
 * the server runs with OUTPOST_FAULTS=1, and the `offline` fault spares them, so the lab can
 * always read and undo what it set.
 */
export interface Faults {
  latencyMs?: number;
  failNext?: { count: number; status: number };
  dropAfterCommit?: number;
  offline?: boolean;
}

/** A fault request that failed: `code` is the server's error code, or `network`. */
export class FaultsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'FaultsError';
  }
}

const FAULTS_URL = '/api/_faults';

/** The server's current faults, or null when it has none to offer (faults off, or unreachable). */
export async function readFaults(): Promise<Faults | null> {
  // Health says whether faults are on, so a server without them is never asked for the missing
  // route (a 404 is a console error). The `offline` fault cuts health off too: then ask anyway.
  const health = await fetch('/api/health')
    .then((response) => response.json() as Promise<{ faults?: boolean }>)
    .catch(() => null);
  if (health && health.faults !== true) return null;
  try {
    const response = await fetch(FAULTS_URL, { credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as Faults) : null;
  } catch {
    return null;
  }
}

/**
 * Merges `changes` into the server's faults; answers with all of them. `token`: the faults
 * token the server printed at start, without which it refuses (403 faults_token_invalid).
 */
export function changeFaults(changes: Faults, token: string): Promise<Faults> {
  return send('POST', token, changes);
}

export function clearFaults(token: string): Promise<Faults> {
  return send('DELETE', token);
}

async function send(method: 'POST' | 'DELETE', token: string, body?: Faults): Promise<Faults> {
  let response: Response;
  try {
    response = await fetch(FAULTS_URL, {
      method,
      credentials: 'same-origin',
      headers: {
        'Outpost-Faults-Token': token,
        ...(body && { 'content-type': 'application/json' }),
      },
      ...(body && { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new FaultsError('network', `The server could not be reached: ${String(error)}`);
  }
  if (response.ok) return (await response.json()) as Faults;
  const answer = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  throw new FaultsError(
    answer?.error?.code ?? `http_${response.status}`,
    answer?.error?.message ?? `The server answered ${response.status}`,
  );
}

/** The faults in words, for the lab's status line. */
export function describeFaults(faults: Faults): string {
  const parts: string[] = [];
  if (faults.offline) parts.push('offline: every connection is dropped');
  if (faults.latencyMs) parts.push(`${faults.latencyMs} ms latency`);
  const { count: failing, status } = faults.failNext ?? { count: 0, status: 0 };
  if (failing === 1) parts.push(`the next request fails with ${status}`);
  if (failing > 1) parts.push(`the next ${failing} requests fail with ${status}`);
  const dropping = faults.dropAfterCommit ?? 0;
  if (dropping === 1) parts.push('the answer to the next push is lost');
  if (dropping > 1) parts.push(`the answers to the next ${dropping} pushes are lost`);
  return parts.length > 0 ? parts.join('; ') : 'none, the server behaves normally';
}
