import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incrementCounter } from './counter.ts';

const valueOf = (result: ReturnType<typeof incrementCounter>) => (result.ok ? result.value : null);

describe('[R3] PN-counter', () => {
  it('[R3] deltas from two devices add up in either order', () => {
    const aThenB = valueOf(incrementCounter(valueOf(incrementCounter(3, 2))!, -5));
    const bThenA = valueOf(incrementCounter(valueOf(incrementCounter(3, -5))!, 2));
    expect(aThenB).toBe(0);
    expect(bThenA).toBe(0);
  });

  it('[R3] deltas from any devices, in any order of arrival, end at the start plus their sum', () => {
    const delta = fc.integer({ min: -1_000, max: 1_000 });
    const arrivals = fc
      .array(delta, { maxLength: 12 })
      .chain((sent) =>
        fc.tuple(fc.constant(sent), fc.shuffledSubarray(sent, { minLength: sent.length })),
      );
    fc.assert(
      fc.property(delta, arrivals, (start, [sent, arrived]) => {
        const total = start + sent.reduce((sum, next) => sum + next, 0);
        const end = arrived.reduce((value, next) => valueOf(incrementCounter(value, next))!, start);
        expect(end).toBe(total);
      }),
      { numRuns: 200 },
    );
  });

  it('[R1] refuses a result outside the safe integers instead of rounding it', () => {
    const result = incrementCounter(Number.MAX_SAFE_INTEGER, 1);
    expect(result).toMatchObject({ ok: false, code: 'counter_out_of_range' });
    expect(incrementCounter(-Number.MAX_SAFE_INTEGER, -1).ok).toBe(false);
    expect(incrementCounter(0, 0.5).ok).toBe(false);
    expect(valueOf(incrementCounter(Number.MAX_SAFE_INTEGER - 1, 1))).toBe(Number.MAX_SAFE_INTEGER);
  });
});
