import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordDifferences } from './wordDiff.ts';

const joined = (spans: { text: string }[]) => spans.map((span) => span.text).join('');

describe('word differences between two versions', () => {
  it('marks the words each side has and the other lacks', () => {
    const { mine, theirs } = wordDifferences('Shopping for the party', 'Shopping for Monday');
    expect(mine).toEqual([
      { text: 'Shopping for ', differs: false },
      { text: 'the party', differs: true },
    ]);
    expect(theirs).toEqual([
      { text: 'Shopping for ', differs: false },
      { text: 'Monday', differs: true },
    ]);
  });

  it('marks a changed phrase as one, spaces and all', () => {
    expect(wordDifferences('free-range eggs', 'oat milk')).toEqual({
      mine: [{ text: 'free-range eggs', differs: true }],
      theirs: [{ text: 'oat milk', differs: true }],
    });
  });

  it('marks nothing when both are the same', () => {
    expect(wordDifferences('a b', 'a b')).toEqual({
      mine: [{ text: 'a b', differs: false }],
      theirs: [{ text: 'a b', differs: false }],
    });
  });

  it('always rebuilds each side exactly, with no two neighbouring spans marked alike', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const { mine, theirs } = wordDifferences(a, b);
        expect(joined(mine)).toBe(a);
        expect(joined(theirs)).toBe(b);
        for (const spans of [mine, theirs]) {
          spans
            .slice(1)
            .forEach((span, index) => expect(span.differs).not.toBe(spans[index]!.differs));
        }
      }),
    );
  });
});
