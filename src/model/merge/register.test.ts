import { describe, expect, it } from 'vitest';
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

  it('[M3] compares string arrays by content and order, other values strictly', () => {
    expect(sameValue(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue(['a'], ['a', 'a'])).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(undefined, '')).toBe(false);
  });
});
