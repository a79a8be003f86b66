import type { FieldValue } from '../../protocol/mutation.ts';
import type { CollectionName } from '../../protocol/records.ts';
import type { ConflictKind } from '../../conflicts/describe.ts';

/** What people call each field, in the dialog's headings and radio labels. */
const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  body: 'Note text',
  pinned: 'Pinned',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  company: 'Company',
  notes: 'Notes',
  favorite: 'Favorite',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

export function recordNoun(collection: CollectionName): 'note' | 'contact' {
  return collection === 'notes' ? 'note' : 'contact';
}

/** One sentence saying what happened, for the list and the dialog. */
export function describeKind(kind: ConflictKind, collection: CollectionName): string {
  const noun = recordNoun(collection);
  switch (kind) {
    case 'edit':
      return `Changed here and on another device at the same time.`;
    case 'deleted':
      return `You changed this ${noun}; another device deleted it.`;
    case 'delete-edited':
      return `You deleted this ${noun}; another device changed it.`;
  }
}

/** A value as text: empty values are named, so "nothing" is never a blank cell. */
export function showValue(value: FieldValue | undefined): string {
  if (value === undefined) return '(not known)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : '(none)';
  return value === '' ? '(empty)' : String(value);
}

/** The name a record goes by in lists, whichever side still has one. */
export function recordLabel(
  collection: CollectionName,
  ...records: ({ title?: string; name?: string } | undefined)[]
): string {
  for (const record of records) {
    const label = collection === 'notes' ? record?.title : record?.name;
    if (label) return label;
  }
  return `Untitled ${recordNoun(collection)}`;
}
