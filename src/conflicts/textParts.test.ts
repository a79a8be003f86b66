import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeText } from '../model/merge/text.ts';
import {
  assembleText,
  chosenLines,
  suggestedChoice,
  textParts,
  type PartChoice,
  type TextPart,
} from './textParts.ts';

// Few distinct lines, so the three texts share many and differ in overlapping places.
const text = fc
  .array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 8 })
  .map((lines) => lines.join('\n'));
const choice: fc.Arbitrary<PartChoice> = fc.oneof(
  fc.constantFrom<PartChoice>('mine', 'theirs', 'both'),
  fc.string({ maxLength: 6 }).map((edited) => ({ edited })),
);
const all = (parts: TextPart[], picked: PartChoice) => parts.map(() => picked);

describe('the parts of a text conflict', () => {
  it('splits a conflict into what is shared and what each side changed', () => {
    const parts = textParts('one\ntwo\nthree', 'one\nTWO\nthree', 'one\n2\nthree');
    expect(parts).toEqual([
      { kind: 'same', base: ['one'], mine: ['one'], theirs: ['one'] },
      { kind: 'both-differ', base: ['two'], mine: ['TWO'], theirs: ['2'] },
      { kind: 'same', base: ['three'], mine: ['three'], theirs: ['three'] },
    ]);
    expect(assembleText(parts, [])).toBeUndefined(); // the differing part needs a choice
    expect(assembleText(parts, [undefined, 'both'])).toBe('one\nTWO\n2\nthree');
    expect(assembleText(parts, [undefined, { edited: 'Two, 2' }])).toBe('one\nTwo, 2\nthree');
    expect(assembleText(parts, [undefined, { edited: '' }])).toBe('one\nthree');
  });

  it('keeps a change made on one side only as that side’s, suggested', () => {
    const parts = textParts('a\nb\nc\nd', 'A\nb\nc\nd', 'a\nb\nc\nD');
    expect(parts.map((part) => part.kind)).toEqual(['mine-changed', 'same', 'theirs-changed']);
    expect(parts.map(suggestedChoice)).toEqual(['mine', 'mine', 'theirs']);
    expect(assembleText(parts, [])).toBe('A\nb\nc\nD');
  });

  it('all mine gives exactly mine, all theirs exactly theirs', () => {
    fc.assert(
      fc.property(text, text, text, (base, mine, theirs) => {
        const parts = textParts(base, mine, theirs);
        expect(assembleText(parts, all(parts, 'mine'))).toBe(mine);
        expect(assembleText(parts, all(parts, 'theirs'))).toBe(theirs);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips: the parts hold every line of all three texts, in order', () => {
    fc.assert(
      fc.property(text, text, text, (base, mine, theirs) => {
        const parts = textParts(base, mine, theirs);
        for (const [side, value] of [
          ['base', base],
          ['mine', mine],
          ['theirs', theirs],
        ] as const) {
          expect(parts.flatMap((part) => part[side]).join('\n')).toBe(value);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('any choices give the parts’ chosen lines one after another, and nothing else', () => {
    fc.assert(
      fc.property(
        text,
        text,
        text,
        fc.array(choice, { maxLength: 12 }),
        (base, mine, theirs, picks) => {
          const parts = textParts(base, mine, theirs);
          const choices = parts.map((part, index) => picks[index] ?? 'mine');
          const expected = parts.flatMap((part, index) => chosenLines(part, choices[index]!));
          expect(assembleText(parts, choices)).toBe(expected.join('\n'));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('suggests what the line merge takes where the lines line up one way only', () => {
    const [base, mine, theirs] = [
      'one\ntwo\nthree\nfour',
      'one\n2\nthree\nfour',
      'one\ntwo\nthree\n4',
    ];
    const merge = mergeText(base, theirs, mine);
    expect(merge).toEqual({ clean: true, value: 'one\n2\nthree\n4' });
    expect(assembleText(textParts(base, mine, theirs), [])).toBe('one\n2\nthree\n4');
  });
});
