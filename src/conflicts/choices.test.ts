import { describe, expect, it } from 'vitest';
import { chosenValue, initialChoice, sideChoice, undecidedCount } from './choices.ts';
import type { FieldConflict } from './describe.ts';
import { textParts } from './textParts.ts';

const title: FieldConflict = {
  field: 'title',
  label: 'Title',
  kind: 'register',
  base: 'Shopping',
  mine: 'Shopping for the party',
  theirs: 'Shopping for Monday',
};

function textField(base: string, mine: string, theirs: string): FieldConflict {
  const parts = textParts(base, mine, theirs);
  return {
    field: 'body',
    label: 'Note text',
    kind: 'text',
    base,
    mine,
    theirs,
    parts,
    lineEnding: '\n',
  };
}

describe('the choices of a field conflict', () => {
  it('starts with nothing chosen, so Apply waits for the person', () => {
    expect(initialChoice(title)).toBeUndefined();
    expect(chosenValue(title, initialChoice(title))).toBeUndefined();
    expect(undecidedCount(title, undefined)).toBe(1);
  });

  it('gives a single value the side or the edit chosen', () => {
    expect(chosenValue(title, { pick: 'mine' })).toBe('Shopping for the party');
    expect(chosenValue(title, { pick: 'theirs' })).toBe('Shopping for Monday');
    expect(chosenValue(title, { pick: 'edited', value: 'Party on Monday' })).toBe(
      'Party on Monday',
    );
    expect(undecidedCount(title, { pick: 'theirs' })).toBe(0);
  });

  it('takes one-sided changes of a text and counts each part changed on both sides', () => {
    const body = textField('a\nb\nc\nd\ne', 'a\nB\nc\nD\ne', 'a\nβ\nc\nd\ne\nf');
    const start = initialChoice(body);
    expect(undecidedCount(body, start)).toBe(1);
    expect(chosenValue(body, start)).toBeUndefined();
    const parts = body.parts!.map((part) => (part.kind === 'both-differ' ? 'both' : undefined));
    // Mine's D and their added f are taken; the b both changed keeps both lines.
    expect(chosenValue(body, { pick: 'parts', parts })).toBe('a\nB\nβ\nc\nD\ne\nf');
  });

  it('"use all mine" and "use all theirs" give exactly that side, line endings and all', () => {
    const body = textField('x\r\ny', 'x\r\nmine', 'x\ntheirs');
    expect(chosenValue(body, sideChoice(body, 'mine'))).toBe('x\r\nmine');
    expect(chosenValue(body, sideChoice(body, 'theirs'))).toBe('x\ntheirs');
    expect(chosenValue(title, sideChoice(title, 'theirs'))).toBe('Shopping for Monday');
  });

  it('takes the whole text as edited', () => {
    const body = textField('a', 'b', 'c');
    expect(chosenValue(body, { pick: 'whole', value: 'b and c', parts: [] })).toBe('b and c');
    expect(undecidedCount(body, { pick: 'whole', value: '', parts: [] })).toBe(0);
  });
});
