import { describe, expect, it } from 'vitest';
import { describeCheck } from './syncCheckWords.ts';

const report = { at: 0, checked: 10_214, unsent: 0, repaired: 0, resent: 0, ranges: [] };

describe('[V3] the words for a sync check', () => {
  it('say in sync, with the count grouped', () => {
    expect(describeCheck(report)).toBe('Checked 10,214 records: in sync.');
  });

  it('say what was repaired and what was sent again', () => {
    expect(describeCheck({ ...report, repaired: 1, resent: 2 })).toBe(
      'Checked 10,214 records: 1 record on this device was out of date and was updated from the server; 2 records the server had lost were sent to it again.',
    );
  });

  it('say what waits to be checked', () => {
    expect(describeCheck({ ...report, checked: 1, unsent: 3 })).toBe(
      'Checked 1 record: in sync. 3 records with changes not yet sent will be checked once they are.',
    );
  });
});
