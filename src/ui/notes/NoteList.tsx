import { linkProps } from '../app/router.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { ChangedAt } from '../common/ChangedAt.tsx';
import { PinIcon } from '../common/icons.tsx';
import { useNow } from '../common/useNow.ts';
import { RecordMarker, useConflictedKeys } from '../conflicts/ConflictMarker.tsx';
import { VirtualList, type ListSource } from '../common/VirtualList.tsx';
import type { Note } from '../data/queries.ts';
import { noteTitle, type NoteOrder } from '../data/ordering.ts';

const ROW_HEIGHT = 64;

/** The note's row in the list, once it is on screen (to move focus there). */
export function noteLink(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.list-pane a[href="/notes/${id}"]`);
}

export function NoteList({
  notes,
  order = 'changed',
  selectedId,
}: {
  notes: ListSource<Note>;
  /** In "Date created" order each row says when its note was created, else when it changed. */
  order?: NoteOrder;
  selectedId?: string;
}) {
  const conflicted = useConflictedKeys();
  const now = useNow(30_000);
  if (notes.length === 0) {
    return (
      <EmptyState title="No notes yet">
        <p>Notes you write are saved on this device first, so they work offline.</p>
      </EmptyState>
    );
  }
  return (
    <VirtualList
      source={notes}
      label={`Notes (${notes.length})`}
      itemHeight={ROW_HEIGHT}
      itemKey={(note) => note.id}
      renderItem={(note) => (
        <a
          className="list-item"
          {...linkProps(`/notes/${note.id}`)}
          aria-current={note.id === selectedId ? 'page' : undefined}
        >
          <span className="list-item-title">
            {note.pinned && (
              <span className="pin" title="Pinned">
                <PinIcon />
                <span className="visually-hidden">Pinned:</span>
              </span>
            )}
            {noteTitle(note)}
            <RecordMarker pending={note.pending} conflicted={conflicted.has(`notes:${note.id}`)} />
          </span>
          <span className="list-item-detail">
            {order === 'created' ? (
              <>
                Created <ChangedAt time={note.createdAt} now={now} />
              </>
            ) : (
              <ChangedAt time={note.updatedAt} now={now} />
            )}{' '}
            · {note.body.slice(0, 120) || 'No text'}
          </span>
        </a>
      )}
    />
  );
}
