/**
 * What went wrong talking to the server, sorted by what the engine does next:
 * - transient: the network, a 5xx, a 429 — keep the outbox, back off, try again;
 * - auth: 401 — keep the outbox, ask the person to sign in again;
 * - resync: 410 — pull everything from 0 (L4);
 * - upgrade: 426 — this app speaks an old protocol: offer the update;
 * - permanent: any other 4xx — retrying the same request cannot help.
 */
export type SyncErrorKind = 'transient' | 'auth' | 'resync' | 'upgrade' | 'permanent';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    readonly code: string,
    message: string,
    /** From Retry-After, when the server said how long to wait. */
    readonly retryAfterMs?: number,
    /** [T3] what the server said in detail (a 400 lists each problem with its path). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export function kindOfStatus(status: number): SyncErrorKind {
  if (status === 401) return 'auth';
  if (status === 410) return 'resync';
  if (status === 426) return 'upgrade';
  if (status === 429 || status >= 500) return 'transient';
  return 'permanent';
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
