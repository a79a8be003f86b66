import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldValue } from '../../protocol/mutation.ts';
import { sameValue } from './equal.ts';
import { checkRegister } from './register.ts';

describe('[P3] three-way register check', () => {
  it('[P3] is clean when the server still holds what the device showed', () => {
    expect(checkRegister('old', 'old', 'new')).toBe('clean');
    expect(checkRegister(false, false, true)).toBe('clean');
  });

  it('[P3] is clean when the server already holds the value the device wants', () => {
    expect(checkRegister('old', 'new', 'new')).toBe('clean');
    expect(checkRegister(false, true, true)).toBe('clean');
  });

  it('[P3] collides when another device changed it to something else', () => {
    expect(checkRegister('old', 'theirs', 'mine')).toBe('collides');
    expect(checkRegister('', 'a@example.com', 'b@example.com')).toBe('collides');
  });

  it('[P3] a field the device showed nothing for collides unless the values already agree', () => {
    expect(checkRegister(undefined, 'theirs', 'mine')).toBe('collides');
    expect(checkRegister(undefined, 'same', 'same')).toBe('clean');
  });

  it('[P3] an empty string is a value the device showed, unlike a missing base', () => {
    expect(checkRegister('', '', 'typed')).toBe('clean');
    expect(checkRegister(undefined, '', 'typed')).toBe('collides');
    expect(checkRegister('', 'theirs', 'typed')).toBe('collides');
  });

  it('[P3] is clean exactly when the server holds the base or the wanted value', () => {
    // Few values, so all three sides often coincide; strings and booleans never equal.
    const value = fc.constantFrom<FieldValue>('', 'x', 'y', false, true);
    fc.assert(
      fc.property(fc.option(value, { nil: undefined }), value, value, (base, current, incoming) => {
        const clean = current === incoming || (base !== undefined && current === base);
        expect(checkRegister(base, current, incoming)).toBe(clean ? 'clean' : 'collides');
      }),
      { numRuns: 200 },
    );
  });

  it('[M3] compares string arrays by content and order, other values strictly', () => {
    expect(sameValue(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue(['a'], ['a', 'a'])).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(undefined, '')).toBe(false);
  });
});
