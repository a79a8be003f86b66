import type { CollectionName } from '../../protocol/records.ts';
import type { ConflictKind } from '../../conflicts/describe.ts';

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
