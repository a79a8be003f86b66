import { describe, expect, it } from 'vitest';
import { differingRanges, digestOf, rangeBounds, rangeOf } from './digest.ts';

describe('[V1] digests', () => {
  const entry = (id: string, version = 1) => ({ id, version });
  const ids = ['0a000000-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000002'];

  it('do not depend on the order records are read in', async () => {
    const other = 'ff000000-0000-4000-8000-000000000003';
    const forwards = await digestOf([entry(ids[0]!), entry(ids[1]!), entry(other, 7)]);
    const backwards = await digestOf([entry(other, 7), entry(ids[1]!), entry(ids[0]!)]);
    expect(forwards).toEqual(backwards);
    expect(forwards).toMatchObject({ count: 3, maxVersion: 7 });
    expect(forwards.ranges.map((range) => [range.range, range.count])).toEqual([
      ['0a', 2],
      ['ff', 1],
    ]);
  });

  it('differ in the range of a changed version, a missing record or an extra one', async () => {
    const server = await digestOf([entry(ids[0]!), entry(ids[1]!)]);
    expect(differingRanges(server, await digestOf([entry(ids[0]!), entry(ids[1]!)]))).toEqual([]);
    expect(differingRanges(server, await digestOf([entry(ids[0]!), entry(ids[1]!, 2)]))).toEqual([
      '0a',
    ]);
    expect(differingRanges(server, await digestOf([entry(ids[0]!)]))).toEqual(['0a']);
    const extra = entry('b1000000-0000-4000-8000-000000000009');
    expect(
      differingRanges(server, await digestOf([entry(ids[0]!), entry(ids[1]!), extra])),
    ).toEqual(['b1']);
  });

  it('bound each range by the next range name, and the last range not at all', () => {
    expect(rangeOf(ids[0]!)).toBe('0a');
    expect(rangeBounds('0a')).toEqual({ from: '0a', before: '0b' });
    // '9' + 1 is 'a', not ':' (which a natural-language collation would skip over).
    expect(rangeBounds('a9')).toEqual({ from: 'a9', before: 'aa' });
    expect(rangeBounds('0f')).toEqual({ from: '0f', before: '10' });
    expect(rangeBounds('ff')).toEqual({ from: 'ff', before: null });
  });
});
