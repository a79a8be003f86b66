import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterCount, firstCharacters, fitsCharacters, inputMaxLength } from './characters.ts';

describe('[R1] characters, as a person counts them', () => {
  it('[R1] counts an emoji, a rare CJK character and an ASCII letter as one each', () => {
    expect(characterCount('😀')).toBe(1);
    expect(characterCount('𠜎')).toBe(1);
    expect(characterCount('a😀b')).toBe(3);
    expect(characterCount('😀'.repeat(500))).toBe(500);
  });

  it('[R1] a lone surrogate counts as one character', () => {
    expect(characterCount('\ud83d')).toBe(1);
    expect(characterCount('a\ude00\ud83d')).toBe(3);
  });

  it('[R1] agrees with the string iterator (code points) on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(characterCount(text)).toBe([...text].length);
      }),
    );
  });

  it('[R1] 500 emoji fit in 500 characters; 501 do not', () => {
    expect(fitsCharacters('😀'.repeat(500), 500)).toBe(true);
    expect(fitsCharacters('😀'.repeat(501), 500)).toBe(false);
  });

  it('[R1] cuts to whole characters, and lets a form take the longest text that fits', () => {
    expect(firstCharacters('😀😀😀', 2)).toBe('😀😀');
    expect(firstCharacters('abc', 5)).toBe('abc');
    expect('😀'.repeat(500).length).toBeLessThanOrEqual(inputMaxLength(500));
  });
});
