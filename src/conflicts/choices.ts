import type { FieldValue } from '../protocol/mutation.ts';
import type { FieldConflict } from './describe.ts';
import { assembleText, type PartChoice, type TextPart } from './textParts.ts';

/**
 * What the person has chosen for one colliding field, in the dialog. Nothing is chosen at
 * first (issue 13): a quick confirm must not keep one side by default.
 * - `mine` / `theirs`: that side's whole value;
 * - `edited`: a value written by hand (strings only);
 * - `parts` (text fields): a choice per part of the text (textParts.ts); parts only one side
 *   changed take that change unless the person chose otherwise;
 * - `whole` (text fields): the whole text edited by hand, the escape hatch; the part choices
 *   are kept for a return to them.
 */
export type FieldChoice =
  | { pick: 'mine' }
  | { pick: 'theirs' }
  | { pick: 'edited'; value: string }
  | { pick: 'parts'; parts: (PartChoice | undefined)[] }
  | { pick: 'whole'; value: string; parts: (PartChoice | undefined)[] };

/** The choice a field starts with: none for a single value, no part decided for a text. */
export function initialChoice(field: FieldConflict): FieldChoice | undefined {
  return field.parts ? { pick: 'parts', parts: field.parts.map(() => undefined) } : undefined;
}

/** "Use all mine" / "Use all theirs": every part too, so a text becomes exactly that side's. */
export function sideChoice(field: FieldConflict, side: 'mine' | 'theirs'): FieldChoice {
  return field.parts ? { pick: 'parts', parts: field.parts.map(() => side) } : { pick: side };
}

/** The value a choice gives the field; undefined while something is still undecided. */
export function chosenValue(
  field: FieldConflict,
  choice: FieldChoice | undefined,
): FieldValue | undefined {
  switch (choice?.pick) {
    case undefined:
      return undefined;
    case 'mine':
      return field.mine;
    case 'theirs':
      return field.theirs;
    case 'edited':
    case 'whole':
      return choice.value;
    case 'parts':
      return field.parts ? textOfParts(field, field.parts, choice.parts) : undefined;
  }
}

function textOfParts(
  field: FieldConflict,
  parts: TextPart[],
  choices: (PartChoice | undefined)[],
): FieldValue | undefined {
  // One side everywhere is that side's text exactly, line endings and all.
  for (const side of ['mine', 'theirs'] as const) {
    if (parts.every((_, index) => choices[index] === side)) return field[side];
  }
  return assembleText(parts, choices, field.lineEnding);
}

/** How many decisions are still missing: a single value counts one, a text each open part. */
export function undecidedCount(field: FieldConflict, choice: FieldChoice | undefined): number {
  if (choice?.pick === 'parts' && field.parts) {
    return field.parts.filter(
      (part, index) => part.kind === 'both-differ' && choice.parts[index] === undefined,
    ).length;
  }
  return choice === undefined ? 1 : 0;
}
