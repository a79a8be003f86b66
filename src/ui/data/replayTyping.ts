import type { Outpost } from '../../db/outpost.ts';
import type { EditableFields } from '../../db/repository.ts';
import { leftBehind } from '../../db/typingJournal.ts';

/**
 * Writes what pages that are gone typed and never got to store (see typingJournal.ts), as
 * ordinary edits. A row whose write fails (a full disk) stays for the next start.
 */
export async function replayLeftBehindTyping(outpost: Outpost): Promise<number> {
  let replayed = 0;
  for (const row of await leftBehind(outpost.db)) {
    try {
      if (row.collection === 'notes') {
        await outpost.notes.edit(row.id, row.fields as EditableFields<'notes'>);
      } else {
        await outpost.contacts.edit(row.id, row.fields as EditableFields<'contacts'>);
      }
      await row.done();
      replayed++;
    } catch {
      // Kept in the journal: tried again when the app next opens.
    }
  }
  return replayed;
}
