import type { StoredRecord } from '../../db/types.ts';

type Note = StoredRecord<'notes'>;
type Contact = StoredRecord<'contacts'>;

/** Case- and accent-insensitive "contains", so "jose" finds "José". */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

/** What search looks in, per record. */
export const noteTexts = (note: Note): string[] => [note.title, note.body, ...note.tags];
export const contactTexts = (contact: Contact): string[] => [
  contact.name,
  contact.email,
  contact.phone,
  contact.company,
  contact.notes,
  ...contact.tags,
];

/** A record with the text search looks in, normalized once. */
export interface Searchable<T> {
  record: T;
  text: string;
}

/**
 * Normalizes each record's texts once, when the records change, so each query is a plain
 * `includes` per record: normalizing 10,000 notes' bodies on every keystroke is what made a
 * query slow. The texts are joined by a line break, which a query (one line) never holds, so a
 * match never spans two fields.
 */
export function searchable<T>(records: T[], texts: (record: T) => string[]): Searchable<T>[] {
  return records.map((record) => ({ record, text: normalize(texts(record).join('\n')) }));
}

/** The records whose texts contain `needle` (already normalized), in their order. */
export function matching<T>(index: Searchable<T>[], needle: string): T[] {
  const hits: T[] = [];
  for (const entry of index) if (entry.text.includes(needle)) hits.push(entry.record);
  return hits;
}
