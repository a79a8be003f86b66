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

  it("[R3] CRLF and LF texts line up, and the result keeps the current value's endings", () => {
    const base = 'a\nb\nc\nd';
    const current = 'A\r\nb\r\nc\r\nd';
    const incoming = 'a\nb\nc\nD';
    expect(mergeText(base, current, incoming)).toEqual({ clean: true, value: 'A\r\nb\r\nc\r\nD' });
    expect(mergeText(base, incoming, current)).toEqual({ clean: true, value: 'A\nb\nc\nD' });
    const conflict = mergeText(base, 'x\r\nb\r\nc\r\nd', 'y\nb\nc\nd');
    expect(conflict).toMatchObject({ clean: false, lineEnding: '\r\n' });
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

  it('[R3] a 100,000-character note edited at both ends merges in well under 100 ms', () => {
    // Paragraphs separated by blank lines: repeated lines are what slows an LCS down.
    const lines = Array.from({ length: 1_900 }, (_, index) =>
      index % 5 === 4 ? '' : `Line ${index} of the journal, with a few more words in it, and more.`,
    );
    const base = lines.join('\n');
    expect(base.length).toBeGreaterThan(90_000);
    expect(base.length).toBeLessThanOrEqual(100_000);
    const current = ['Fixed title', ...lines.slice(1)].join('\n');
    const incoming = [...lines, 'Appended today.'].join('\n');
    const expected = ['Fixed title', ...lines.slice(1), 'Appended today.'].join('\n');
    expect(fastest(() => mergeText(base, current, incoming))).toBeLessThan(100);
    expect(mergeText(base, current, incoming)).toEqual({ clean: true, value: expected });
  });

  it('[R3] a text of 100,000 identical lines gives up quickly with one conflict', () => {
    const base = '\n'.repeat(100_000);
    const current = 'top' + base;
    const incoming = base + 'bottom';
    expect(fastest(() => mergeText(base, current, incoming))).toBeLessThan(100);
    const result = mergeText(base, current, incoming);
    expect(result.clean).toBe(false);
    if (!result.clean) expect(result.regions.filter((r) => r.kind === 'conflict')).toHaveLength(1);
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

/** The best of three timings, in ms, after one warm-up run. */
function fastest(run: () => unknown): number {
  run();
  const times = [0, 1, 2].map(() => {
    const start = performance.now();
    run();
    return performance.now() - start;
  });
  return Math.min(...times);
}

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
