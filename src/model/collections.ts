import type { CollectionName, FieldsOf } from '../protocol/records.ts';

/**
 * [R3] How each field combines with concurrent changes. The kind also decides how a local
 * edit is written: registers and texts with `set`, counters with `inc`, sets with add/remove.
 */
export type FieldKind = 'register' | 'text' | 'counter' | 'set';

type KindsOf<C extends CollectionName> = { readonly [F in keyof FieldsOf[C]]: FieldKind };

export const FIELD_KINDS: { readonly [C in CollectionName]: KindsOf<C> } = {
  notes: { title: 'register', body: 'text', pinned: 'register', tags: 'set' },
  contacts: {
    name: 'register',
    email: 'register',
    phone: 'register',
    company: 'register',
    notes: 'text',
    favorite: 'register',
    tags: 'set',
    timesContacted: 'counter',
  },
};

export type FieldName<C extends CollectionName> = keyof FieldsOf[C] & string;

export function fieldNames<C extends CollectionName>(collection: C): FieldName<C>[] {
  return Object.keys(FIELD_KINDS[collection]) as FieldName<C>[];
}

export function fieldsOfKind<C extends CollectionName>(
  collection: C,
  ...kinds: FieldKind[]
): FieldName<C>[] {
  const table = FIELD_KINDS[collection] as Record<string, FieldKind>;
  return fieldNames(collection).filter((field) => kinds.includes(table[field] ?? 'register'));
}

/** The fields a `set` may change, and a delete's `base` must list (section M). */
export function settableFields<C extends CollectionName>(collection: C): FieldName<C>[] {
  return fieldsOfKind(collection, 'register', 'text');
}

/** A new record's fields before the person typed anything. */
export function emptyFields<C extends CollectionName>(collection: C): FieldsOf[C] {
  const empty: { [C in CollectionName]: FieldsOf[C] } = {
    notes: { title: '', body: '', pinned: false, tags: [] },
    contacts: {
      name: '',
      email: '',
      phone: '',
      company: '',
      notes: '',
      favorite: false,
      tags: [],
      timesContacted: 0,
    },
  };
  return structuredClone(empty[collection]);
}

/**
 * Whether a record holds nothing a person wrote: every field at its empty value, text that is
 * only whitespace counting as empty. A new note left like this is not kept.
 */
export function isBlank<C extends CollectionName>(collection: C, fields: FieldsOf[C]): boolean {
  return Object.entries(emptyFields(collection)).every(([field, blank]) => {
    const value: unknown = Reflect.get(fields, field);
    if (typeof value === 'string') return value.trim() === '';
    if (Array.isArray(value)) return value.length === 0;
    return value === blank;
  });
}
