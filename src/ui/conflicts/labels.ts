import { recordLabel, recordNoun } from '../common/fieldText.ts';
import type { ConflictKind, ConflictView } from '../../conflicts/describe.ts';

/**
 * One sentence saying what happened, for the list and the dialog. `other` names the other
 * device: the name it sent with its change ("Phone"), else "another device".
 */
export function describeKind(kind: ConflictKind, collection: string, other: string): string {
  const noun = recordNoun(collection);
  switch (kind) {
    case 'edit':
      return `Changed on this device and on ${other} while they were apart.`;
    case 'deleted':
      return `You changed this ${noun}; ${other} deleted it.`;
    case 'delete-edited':
      return `You deleted this ${noun}; ${other} changed it.`;
  }
}

/** [P9] the other device as a sentence names it: its name, when its change carried one. */
export function otherDevice(view: Pick<ConflictView, 'theirsBy'>): string {
  return view.theirsBy ?? 'another device';
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
