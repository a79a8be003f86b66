import type { Contact, Note } from '../data/queries.ts';

/** Case- and accent-insensitive "contains", so "jose" finds "José". */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

export function matchesNote(note: Note, query: string): boolean {
  return [note.title, note.body, ...note.tags].some((text) => normalize(text).includes(query));
}

export function matchesContact(contact: Contact, query: string): boolean {
  const texts = [
    contact.name,
    contact.email,
    contact.phone,
    contact.company,
    contact.notes,
    ...contact.tags,
  ];
  return texts.some((text) => normalize(text).includes(query));
}
