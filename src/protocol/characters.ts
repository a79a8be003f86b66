/**
 * [R1] Text limits count characters as a person counts them: code points, not the UTF-16 units
 * JavaScript's `length` counts, in which an emoji or a rarer CJK character is two. Issue 14:
 * 500 emoji were refused as a title longer than 500 characters.
 */
export function characterCount(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length - 1; index++) {
    const unit = text.charCodeAt(index);
    // A high surrogate followed by a low one is one code point written as two units.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        index++;
      }
    }
  }
  return count;
}

/** Whether `text` has at most `max` characters; counts only when its length says it may not. */
export function fitsCharacters(text: string, max: number): boolean {
  return text.length <= max || characterCount(text) <= max;
}

/**
 * The first `max` characters of `text`, never half of one. Forms cut what is typed or pasted
 * with it, as `maxLength` would if the browser counted characters. No `max`: no limit.
 */
export function firstCharacters(text: string, max: number | undefined): string {
  if (max === undefined || fitsCharacters(text, max)) return text;
  return Array.from(text).slice(0, max).join('');
}

/**
 * A form's `maxLength` for a limit of `max` characters. The browser counts UTF-16 units, so
 * `max` itself would stop a title of emoji halfway; every character takes at most two units.
 * The field's R1 check, which counts characters, says when the text is too long.
 */
export function inputMaxLength(max: number): number;
export function inputMaxLength(max: number | undefined): number | undefined;
export function inputMaxLength(max: number | undefined): number | undefined {
  return max === undefined ? undefined : max * 2;
}
