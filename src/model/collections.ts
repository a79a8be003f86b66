import type { FieldValue } from '../protocol/mutation.ts';
import type { RecordMeta } from '../protocol/records.ts';
import { contacts } from './collections/contacts.ts';
import type { CollectionSpec, FieldKind, FieldSpec, FieldsOfSpec } from './collections/define.ts';
import { notes } from './collections/notes.ts';

export type { CollectionSpec, FieldKind, FieldSpec } from './collections/define.ts';
export { defineCollection } from './collections/define.ts';

/**
 * The app's collections. Each is declared once (src/model/collections/*.ts); everything else
 * (the device schema, the server's checks and merges, the repositories, the forms' labels)
 * reads the declarations through a `Collections` registry, so a new collection is one file.
 */
export const APP_COLLECTIONS = { notes, contacts } as const;

export type CollectionName = keyof typeof APP_COLLECTIONS;
export const COLLECTIONS = Object.keys(APP_COLLECTIONS) as CollectionName[];

/** Each app collection's fields as a record type. */
export type FieldsOf = { [C in CollectionName]: FieldsOfSpec<(typeof APP_COLLECTIONS)[C]> };
export type NoteFields = FieldsOf['notes'];
export type ContactFields = FieldsOf['contacts'];

/** [R2] a record of an app collection as it travels: its fields and what every record has. */
export type WireRecord<C extends CollectionName> = FieldsOf[C] & RecordMeta;
export type Note = WireRecord<'notes'>;
export type Contact = WireRecord<'contacts'>;

/**
 * The collections one server or one device knows: the app's, or in a test the app's and more.
 * Lookups by name go through here, so code that handles "a collection" never lists them.
 */
export class Collections {
  private readonly byName: ReadonlyMap<string, CollectionSpec>;

  constructor(specs: readonly CollectionSpec[]) {
    this.byName = new Map(specs.map((spec) => [spec.name, spec]));
    if (this.byName.size !== specs.length) throw new Error('Two collections share a name');
  }

  /** The names, in declaration order; never empty. */
  get names(): [string, ...string[]] {
    const names = [...this.byName.keys()];
    if (names.length === 0) throw new Error('No collections declared');
    return names as [string, ...string[]];
  }

  get specs(): CollectionSpec[] {
    return [...this.byName.values()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The declaration of `name`; asking for an unknown one is a programming error. */
  spec(name: string): CollectionSpec {
    const spec = this.byName.get(name);
    if (!spec) throw new Error(`Unknown collection: ${name}`);
    return spec;
  }

  /** These collections and `more`: how a test declares a collection of its own. */
  with(...more: CollectionSpec[]): Collections {
    return new Collections([...this.specs, ...more]);
  }
}

export const appCollections = new Collections(Object.values(APP_COLLECTIONS));

/** The declaration of an app collection, typed as that collection's. */
export function specOf<C extends CollectionName>(collection: C): (typeof APP_COLLECTIONS)[C] {
  return APP_COLLECTIONS[collection];
}

export type FieldName<C extends CollectionName> = keyof FieldsOf[C] & string;

/** The field's kind, or undefined when the collection has no such field (own fields only). */
export function kindOf(spec: CollectionSpec, field: string): FieldKind | undefined {
  return Object.hasOwn(spec.fields, field) ? (spec.fields[field] as FieldSpec).kind : undefined;
}

export function fieldNames(spec: CollectionSpec): string[] {
  return Object.keys(spec.fields);
}

export function fieldsOfKind(spec: CollectionSpec, ...kinds: FieldKind[]): string[] {
  return fieldNames(spec).filter((field) => kinds.includes(kindOf(spec, field) ?? 'register'));
}

/** The fields a `set` may change, and a delete's `base` must list (section M). */
export function settableFields(spec: CollectionSpec): string[] {
  return fieldsOfKind(spec, 'register', 'text');
}

/** A new record's fields before the person typed anything. */
export function emptyFields(spec: CollectionSpec): Record<string, FieldValue> {
  return structuredClone(
    Object.fromEntries(Object.entries(spec.fields).map(([field, { empty }]) => [field, empty])),
  );
}

/** A new record of an app collection, typed as that collection's fields. */
export function emptyRecordFields<C extends CollectionName>(collection: C): FieldsOf[C] {
  return emptyFields(specOf(collection)) as FieldsOf[C];
}

/**
 * Whether a record holds nothing a person wrote: every field at its empty value, text that is
 * only whitespace counting as empty. A new note left like this is not kept.
 */
export function isBlank(spec: CollectionSpec, fields: object): boolean {
  return Object.entries(spec.fields).every(([field, { empty }]) => {
    const value: unknown = Reflect.get(fields, field);
    if (typeof value === 'string') return value.trim() === '';
    if (Array.isArray(value)) return value.length === 0;
    return value === empty;
  });
}

/** What a field is called on screen; the field's own name for one no declaration knows. */
export function fieldLabel(spec: CollectionSpec, field: string): string {
  return Object.hasOwn(spec.fields, field) ? (spec.fields[field] as FieldSpec).label : field;
}
