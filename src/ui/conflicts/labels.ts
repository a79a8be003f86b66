import { recordNoun } from '../common/fieldText.ts';
import type { ConflictKind } from '../../conflicts/describe.ts';

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
