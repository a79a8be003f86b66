import { navigate } from '../app/router.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { useNotices } from '../common/Notices.tsx';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { useNotes, useRecord } from '../data/queries.ts';
import { NoteEditor } from './NoteEditor.tsx';
import { NoteList } from './NoteList.tsx';

export function NotesScreen({ selectedId }: { selectedId?: string }) {
  const { notes: repository } = useOutpost();
  const notices = useNotices();
  const notes = useNotes();
  const selected = useRecord('notes', selectedId);

  async function createNote() {
    try {
      const note = await repository.create();
      navigate(`/notes/${note.id}`);
      requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.note-title')?.focus());
    } catch (caught) {
      notices.showError('Could not create a note', caught);
    }
  }

  return (
    <div className="split">
      <section className="list-pane" aria-labelledby="notes-heading">
        <div className="pane-header">
          <h1 id="notes-heading">Notes</h1>
          <button type="button" className="primary" onClick={() => void createNote()}>
            New note
          </button>
        </div>
        {notes === undefined ? (
          <p className="loading">Loading notes…</p>
        ) : (
          <NoteList notes={notes} selectedId={selectedId} />
        )}
      </section>
      <section className="detail-pane" aria-label="Selected note">
        {selectedId === undefined ? (
          <EmptyState title="No note selected">
            <p>Pick a note from the list, or start a new one.</p>
          </EmptyState>
        ) : selected === undefined || (selected !== null && selected.id !== selectedId) ? (
          // useLiveQuery keeps the previous record until the new query answers: never show it.

          <p className="loading">Loading…</p>
        ) : selected === null || selected.deletedAt !== null ? (
          <EmptyState title="This note isn’t here">
            <p>It may have been deleted. Choose another note from the list.</p>
          </EmptyState>
        ) : (
          <NoteEditor key={selected.id} note={selected} />
        )}
      </section>
    </div>
  );
}
