import type { TextMerge } from '../model/merge/text.ts';

/**
 * The lines that mark an overlap in a merged text, as git writes them: familiar to the
 * developers who read this code, and plain text a screen reader reads out line by line.
 */
export const OVERLAP_MARKERS = {
  mine: '<<<<<<< mine (this device)',
  between: '=======',
  theirs: '>>>>>>> theirs (other device)',
} as const;

const MARKER_LINES = new Set<string>(Object.values(OVERLAP_MARKERS));

/**
 * The text a person starts editing from: the three-way merge of both sides, where every part
 * that changed on both sides shows both versions between markers, to be edited into one.
 */
export function draftOfMerge(merge: TextMerge): string {
  if (merge.clean) return merge.value;
  const lines = merge.regions.flatMap((region) =>
    region.kind === 'ok'
      ? region.lines
      : [
          OVERLAP_MARKERS.mine,
          ...region.incoming,
          OVERLAP_MARKERS.between,
          ...region.current,
          OVERLAP_MARKERS.theirs,
        ],
  );
  return lines.join(merge.lineEnding);
}

/** How many parts changed on both sides; 0 for a clean merge. */
export function overlapCount(merge: TextMerge): number {
  return merge.clean ? 0 : merge.regions.filter((region) => region.kind === 'conflict').length;
}

/** Whether a draft still holds a marker line, i.e. an overlap nobody has settled yet. */
export function hasOverlapMarkers(text: string): boolean {
  return text.split(/\r?\n/).some((line) => MARKER_LINES.has(line));
}
