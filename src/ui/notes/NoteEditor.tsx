import { useId } from 'react';
import { navigate } from '../app/router.ts';
import { describeError, useNotices } from '../common/Notices.tsx';
import { TagEditor } from '../common/TagEditor.tsx';
import { UnsyncedMarker } from '../common/UnsyncedMarker.tsx';
import { ConflictMarker, useConflictedKeys } from '../conflicts/ConflictMarker.tsx';
import { ResolveButton } from '../conflicts/ResolveButton.tsx';
import { useAutosave, type SaveState } from '../common/useAutosave.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { RecordHistory } from '../history/RecordHistory.tsx';
import type { Note } from '../data/queries.ts';

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'Saved on this device',
  editing: 'Saving…',
  error: 'Not saved',
};

/** Edits one note; mounted with key={note.id} so switching notes starts a fresh draft. */
export function NoteEditor({ note }: { note: Note }) {
  const { notes } = useOutpost();
  const notices = useNotices();
  const conflicted = useConflictedKeys();
  const titleId = useId();
  const bodyId = useId();
  const stored = { title: note.title, body: note.body, pinned: note.pinned };
  const { draft, change, flush, state, error } = useAutosave(stored, note, (changes) =>
    notes.update(note.id, changes),
  );

  async function remove() {
    try {
      await flush();
      await notes.remove(note.id);
      navigate('/notes');
      notices.show({
        tone: 'info',
        message: 'Note deleted.',
        action: {
          label: 'Undo',
          run: () =>
            void notes
              .restore(note.id)
              .then(() => navigate(`/notes/${note.id}`))
              .catch((caught: unknown) => notices.showError('Could not undo', caught)),
        },
      });
    } catch (caught) {
      notices.showError('Could not delete the note', caught);
    }
  }

  function togglePinned(pinned: boolean) {
    change({ pinned });
    void flush();
  }

  return (
    <article className="editor" aria-label="Note editor">
      <div className="editor-toolbar">
        <span className="save-state" role="status">
          {SAVE_LABELS[state]}
          {state === 'error' && `: ${describeError(error)}`}
          <UnsyncedMarker pending={note.pending} />
          <ConflictMarker conflicted={conflicted.has(`notes:${note.id}`)} />
        </span>
        {conflicted.has(`notes:${note.id}`) && (
          <ResolveButton collection="notes" recordId={note.id} label="Resolve conflict" />
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.pinned}
            onChange={(event) => togglePinned(event.target.checked)}
          />
          Pinned
        </label>
        <button type="button" className="danger" onClick={() => void remove()}>
          Delete note
        </button>
      </div>
      <label htmlFor={titleId} className="visually-hidden">
        Title
      </label>
      <input
        id={titleId}
        className="note-title"
        placeholder="Title"
        maxLength={500}
        value={draft.title}
        onChange={(event) => change({ title: event.target.value })}
        onBlur={() => void flush()}
      />
      <label htmlFor={bodyId} className="visually-hidden">
        Note text
      </label>
      <textarea
        id={bodyId}
        className="note-body"
        placeholder="Write something…"
        maxLength={100_000}
        value={draft.body}
        onChange={(event) => change({ body: event.target.value })}
        onBlur={() => void flush()}
      />
      <TagEditor
        tags={note.tags}
        onAdd={(tag) => notes.addTag(note.id, tag)}
        onRemove={(tag) =>
          notes
            .removeTag(note.id, tag)
            .catch((caught: unknown) => notices.showError('Could not remove the tag', caught))
        }
      />
      <RecordHistory collection="notes" id={note.id} />
    </article>
  );
}
