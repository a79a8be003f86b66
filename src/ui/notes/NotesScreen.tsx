import { useEffect, useRef, useState } from 'react';
import { emptyRecordFields } from '../../model/collections.ts';
import { navigate } from '../app/router.ts';
import { BackToList } from '../common/BackToList.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { focusNextRow } from '../common/focus.ts';
import { usePageTitle } from '../common/usePageTitle.ts';
import { DeviceOnlyNote } from '../common/UnsyncedMarker.tsx';
import { FIRST_ROWS, type RowRange } from '../common/VirtualList.tsx';
import { useNoteList, useRecord, windowSource, type Note } from '../data/queries.ts';
import { NoteEditor } from './NoteEditor.tsx';
import { NoteList, noteLink } from './NoteList.tsx';
import { NOTE_ORDERS, noteTitle } from '../data/ordering.ts';
import { useListOrder } from '../common/listOrder.ts';
import { SortBy } from '../common/SortBy.tsx';

/** `/notes/new` starts a new note (the app's "New note" shortcut links there). */
export const NEW_NOTE = 'new';

export function NotesScreen({ selectedId }: { selectedId?: string }) {
  // In its default order the list reads only the rows in view (and the pages around them):
  // 10,000 notes cost what a screenful does.
  const [order, setOrder] = useListOrder('notes', NOTE_ORDERS);
  const [inView, setInView] = useState<RowRange>(FIRST_ROWS);
  const notes = useNoteList(order, inView);
  const selected = useRecord('notes', selectedId);
  // The note "New note" started: it has an id and a URL, and is stored from its first keystroke.
  const [freshId, setFreshId] = useState<string>();
  const newNoteButton = useRef<HTMLButtonElement>(null);

  function startNote(options?: { replace: boolean }) {
    const id = crypto.randomUUID();
    setFreshId(id);
    navigate(`/notes/${id}`, options);
  }
  const starting = selectedId === NEW_NOTE;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a link to /notes/new becomes a fresh note's own URL, once
    if (starting) startNote({ replace: true });
  }, [starting]);

  /** Focus goes to the note after the deleted one in the list (or before it, or "New note"). */
  function afterDelete(deleted: Note) {
    navigate('/notes');
    focusNextRow(notes?.rows, deleted.id, noteLink, () => newNoteButton.current);
  }

  // useLiveQuery keeps the previous record until the new query answers: never show it.
  const current = selected?.id === selectedId ? selected : undefined;
  const fresh = selectedId !== undefined && selectedId === freshId;
  const editing = current ?? (fresh ? blankNote(selectedId) : undefined);
  usePageTitle(editing && editing.deletedAt === null ? noteTitle(editing) : 'Notes');

  return (
    // On a phone only one of the panes shows: the list, or the record the URL names.
    <div className="split" data-view={selectedId === undefined ? 'list' : 'record'}>
      <section className="list-pane" aria-labelledby="notes-heading">
        <div className="pane-header">
          <h1 id="notes-heading">Notes</h1>
          <button ref={newNoteButton} type="button" className="primary" onClick={() => startNote()}>
            New note
          </button>
        </div>
        <SortBy orders={NOTE_ORDERS} order={order} onChange={setOrder} rows={notes?.length} />
        {notes === undefined ? (
          <p className="loading">Loading notes…</p>
        ) : (
          <NoteList notes={windowSource(notes, setInView)} order={order} selectedId={selectedId} />
        )}
        {notes && notes.length > 0 && <DeviceOnlyNote what="These notes" />}
      </section>
      <section className="detail-pane" aria-label="Selected note">
        <BackToList path="/notes" listName="Notes" />
        {selectedId === undefined ? (
          <EmptyState title="No note selected">
            <p>Pick a note from the list, or start a new one.</p>
          </EmptyState>
        ) : editing && editing.deletedAt === null ? (
          <NoteEditor key={selectedId} note={editing} fresh={fresh} onDeleted={afterDelete} />
        ) : selected === undefined || (selected !== null && !current) ? (
          <p className="loading">Loading…</p>
        ) : (
          <EmptyState title="This note isn’t here">
            <p>It may have been deleted. Choose another note from the list.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}

/** What a just-started note shows before its first keystroke stores it. */
function blankNote(id: string): Note {
  return {
    ...emptyRecordFields('notes'),
    id,
    createdAt: 0,
    updatedAt: 0,
    deletedAt: null,
    version: 0,
    pending: 0,
  };
}
