import type { Contact, Note } from './queries.ts';

/**
 * The orders a person can choose for each list (remembered per list, listOrder.ts). Pinned
 * notes and favorite contacts come first in every order; in "Company" order, first within
 * their company.
 */

export const NOTE_ORDERS = {
  changed: 'Last changed',
  created: 'Date created',
  title: 'Title',
} as const;
export type NoteOrder = keyof typeof NOTE_ORDERS;

export const CONTACT_ORDERS = {
  name: 'Name',
  company: 'Company',
  changed: 'Last changed',
} as const;
export type ContactOrder = keyof typeof CONTACT_ORDERS;

/** Names and titles as a person sorts them: case and accents aside, "Note 2" before "Note 10". */
const byText = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** What a note is called in lists (its title, else its first line). */
export function noteTitle(note: Pick<Note, 'title' | 'body'>): string {
  return note.title.trim() || note.body.trim().split('\n')[0]?.slice(0, 80) || 'Untitled note';
}

/** Live notes in `order`, pinned first. */
export function orderNotes(notes: Note[], order: NoteOrder): Note[] {
  // Each title worked out once, not in every comparison (it may read a long body).
  const titles = new Map<Note, string>();
  const titleOf = (note: Note) => titles.get(note) ?? titles.set(note, noteTitle(note)).get(note)!;
  const then: Record<NoteOrder, (a: Note, b: Note) => number> = {
    changed: (a, b) => b.updatedAt - a.updatedAt,
    created: (a, b) => b.createdAt - a.createdAt,
    title: (a, b) => byText.compare(titleOf(a), titleOf(b)) || b.updatedAt - a.updatedAt,
  };
  return notes
    .filter((note) => note.deletedAt === null)
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || then[order](a, b));
}

/** A row of the contacts list: a contact, or (in "Company" order) the heading of a company. */
export type ContactRow =
  { kind: 'contact'; contact: Contact } | { kind: 'company'; company: string; count: number };

/** Live contacts in `order`, favorites first. */
export function orderContacts(contacts: Contact[], order: ContactOrder): Contact[] {
  const byName = (a: Contact, b: Contact) => byText.compare(a.name, b.name);
  const then: Record<ContactOrder, (a: Contact, b: Contact) => number> = {
    name: byName,
    company: (a, b) => compareCompanies(companyOf(a), companyOf(b)) || byName(a, b),
    changed: (a, b) => b.updatedAt - a.updatedAt,
  };
  const live = contacts.filter((contact) => contact.deletedAt === null);
  if (order === 'company') {
    // Grouped: favorites lead within their company, not across companies.
    return live.sort(
      (a, b) =>
        compareCompanies(companyOf(a), companyOf(b)) ||
        Number(b.favorite) - Number(a.favorite) ||
        byName(a, b),
    );
  }
  return live.sort((a, b) => Number(b.favorite) - Number(a.favorite) || then[order](a, b));
}

/** The list's rows: contacts, with a heading before each company's in "Company" order. */
export function contactRows(ordered: Contact[], order: ContactOrder): ContactRow[] {
  if (order !== 'company') return ordered.map((contact) => ({ kind: 'contact', contact }));
  const rows: ContactRow[] = [];
  let heading: Extract<ContactRow, { kind: 'company' }> | undefined;
  for (const contact of ordered) {
    const company = companyOf(contact);
    // Sorted as the same company ("Acme", "ACME"), grouped as one: under its first spelling.
    if (!heading || compareCompanies(heading.company, company) !== 0) {
      heading = { kind: 'company', company, count: 0 };
      rows.push(heading);
    }
    heading.count += 1;
    rows.push({ kind: 'contact', contact });
  }
  return rows;
}

/** A contact's company as the list groups it; '' for none. */
function companyOf(contact: Contact): string {
  return contact.company.trim();
}

/** Companies A to Z, and contacts with none after every company. */
function compareCompanies(a: string, b: string): number {
  if (a === '' || b === '') return Number(a === '') - Number(b === '');
  return byText.compare(a, b);
}
