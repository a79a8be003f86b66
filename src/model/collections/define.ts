import type { FieldValue } from '../../protocol/mutation.ts';

/**
 * [R3] How a field combines with concurrent changes. The kind also decides how a local edit is
 * written: registers and texts with `set`, counters with `inc`, sets with add/remove.
 */
export type FieldKind = 'register' | 'text' | 'counter' | 'set';

/** [R1] What is wrong with a value, in words for the person; null when it is valid. */
export type Check = (value: unknown) => string | null;

export interface FieldSpec<V extends FieldValue = FieldValue> {
  readonly kind: FieldKind;
  /** The value in a record nobody has typed into yet. */
  readonly empty: V;
  /** What the forms, the conflict dialog and the history call the field. */
  readonly label: string;
  readonly check: Check;
  /** Text fields: the most characters R1 allows (forms set it as the input's maxLength). */
  readonly max?: number;
  /** Whether a live record must have a value (forms mark the field as required). */
  readonly required?: boolean;
}

export type Fields = Record<string, FieldValue>;

/**
 * Everything about one collection, declared once: its fields (kind, empty value, validation,
 * label), what a record is called, and the indexes the device keeps. The device schema, the
 * server's checks and merges, the repositories and the screens all read it from here.
 */
export interface CollectionSpec<F extends Fields = Fields, N extends string = string> {
  readonly name: N;
  /** What one record is called in sentences ("this note"). */
  readonly noun: string;
  readonly fields: { readonly [K in keyof F]: FieldSpec<F[K]> };
  /** The field a record goes by in lists and dialogs ("Untitled note" when it is empty). */
  readonly titleField: keyof F & string;
  /**
   * Indexes the device keeps for this collection besides those every collection has (id,
   * pending, deletedAt: src/db/schema.ts). Each costs a write per record; add one for a query.
   */
  readonly indexes: readonly string[];
  /** The device-schema version whose upgrade added this collection's table (1 for the first). */
  readonly since: number;
  /**
   * A flag field whose records lists show ahead of the rest (a pinned note, a favorite
   * contact). The device keeps each live record's group in its list index (src/db/listIndex.ts).
   */
  readonly listedFirst?: keyof F & string;
}

/** A collection's fields, as a record type: `{ title: string; pinned: boolean; … }`. */
export type FieldsOfSpec<S> = S extends CollectionSpec<infer F> ? F : never;

/** Declares a collection: checks its shape and keeps its literal name and field types. */
export function defineCollection<F extends Fields, const N extends string>(
  spec: CollectionSpec<F, N>,
): CollectionSpec<F, N> {
  if (!Object.hasOwn(spec.fields, spec.titleField)) {
    throw new Error(`${spec.name}: titleField ${spec.titleField} is not one of its fields`);
  }
  if (spec.listedFirst !== undefined && typeof spec.fields[spec.listedFirst]?.empty !== 'boolean') {
    throw new Error(`${spec.name}: listedFirst ${spec.listedFirst} is not a true/false field`);
  }
  return spec;
}
