import { fitsCharacters } from '../../protocol/characters.ts';
import type { Check, FieldSpec } from './define.ts';

/**
 * The kinds of field a collection is made of, each with its R1 check. `called` names the field
 * the way a message starts ("A title has at most 500 characters"); `label` is what screens show.
 */

const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 50;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

interface TextOptions {
  label: string;
  called: string;
  max: number;
  /** The message when the value is blank; a blank value is valid without it. */
  required?: string;
}

function textCheck({ called, max, required }: TextOptions): Check {
  return (value) => {
    if (typeof value !== 'string') return `${called} must be text`;
    if (required && value.trim() === '') return required;
    if (!fitsCharacters(value, max)) {
      return `${called} has at most ${max.toLocaleString('en')} characters`;
    }
    return null;
  };
}

/** One line of text; concurrent edits do not mix: the later one wins or the person decides. */
export function line(options: TextOptions): FieldSpec<string> {
  return { kind: 'register', empty: '', check: textCheck(options), ...shown(options) };
}

/** What forms show of a text field: its label, its length limit, whether it is required. */
function shown({ label, max, required }: TextOptions) {
  return { label, max, required: required !== undefined };
}

/** Free text; concurrent edits of different lines merge under `ask` (R3 text, P3). */
export function prose(options: TextOptions): FieldSpec<string> {
  return { kind: 'text', empty: '', check: textCheck(options), ...shown(options) };
}

/** An email address, or nothing. */
export function email(options: TextOptions): FieldSpec<string> {
  const asText = textCheck(options);
  return {
    kind: 'register',
    empty: '',
    ...shown(options),
    check: (value) =>
      asText(value) ??
      (value === '' || EMAIL_PATTERN.test(value as string)
        ? null
        : 'Enter an email address like name@example.com, or leave it empty'),
  };
}

export function flag(label: string): FieldSpec<boolean> {
  return {
    kind: 'register',
    empty: false,
    label,
    check: (value) => (typeof value === 'boolean' ? null : `${label} must be true or false`),
  };
}

/** A count every device adds to; concurrent taps all count (R3 counter). */
export function counter(label: string): FieldSpec<number> {
  return {
    kind: 'counter',
    empty: 0,
    label,
    check: (value) => (Number.isSafeInteger(value) ? null : 'A counter must be a whole number'),
  };
}

export const checkTags: Check = (value) => {
  if (!Array.isArray(value)) return 'Tags must be a list';
  if (value.length > MAX_TAGS) return `A record has at most ${MAX_TAGS} tags`;
  for (const tag of value) {
    if (typeof tag !== 'string' || tag.trim() === '') return 'A tag cannot be empty';
    if (!fitsCharacters(tag, MAX_TAG_LENGTH))
      return `A tag has at most ${MAX_TAG_LENGTH} characters`;
  }
  return new Set(value).size === value.length ? null : 'Tags must be distinct';
};

/** Distinct labels; concurrent adds and removes all survive (R3 observed-remove set). */
export function tags(label = 'Tags'): FieldSpec<string[]> {
  return { kind: 'set', empty: [], label, check: checkTags };
}
