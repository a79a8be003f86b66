import { describe, expect, it } from 'vitest';
import { syncedNote } from '../../db/testing.ts';
import { contactTexts, matching, normalize, noteTexts, searchable } from './matching.ts';

const note = (title: string, body = '', tags: string[] = []) =>
  syncedNote({ id: title, title, body, tags });

describe('search matches text normalized once', () => {
  it('finds by title, body and tag, ignoring case and accents, in the order given', () => {
    const index = searchable(
      [note('Café José'), note('Plans', 'call JOSE tomorrow'), note('Other', '', ['josé'])],
      noteTexts,
    );
    expect(matching(index, normalize('jose')).map((hit) => hit.title)).toEqual([
      'Café José',
      'Plans',
      'Other',
    ]);
    expect(matching(index, normalize('CAFE'))).toHaveLength(1);
  });

  it('never matches across two fields', () => {
    const index = searchable([note('garden', 'party')], noteTexts);
    expect(matching(index, normalize('gardenparty'))).toEqual([]);
    expect(matching(index, normalize('den'))).toHaveLength(1);
  });

  it('looks in every contact field a person reads: name, email, phone, company, notes, tags', () => {
    const contact = {
      ...note('x'),
      name: 'Ana Núñez',
      email: 'ana@example.com',
      phone: '+34 600 111 222',
      company: 'Acme',
      notes: 'met at the fair',
      favorite: false,
      timesContacted: 0,
      tags: ['friends'],
    };
    const index = searchable([contact], contactTexts);
    for (const term of ['nunez', 'example.com', '600 111', 'acme', 'fair', 'friends'])
      expect(matching(index, normalize(term)), term).toHaveLength(1);
  });
});
