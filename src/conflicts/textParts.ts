import { diffIndices } from 'node-diff3';
import { LineTable, splitLines } from '../model/merge/lines.ts';

/**
 * A text conflict as a person decides it: the text as a sequence of parts, each holding the
 * lines of the base, of this device (mine) and of the other side (theirs) for one stretch.
 *
 * Unlike the merge's regions (model/merge/text.ts), whose agreed stretches already hold the
 * other side's one-sided changes, every part keeps all three versions. So choosing "mine"
 * for every part gives exactly this device's text, "theirs" exactly the other one, and each
 * part can still suggest what the merge would take.
 */
export type PartKind =
  /** The same on every side. */
  | 'same'
  /** Changed on this device only: the merge takes mine. */
  | 'mine-changed'
  /** Changed on the other side only: the merge takes theirs. */
  | 'theirs-changed'
  /** Changed on both sides in the same way. */
  | 'both-alike'
  /** Changed on both sides differently: only the person can decide. */
  | 'both-differ';

export interface TextPart {
  kind: PartKind;
  base: string[];
  mine: string[];
  theirs: string[];
}

export type PartChoice = 'mine' | 'theirs' | 'both' | { edited: string };

interface Hunk {
  side: 'mine' | 'theirs';
  baseStart: number;
  baseLength: number;
  sideLength: number;
}

/**
 * The parts of a three-way text conflict, in text order. Lines are compared as in the merge
 * (whitespace significant, LF and CRLF alike). Changes that overlap or touch in the base form
 * one part, as diff3 groups them: their order would be ambiguous.
 */
export function textParts(base: string, mine: string, theirs: string): TextPart[] {
  const table = new LineTable();
  const [o, m, t] = [base, mine, theirs].map((text) => table.tokens(splitLines(text)));
  const hunks: Hunk[] = [...hunksOf(o!, m!, 'mine'), ...hunksOf(o!, t!, 'theirs')].sort(
    (x, y) => x.baseStart - y.baseStart,
  );

  const parts: TextPart[] = [];
  // Where each side stands, in its own lines, at `baseAt` in the base.
  const at = { base: 0, mine: 0, theirs: 0 };
  const take = (base: number, mineEnd: number, theirsEnd: number) => {
    const part = {
      base: table.text(o!.slice(at.base, base)),
      mine: table.text(m!.slice(at.mine, mineEnd)),
      theirs: table.text(t!.slice(at.theirs, theirsEnd)),
    };
    if (part.base.length + part.mine.length + part.theirs.length > 0) {
      parts.push({ kind: kindOf(part), ...part });
    }
    Object.assign(at, { base, mine: mineEnd, theirs: theirsEnd });
  };

  for (let index = 0; index < hunks.length;) {
    const start = hunks[index]!.baseStart;
    // Unchanged lines up to the group: the same count on every side.
    const lead = start - at.base;
    take(start, at.mine + lead, at.theirs + lead);
    let end = start;
    const grown = { mine: 0, theirs: 0 };
    while (index < hunks.length && hunks[index]!.baseStart <= end) {
      const hunk = hunks[index++]!;
      end = Math.max(end, hunk.baseStart + hunk.baseLength);
      grown[hunk.side] += hunk.sideLength - hunk.baseLength;
    }
    const span = end - start;
    take(end, at.mine + span + grown.mine, at.theirs + span + grown.theirs);
  }
  take(o!.length, m!.length, t!.length);
  return parts;
}

function hunksOf(base: number[], side: number[], name: Hunk['side']): Hunk[] {
  return diffIndices(base, side).map((hunk) => ({
    side: name,
    baseStart: hunk.buffer1[0],
    baseLength: hunk.buffer1[1],
    sideLength: hunk.buffer2[1],
  }));
}

function kindOf({ base, mine, theirs }: Omit<TextPart, 'kind'>): PartKind {
  const mineSame = equalLines(mine, base);
  const theirsSame = equalLines(theirs, base);
  if (mineSame && theirsSame) return 'same';
  if (theirsSame) return 'mine-changed';
  if (mineSame) return 'theirs-changed';
  return equalLines(mine, theirs) ? 'both-alike' : 'both-differ';
}

function equalLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, index) => line === b[index]);
}

/** What the merge would take for a part; none where both sides changed it differently. */
export function suggestedChoice(part: TextPart): PartChoice | undefined {
  if (part.kind === 'both-differ') return undefined;
  return part.kind === 'theirs-changed' ? 'theirs' : 'mine';
}

/** The lines a choice gives a part. "Both" is mine, then theirs. */
export function chosenLines(part: TextPart, choice: PartChoice): string[] {
  if (choice === 'mine') return part.mine;
  if (choice === 'theirs') return part.theirs;
  if (choice === 'both') return [...part.mine, ...part.theirs];
  // Edited down to nothing, the part's lines go (rather than leaving one empty line).
  return choice.edited === '' ? [] : splitLines(choice.edited);
}

/**
 * The text the person's choices make, one choice per part (a part without one takes the
 * suggested choice); undefined while a part both sides changed differently has none.
 */
export function assembleText(
  parts: readonly TextPart[],
  choices: readonly (PartChoice | undefined)[],
  lineEnding: '\n' | '\r\n' = '\n',
): string | undefined {
  const lines: string[] = [];
  for (const [index, part] of parts.entries()) {
    const choice = choices[index] ?? suggestedChoice(part);
    if (choice === undefined) return undefined;
    lines.push(...chosenLines(part, choice));
  }
  return lines.join(lineEnding);
}
