import { describe, expect, it } from 'vitest';
import { APP_COLLECTIONS } from './collections.ts';
import { validateFields } from './validation.ts';

const messages = (problems: { field: string; message: string }[]) =>
  problems.map(({ field, message }) => `${field}: ${message}`);

describe('[R1] field rules', () => {
  it('accepts a valid note and a valid contact', () => {
    expect(
      validateFields(APP_COLLECTIONS.notes, { title: 't', body: 'b', pinned: true, tags: ['a'] }),
    ).toEqual([]);
    expect(
      validateFields(APP_COLLECTIONS.contacts, {
        name: 'Ada',
        email: 'ada@example.com',
        timesContacted: -2,
        tags: [],
      }),
    ).toEqual([]);
    expect(validateFields(APP_COLLECTIONS.contacts, { email: '' })).toEqual([]);
  });

  it('names each problem with its field and says it in words', () => {
    expect(
      messages(
        validateFields(APP_COLLECTIONS.contacts, {
          name: '   ',
          email: 'not-an-address',
          phone: 'x'.repeat(51),
          favorite: 'yes' as unknown as boolean,
        }),
      ),
    ).toEqual([
      'name: A contact needs a name',
      'email: Enter an email address like name@example.com, or leave it empty',
      'phone: A phone number has at most 50 characters',
      'favorite: Favorite must be true or false',
    ]);
  });

  it('checks lengths at their limits', () => {
    expect(validateFields(APP_COLLECTIONS.notes, { title: 'x'.repeat(500) })).toEqual([]);
    expect(messages(validateFields(APP_COLLECTIONS.notes, { title: 'x'.repeat(501) }))).toEqual([
      'title: A title has at most 500 characters',
    ]);
    expect(validateFields(APP_COLLECTIONS.notes, { body: 'x'.repeat(100_000) })).toEqual([]);
    expect(validateFields(APP_COLLECTIONS.notes, { body: 'x'.repeat(100_001) })).toHaveLength(1);
  });

  it('checks tag sets: at most 50 distinct tags of 1 to 50 characters', () => {
    const fifty = Array.from({ length: 50 }, (_, index) => `t${index}`);
    expect(validateFields(APP_COLLECTIONS.notes, { tags: fifty })).toEqual([]);
    expect(messages(validateFields(APP_COLLECTIONS.notes, { tags: [...fifty, 'x'] }))).toEqual([
      'tags: A record has at most 50 tags',
    ]);
    expect(messages(validateFields(APP_COLLECTIONS.notes, { tags: ['a', 'a'] }))).toEqual([
      'tags: Tags must be distinct',
    ]);
    expect(messages(validateFields(APP_COLLECTIONS.notes, { tags: [''] }))).toEqual([
      'tags: A tag cannot be empty',
    ]);
    expect(messages(validateFields(APP_COLLECTIONS.notes, { tags: ['x'.repeat(51)] }))).toEqual([
      'tags: A tag has at most 50 characters',
    ]);
  });

  it('refuses unknown fields', () => {
    expect(messages(validateFields(APP_COLLECTIONS.notes, { colour: 'red' } as never))).toEqual([
      'colour: colour is not a field of notes',
    ]);
    expect(
      messages(
        validateFields(APP_COLLECTIONS.notes, { hasOwnProperty: 'x', toString: 'y' } as never),
      ),
    ).toEqual([
      'hasOwnProperty: hasOwnProperty is not a field of notes',
      'toString: toString is not a field of notes',
    ]);
  });
});
