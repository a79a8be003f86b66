import { describe, expect, it } from 'vitest';
import { syncedNote } from '../../db/testing.ts';
import { contactRows, orderContacts, orderNotes } from './ordering.ts';
import type { Contact } from './queries.ts';

function contact(name: string, fields: Partial<Contact> = {}): Contact {
  return {
    id: name,
    name,
    email: '',
    phone: '',
    company: '',
    notes: '',
    favorite: false,
    tags: [],
    timesContacted: 0,
    createdAt: 1,
    updatedAt: 1,
    deletedAt: null,
    version: 1,
    pending: 0,
    ...fields,
  };
}

describe('orderNotes', () => {
  const notes = [
    syncedNote({ id: 'a', title: 'note 10', createdAt: 3, updatedAt: 4 }),
    syncedNote({ id: 'b', title: 'Note 2', createdAt: 1, updatedAt: 6 }),
    syncedNote({ id: 'c', title: 'Écrire', createdAt: 2, updatedAt: 5, pinned: true }),
    syncedNote({ id: 'd', title: '', body: 'Apples\nand pears', createdAt: 4, updatedAt: 1 }),
    syncedNote({ id: 'gone', title: 'Deleted', deletedAt: 9 }),
  ];
  const ids = (order: Parameters<typeof orderNotes>[1]) =>
    orderNotes([...notes], order).map((note) => note.id);

  it('puts pinned notes first in every order, and leaves deleted ones out', () => {
    expect(ids('changed')).toEqual(['c', 'b', 'a', 'd']);
    expect(ids('created')).toEqual(['c', 'd', 'a', 'b']);
    // Titles as people sort them: a note without one by its first line, numbers by value.
    expect(ids('title')).toEqual(['c', 'd', 'b', 'a']);
  });
});

describe('orderContacts and contactRows', () => {
  const contacts = [
    contact('Grace', { company: 'Navy', updatedAt: 3 }),
    contact('ada', { company: 'Analytical Engines', updatedAt: 1 }),
    contact('Zed', { company: '', updatedAt: 5, favorite: true }),
    contact('Charles', { company: 'Analytical Engines', updatedAt: 4, favorite: true }),
    contact('Yan', { company: ' ', updatedAt: 2 }),
  ];
  const names = (order: Parameters<typeof orderContacts>[1]) =>
    orderContacts([...contacts], order).map((one) => one.name);

  it('puts favorites first by name and by last change', () => {
    expect(names('name')).toEqual(['Charles', 'Zed', 'ada', 'Grace', 'Yan']);
    expect(names('changed')).toEqual(['Zed', 'Charles', 'Grace', 'Yan', 'ada']);
  });

  it('groups by company A to Z, favorites first within each, no company last', () => {
    const rows = contactRows(orderContacts([...contacts], 'company'), 'company');
    expect(
      rows.map((row) =>
        row.kind === 'company' ? `# ${row.company} (${row.count})` : row.contact.name,
      ),
    ).toEqual([
      '# Analytical Engines (2)',
      'Charles',
      'ada',
      '# Navy (1)',
      'Grace',
      '#  (2)',
      'Zed',
      'Yan',
    ]);
  });

  it('one heading for a company however it is spelled in case and accents', () => {
    const spelled = [
      contact('Alice', { company: 'Acme' }),
      contact('Bob', { company: 'ACME' }),
      contact('Carol', { company: 'acmé' }),
    ];
    const rows = contactRows(orderContacts(spelled, 'company'), 'company');
    expect(rows.filter((row) => row.kind === 'company')).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'company', count: 3 });
  });

  it('has no headings in the other orders', () => {
    const rows = contactRows(orderContacts([...contacts], 'name'), 'name');
    expect(rows.every((row) => row.kind === 'contact')).toBe(true);
  });
});
