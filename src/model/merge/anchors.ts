/**
 * Anchor lines for the text merge (R3): lines that occur exactly once in each of base, current
 * and incoming, kept only where they stand in the same order in all three (as patience diff
 * does). Every sensible alignment matches such a line with itself, so the texts can be cut
 * there and the pieces between anchors merged one by one.
 *
 * Why: node-diff3's LCS slows down cubically on repeated lines (a long note with a blank line
 * every few lines takes ~250 ms for 2,000 lines). Cut at anchors, each piece is a few lines.
 */
export interface Anchor {
  /** The anchor's line index in base (o), current (a) and incoming (b). */
  o: number;
  a: number;
  b: number;
}

type Tokens = readonly number[];

export function findAnchors(o: Tokens, a: Tokens, b: Tokens, tokenCount: number): Anchor[] {
  const [inO, inA, inB] = [o, a, b].map((tokens) => uniquePositions(tokens, tokenCount)) as [
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  const candidates: Anchor[] = [];
  o.forEach((token, index) => {
    if (inO[token] === index && inA[token]! >= 0 && inB[token]! >= 0) {
      candidates.push({ o: index, a: inA[token]!, b: inB[token]! });
    }
  });
  // Each chain is in order in base and one side; their common part is in order in all three.
  // Taking both chains the same way keeps the merge symmetric in current and incoming.
  const chainA = new Set(longestIncreasing(candidates.map((anchor) => anchor.a)));
  const chainB = new Set(longestIncreasing(candidates.map((anchor) => anchor.b)));
  return candidates.filter((_, index) => chainA.has(index) && chainB.has(index));
}

/** For each token, its line index if it occurs exactly once; -1 if absent, -2 if repeated. */
function uniquePositions(tokens: Tokens, tokenCount: number): Int32Array {
  const positions = new Int32Array(tokenCount).fill(-1);
  tokens.forEach((token, index) => {
    positions[token] = positions[token] === -1 ? index : -2;
  });
  return positions;
}

/** Indices of a longest strictly increasing subsequence of distinct values (O(n log n)). */
export function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = []; // tails[k]: index ending the best chain of length k + 1
  const previous: number[] = [];
  values.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[tails[middle]!]! < value) low = middle + 1;
      else high = middle;
    }
    previous[index] = low > 0 ? tails[low - 1]! : -1;
    tails[low] = index;
  });
  const chain: number[] = [];
  for (let index = tails.at(-1) ?? -1; index >= 0; index = previous[index]!) chain.push(index);
  return chain.reverse();
}
