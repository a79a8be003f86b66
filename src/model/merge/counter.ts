/**
 * [R3] A PN-counter as the server keeps it: the sum of every device's deltas. Deltas commute,
 * so counters never conflict; each delta is applied exactly once because a mutation is (P1).
 */
export type CounterResult =
  { ok: true; value: number } | { ok: false; code: 'counter_out_of_range'; message: string };

export function incrementCounter(value: number, delta: number): CounterResult {
  const next = value + delta;
  // Past 2^53 additions silently round: refuse rather than store a count that lies (R1).
  if (!Number.isSafeInteger(delta) || !Number.isSafeInteger(next)) {
    return {
      ok: false,
      code: 'counter_out_of_range',
      message: `A counter must stay a whole number between ±${Number.MAX_SAFE_INTEGER}`,
    };
  }
  return { ok: true, value: next };
}
