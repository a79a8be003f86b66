/**
 * Exponential backoff with full jitter and a cap: the n-th retry waits a random time up to
 * base·2ⁿ (never past the cap), so many devices coming back at once do not retry in step.
 * A Retry-After from the server wins when it asks for longer.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

export function backoffDelay(
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.max(BACKOFF_BASE_MS / 2, Math.round(ceiling * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}
