import { recordLabel, recordNoun } from '../common/fieldText.ts';
import type { ConflictKind, ConflictView } from '../../conflicts/describe.ts';

/** One sentence saying what happened, for the list and the dialog. */
export function describeKind(kind: ConflictKind, collection: string): string {
  const noun = recordNoun(collection);
  switch (kind) {
    case 'edit':
      return `Changed on this device and on another while they were apart.`;
    case 'deleted':
      return `You changed this ${noun}; another device deleted it.`;
    case 'delete-edited':
      return `You deleted this ${noun}; another device changed it.`;
  }
}

/**
 * What a conflicted record is called in the list and the dialog: its title as this device
 * shows it, or, for a record deleted here, as it was when deleted (what the person last saw),
 * never the other device's new title.
 */
export function conflictLabel(view: ConflictView): string {
  const deletedHere = view.kind === 'delete-edited' ? view.base : undefined;
  return recordLabel(view.collection, deletedHere, view.mine, view.theirs);
}
