import { diffWordsWithSpace } from 'diff';

/** A stretch of one side's text, and whether the other side lacks it (to highlight). */
export interface WordSpan {
  text: string;
  differs: boolean;
}

/**
 * The word-level differences between two versions, as each side's text in spans: the words one
 * side has and the other lacks are marked. Whitespace counts, so a changed line break or
 * indentation shows too. (`diff` is the maintained jsdiff library; the line merge that decides
 * what merges is model/merge/text.ts, not this.)
 */
export function wordDifferences(
  mine: string,
  theirs: string,
): { mine: WordSpan[]; theirs: WordSpan[] } {
  const changes = diffWordsWithSpace(mine, theirs);
  const side = (lacking: 'added' | 'removed', differing: 'added' | 'removed') =>
    joinAdjacent(
      changes
        .filter((change) => !change[lacking])
        .map((change) => ({ text: change.value, differs: change[differing] })),
    );
  return { mine: side('added', 'removed'), theirs: side('removed', 'added') };
}

/**
 * One span per run of equally marked text, so a screen reader reads whole phrases; the spaces
 * between two marked words are marked with them, so a changed phrase shows as one.
 */
function joinAdjacent(spans: WordSpan[]): WordSpan[] {
  const joined: WordSpan[] = [];
  for (const [index, original] of spans.entries()) {
    const between = spans[index - 1]?.differs && spans[index + 1]?.differs;
    const span = between && /^\s+$/.test(original.text) ? { ...original, differs: true } : original;
    const last = joined.at(-1);
    if (last && last.differs === span.differs) last.text += span.text;
    else if (span.text !== '') joined.push({ ...span });
  }
  return joined;
}
