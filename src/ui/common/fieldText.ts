import type { CollectionName } from '../../protocol/records.ts';

/**
 * How records, fields and their values read to a person, wherever the app shows a value outside its
 * editor: the conflict dialog, the history list.
 */

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  body: 'Note text',
  pinned: 'Pinned',
  tags: 'Tags',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  company: 'Company',
  notes: 'Notes',
  favorite: 'Favorite',
  timesContacted: 'Times contacted',
  deletedAt: 'Deleted',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Date and time in the person's locale, with seconds: entries minutes apart stay apart. */
export function formatTime(time: number): string {
  return when.format(time);
}

/** A value as text: booleans and lists in words, empty and unknown values said out loud. */
export function valueText(field: string, value: unknown): string {
  if (value === undefined) return '(not known)';
  if (field === 'deletedAt') {
    return typeof value === 'number' ? `yes, since ${formatTime(value)}` : 'no';
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  if (value === '') return '(empty)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

export function recordNoun(collection: CollectionName): 'note' | 'contact' {
  return collection === 'notes' ? 'note' : 'contact';
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
