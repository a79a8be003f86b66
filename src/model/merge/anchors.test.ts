import { describe, expect, it } from 'vitest';
import { findAnchors, longestIncreasing } from './anchors.ts';

describe('[R3] anchors of the line merge', () => {
  it('finds a longest increasing run of values, as indices', () => {
    expect(longestIncreasing([])).toEqual([]);
    expect(longestIncreasing([3, 1, 2, 5, 4])).toEqual([1, 2, 4]);
    expect(longestIncreasing([0, 1, 2])).toEqual([0, 1, 2]);
  });

  it('anchors only lines that occur once in every version and keep their order', () => {
    // Line 0 repeats in base, 1 moved to the end of current, 4 is missing from incoming.
    const o = [0, 1, 2, 0, 3, 4];
    const a = [2, 0, 3, 4, 1];
    const b = [1, 2, 3, 0];
    expect(findAnchors(o, a, b, 5)).toEqual([
      { o: 2, a: 0, b: 1 },
      { o: 4, a: 2, b: 2 },
    ]);
  });
});
