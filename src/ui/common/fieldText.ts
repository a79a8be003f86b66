import {
  appCollections,
  fieldLabel as labelOf,
  type CollectionSpec,
} from '../../model/collections.ts';

/**
 * How records, fields and their values read to a person, wherever the app shows a value outside its
 * editor: the conflict dialog, the history list.
 */

/** The app's declaration of a collection; undefined for one the app does not show. */
function specFor(collection: string): CollectionSpec | undefined {
  return appCollections.has(collection) ? appCollections.spec(collection) : undefined;
}

/** What a field is called on screen, from its collection's declaration. */
export function fieldLabel(collection: string, field: string): string {
  if (field === 'deletedAt') return 'Deleted';
  const spec = specFor(collection);
  return spec ? labelOf(spec, field) : field;
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

/** What one record of the collection is called in sentences ("this note"). */
export function recordNoun(collection: string): string {
  return specFor(collection)?.noun ?? 'record';
}

/** The name a record goes by in lists, whichever side still has one. */
export function recordLabel(collection: string, ...records: (object | undefined)[]): string {
  const titleField = specFor(collection)?.titleField;
  for (const record of records) {
    const label: unknown = titleField && record ? Reflect.get(record, titleField) : undefined;
    if (typeof label === 'string' && label !== '') return label;
  }
  return `Untitled ${recordNoun(collection)}`;
}
