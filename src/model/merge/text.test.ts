import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeText } from './text.ts';

const text = (...lines: string[]) => lines.join('\n');

describe('[R3] line-based three-way text merge', () => {
  it('[R3] identical sides merge to that text', () => {
    expect(mergeText('a', 'b', 'b')).toEqual({ clean: true, value: 'b' });
    expect(mergeText('a', 'a', 'a')).toEqual({ clean: true, value: 'a' });
  });

  it('[R3] when only one side changed, that side is the result', () => {
    expect(mergeText(text('a', 'b'), text('a', 'b'), text('a', 'B'))).toEqual({
      clean: true,
      value: text('a', 'B'),
    });
    expect(mergeText(text('a', 'b'), text('A', 'b'), text('a', 'b'))).toEqual({
      clean: true,
      value: text('A', 'b'),
    });
  });

  it('[R3] changes to different lines on both sides are both kept', () => {
    const base = text('one', 'two', 'three', 'four', 'five');
    const current = text('ONE', 'two', 'three', 'four', 'five');
    const incoming = text('one', 'two', 'three', 'four', 'FIVE', 'six');
    expect(mergeText(base, current, incoming)).toEqual({
      clean: true,
      value: text('ONE', 'two', 'three', 'four', 'FIVE', 'six'),
    });
  });

  it('[R3] overlapping changes conflict, with regions a dialog can show', () => {
    const base = text('intro', 'milk', 'outro');
    const result = mergeText(
      base,
      text('intro', 'oat milk', 'outro'),
      text('intro', 'soy', 'outro'),
    );
    expect(result).toEqual({
      clean: false,
      lineEnding: '\n',
      regions: [
        { kind: 'ok', lines: ['intro'] },
        { kind: 'conflict', base: ['milk'], current: ['oat milk'], incoming: ['soy'] },
        { kind: 'ok', lines: ['outro'] },
      ],
    });
  });

  it('[R3] changes to adjacent lines conflict, as their order is ambiguous (as in git)', () => {
    const result = mergeText(text('a', 'b', 'c'), text('A', 'b', 'c'), text('a', 'B', 'c'));
    expect(result.clean).toBe(false);
  });

  it('[R3] the same change made on both sides is clean and kept once', () => {
    const base = text('a', 'b', 'c', 'd', 'e');
    const current = text('a', 'B', 'c', 'd', 'e', 'mine');
    const incoming = text('theirs', 'a', 'B', 'c', 'd', 'e');
    expect(mergeText(base, current, incoming)).toEqual({
      clean: true,
      value: text('theirs', 'a', 'B', 'c', 'd', 'e', 'mine'),
    });
  });

  it('[R3] whitespace is significant: a re-indented line is a changed line', () => {
    const base = text('if x:', 'do()', '', 'end');
    const indented = text('if x:', '    do()', '', 'end');
    const merged = mergeText(base, indented, text('if x:', 'do()', '', 'END'));
    expect(merged).toEqual({ clean: true, value: text('if x:', '    do()', '', 'END') });
    expect(mergeText(base, indented, text('if x:', '\tdo()', '', 'end')).clean).toBe(false);
  });

  it('[R3] a whitespace-only change and another edit of the same line conflict', () => {
    const base = text('a', 'b', 'c', 'd');
    expect(mergeText(base, text('a', 'b ', 'c', 'd'), text('a', 'B', 'c', 'd'))).toEqual({
      clean: false,
      lineEnding: '\n',
      regions: [
        { kind: 'ok', lines: ['a'] },
        { kind: 'conflict', base: ['b'], current: ['b '], incoming: ['B'] },
        { kind: 'ok', lines: ['c', 'd'] },
      ],
    });
  });

  it('[R3] a trailing-space or blank-line change on one side merges with an edit elsewhere', () => {
    const base = text('a', '', 'b', 'c', 'd');
    expect(mergeText(base, text('a ', '', 'b', 'c', 'd'), text('a', '', 'b', 'c', 'D'))).toEqual({
      clean: true,
      value: text('a ', '', 'b', 'c', 'D'),
    });
    expect(mergeText(base, text('a', '  ', 'b', 'c', 'd'), text('a', '', 'b', 'c', 'D'))).toEqual({
      clean: true,
      value: text('a', '  ', 'b', 'c', 'D'),
    });
  });

  it('[R3] both sides changing only whitespace: apart they merge, the same change is kept once', () => {
    const base = text('a', 'b', 'c', 'd', 'e');
    const indented = text('a', '  b', 'c', 'd', 'e');
    const trailing = text('a', 'b', 'c', 'd', 'e ');
    const both = text('a', '  b', 'c', 'd', 'e ');
    expect(mergeText(base, indented, trailing)).toEqual({ clean: true, value: both });
    expect(mergeText(base, indented, indented)).toEqual({ clean: true, value: indented });
    expect(mergeText(base, both, indented)).toEqual({ clean: true, value: both });
    // Different whitespace on the same line is still two different lines.
    const spaced = text('a', 'b  ', 'c', 'd', 'e');
    expect(mergeText(base, spaced, text('a', '\tb', 'c', 'd', 'e'))).toMatchObject({
      clean: false,
      regions: [
        { kind: 'ok', lines: ['a'] },
        { kind: 'conflict', base: ['b'], current: ['b  '], incoming: ['\tb'] },
        { kind: 'ok', lines: ['c', 'd', 'e'] },
      ],
    });
  });

  it('[R3] an empty base: one side typing is taken, both typing conflicts', () => {
    expect(mergeText('', '', 'typed')).toEqual({ clean: true, value: 'typed' });
    expect(mergeText('', 'mine\n', 'theirs\n')).toMatchObject({
      clean: false,
      regions: [
        { kind: 'conflict', base: [], current: ['mine'], incoming: ['theirs'] },
        { kind: 'ok', lines: [''] },
      ],
    });
  });

  it('[R3] an empty base: one side still empty takes the other, both typing the same is kept once', () => {
    expect(mergeText('', 'typed', '')).toEqual({ clean: true, value: 'typed' });
    expect(mergeText('', '', '')).toEqual({ clean: true, value: '' });
    expect(mergeText('', 'same\ntext', 'same\ntext')).toEqual({ clean: true, value: 'same\ntext' });
    expect(mergeText('', 'mine', 'theirs')).toEqual({
      clean: false,
      lineEnding: '\n',
      regions: [{ kind: 'conflict', base: [''], current: ['mine'], incoming: ['theirs'] }],
    });
  });

  it('[R3] emptying a text on one side and editing it on the other conflict; emptying on both is clean', () => {
    const base = text('a', 'b', 'c');
    expect(mergeText(base, '', text('a', 'B', 'c'))).toEqual({
      clean: false,
      lineEnding: '\n',
      regions: [
        { kind: 'conflict', base: ['a', 'b', 'c'], current: [''], incoming: ['a', 'B', 'c'] },
      ],
    });
    expect(mergeText(base, text('a', 'B', 'c'), '')).toMatchObject({ clean: false });
    expect(mergeText(base, '', '')).toEqual({ clean: true, value: '' });
  });

  it("[R3] CRLF and LF texts line up, and the result keeps the current value's endings", () => {
    const base = 'a\nb\nc\nd';
    const current = 'A\r\nb\r\nc\r\nd';
    const incoming = 'a\nb\nc\nD';
    expect(mergeText(base, current, incoming)).toEqual({ clean: true, value: 'A\r\nb\r\nc\r\nD' });
    expect(mergeText(base, incoming, current)).toEqual({ clean: true, value: 'A\nb\nc\nD' });
    const conflict = mergeText(base, 'x\r\nb\r\nc\r\nd', 'y\nb\nc\nd');
    expect(conflict).toMatchObject({ clean: false, lineEnding: '\r\n' });
  });

  it('[R3] CRLF against LF with overlapping edits: regions hold bare lines, the ending is the current one', () => {
    const base = 'a\nb\nc\nd';
    const conflict = (current: string, incoming: string, lineEnding: string) => ({
      clean: false,
      lineEnding,
      regions: [
        { kind: 'conflict', base: ['a'], current: [current], incoming: [incoming] },
        { kind: 'ok', lines: ['b', 'c', 'd'] },
      ],
    });
    expect(mergeText(base, 'x\r\nb\r\nc\r\nd', 'y\nb\nc\nd')).toEqual(conflict('x', 'y', '\r\n'));
    expect(mergeText(base, 'y\nb\nc\nd', 'x\r\nb\r\nc\r\nd')).toEqual(conflict('y', 'x', '\n'));
    // A CRLF base lines up with LF sides too.
    expect(mergeText('a\r\nb\r\nc\r\nd', 'A\nb\nc\nd', 'a\nb\nc\nD')).toEqual({
      clean: true,
      value: 'A\nb\nc\nD',
    });
  });

  it('[R3] a side that only converted its line endings changed no line', () => {
    // Its lines are the base's, so the other side's edit is taken, joined with current's endings.
    expect(mergeText('a\nb\nc', 'a\r\nb\r\nc', 'a\nB\nc')).toEqual({
      clean: true,
      value: 'a\r\nB\r\nc',
    });
    expect(mergeText('a\nb\nc', 'a\nB\nc', 'a\r\nb\r\nc')).toEqual({
      clean: true,
      value: 'a\nB\nc',
    });
  });

  it('[R3] whether the text ends with a newline is kept like any other change', () => {
    const base = text('a', 'b', 'c');
    expect(mergeText(base, base + '\n', text('A', 'b', 'c'))).toEqual({
      clean: true,
      value: text('A', 'b', 'c') + '\n',
    });
    expect(mergeText(base + '\n', base, text('A', 'b', 'c') + '\n')).toEqual({
      clean: true,
      value: text('A', 'b', 'c'),
    });
  });

  it('[R3] lines named like Object properties are ordinary lines', () => {
    const base = text('constructor', 'x', '__proto__', 'y', 'hasOwnProperty', 'toString');
    const current = text('constructor', 'X', '__proto__', 'y', 'hasOwnProperty', 'toString');
    const incoming = text('constructor', 'x', '__proto__', 'y', 'hasOwnProperty', 'valueOf');
    expect(mergeText(base, current, incoming)).toEqual({
      clean: true,
      value: text('constructor', 'X', '__proto__', 'y', 'hasOwnProperty', 'valueOf'),
    });
  });

  it('[R3] a 100,000-character note edited at both ends merges cleanly, keeping both edits', () => {
    // Its speed is measured by `npm run bench -- merge`, not here: tests assert no timings.
    const base = journal.join('\n');
    expect(base.length).toBeGreaterThan(90_000);
    expect(base.length).toBeLessThanOrEqual(100_000);
    const current = ['Fixed title', ...journal.slice(1)].join('\n');
    const incoming = [...journal, 'Appended today.'].join('\n');
    const expected = ['Fixed title', ...journal.slice(1), 'Appended today.'].join('\n');
    expect(mergeText(base, current, incoming)).toEqual({ clean: true, value: expected });
  });

  it('[R3] both sides changing the same line of a long note conflict in that line alone', () => {
    const edit = (line: string) => journal.map((old, index) => (index === 950 ? line : old));
    expect(
      mergeText(journal.join('\n'), edit('mine').join('\n'), edit('theirs').join('\n')),
    ).toEqual({
      clean: false,
      lineEnding: '\n',
      regions: [
        { kind: 'ok', lines: journal.slice(0, 950) },
        { kind: 'conflict', base: [journal[950]], current: ['mine'], incoming: ['theirs'] },
        { kind: 'ok', lines: journal.slice(951) },
      ],
    });
  });

  it('[R3] a text of 100,000 identical lines edited at both ends is one conflict of the whole texts', () => {
    // No line occurs once, so there is no anchor, and the LCS work is past the merge's budget:
    // as documented in text.ts, the whole text is declared one conflict instead of merged.
    const base = '\n'.repeat(100_000);
    const current = 'top' + base;
    const incoming = base + 'bottom';
    const blank = Array<string>(100_000).fill('');
    expect(mergeText(base, current, incoming)).toEqual({
      clean: false,
      lineEnding: '\n',
      regions: [
        {
          kind: 'conflict',
          base: [...blank, ''],
          current: ['top', ...blank],
          incoming: [...blank, 'bottom'],
        },
      ],
    });
  });

  it('[R3] swapping current and incoming gives the same clean merge', () => {
    fc.assert(
      fc.property(lines, edits, edits, (base, first, second) => {
        const [o, a, b] = [base, applyEdits(base, first), applyEdits(base, second)].map((l) =>
          l.join('\n'),
        ) as [string, string, string];
        const forward = mergeText(o, a, b);
        const backward = mergeText(o, b, a);
        expect(backward.clean).toBe(forward.clean);
        if (forward.clean && backward.clean) expect(backward.value).toBe(forward.value);
      }),
      { numRuns: 200 },
    );
  });
});

describe('[P10] a shared budget of merge work', () => {
  // Line 0 changed on one side and the last on the other: the merge needs an LCS of the middle.
  const base = text('x', 'one', 'two', 'three', 'one', 'two', 'y');
  const current = text('X', 'one', 'two', 'three', 'one', 'two', 'y');
  const incoming = text('x', 'one', 'two', 'three', 'one', 'two', 'Y');

  it('[P10] a merge draws what it spends from the budget it is given', () => {
    const budget = { left: 1_000_000 };
    expect(mergeText(base, current, incoming, budget)).toEqual({
      clean: true,
      value: text('X', 'one', 'two', 'three', 'one', 'two', 'Y'),
    });
    expect(budget.left).toBeLessThan(1_000_000);
    expect(budget.left).toBeGreaterThan(0);
  });

  it('[P10] with the budget spent, a merge that would be clean conflicts where it needed an LCS', () => {
    // Nothing is lost: each piece that needed work is a conflict holding all three sides,
    // which a person settles; the line common to all ('three') still anchors the rest.
    expect(mergeText(base, current, incoming, { left: 0 })).toEqual({
      clean: false,
      regions: [
        { kind: 'conflict', base: ['x'], current: ['X'], incoming: ['x'] },
        { kind: 'ok', lines: ['one', 'two', 'three', 'one', 'two'] },
        { kind: 'conflict', base: ['y'], current: ['y'], incoming: ['Y'] },
      ],
      lineEnding: '\n',
    });
  });

  it('[P10] texts that need no LCS merge without drawing on the budget', () => {
    const budget = { left: 0 };
    expect(mergeText('a', 'a', 'b', budget)).toEqual({ clean: true, value: 'b' });
    expect(budget.left).toBe(0);
  });
});

/**
 * About 95,000 characters: paragraphs of four lines separated by blank lines. Repeated lines
 * are what slow an LCS down, so this is the kind of long note the merge's anchors are for.
 */
const journal = Array.from({ length: 1_900 }, (_, index) =>
  index % 5 === 4 ? '' : `Line ${index} of the journal, with a few more words in it, and more.`,
);

// Few distinct lines, so edits often touch the same or repeated lines.
const line = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', '', '  a');
const lines = fc.array(line, { minLength: 3, maxLength: 16 });
type Edit = { at: number; remove: number; insert: string[] };
const edits = fc.array(
  fc.record({ at: fc.nat(16), remove: fc.nat(2), insert: fc.array(line, { maxLength: 2 }) }),
  { minLength: 1, maxLength: 3 },
);

function applyEdits(base: string[], list: Edit[]): string[] {
  const result = [...base];
  for (const { at, remove, insert } of list)
    result.splice(at % (result.length + 1), remove, ...insert);
  return result;
}
