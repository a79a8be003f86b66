import { describe, expect, it } from 'vitest';
import { mergeText } from '../model/merge/text.ts';
import { draftOfMerge, hasOverlapMarkers, OVERLAP_MARKERS, overlapCount } from './textDraft.ts';

describe('[R3] the merged text a person starts resolving from', () => {
  it('a clean merge is the merged text itself, with nothing marked', () => {
    const merge = mergeText('a\nb\nc', 'A\nb\nc', 'a\nb\nC');
    expect(draftOfMerge(merge)).toBe('A\nb\nC');
    expect(overlapCount(merge)).toBe(0);
    expect(hasOverlapMarkers(draftOfMerge(merge))).toBe(false);
  });

  it('each overlap shows mine, then theirs, between marker lines; the rest is merged', () => {
    // base, theirs (the server's current value), mine (this device's)
    const merge = mergeText('a\nb\nc\nd\ne', 'a\nB1\nc\nd\ne\nf', 'a\nB2\nc\nd\nE');
    expect(draftOfMerge(merge).split('\n')).toEqual([
      'a',
      OVERLAP_MARKERS.mine,
      'B2',
      OVERLAP_MARKERS.between,
      'B1',
      OVERLAP_MARKERS.theirs,
      'c',
      'd',
      OVERLAP_MARKERS.mine,
      'E',
      OVERLAP_MARKERS.between,
      'e',
      'f',
      OVERLAP_MARKERS.theirs,
    ]);
    expect(overlapCount(merge)).toBe(2);
  });

  it('keeps the line endings of the server’s value (CRLF)', () => {
    const merge = mergeText('a\r\nb', 'a\r\nB1', 'a\nB2');
    expect(draftOfMerge(merge)).toBe(
      ['a', OVERLAP_MARKERS.mine, 'B2', OVERLAP_MARKERS.between, 'B1', OVERLAP_MARKERS.theirs].join(
        '\r\n',
      ),
    );
  });

  it('only whole marker lines count as unsettled, so text that merely mentions them is fine', () => {
    expect(hasOverlapMarkers(`x\r\n${OVERLAP_MARKERS.between}\r\ny`)).toBe(true);
    expect(hasOverlapMarkers('a ======= b\n<<<<<<< not ours')).toBe(false);
  });
});
