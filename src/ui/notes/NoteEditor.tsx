import { firstCharacters, inputMaxLength } from '../../protocol/characters.ts';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { navigate } from '../app/router.ts';
import { focusWhenShown } from '../common/focus.ts';
import { describeError, useNotices } from '../common/Notices.tsx';
import { TagEditor } from '../common/TagEditor.tsx';
import { RecordMarker, useConflictedKeys } from '../conflicts/ConflictMarker.tsx';
import { ReplacedNotice } from '../conflicts/ReplacedNotice.tsx';
import { ResolveButton } from '../conflicts/ResolveButton.tsx';
import { useAutosave, type SaveState } from '../common/useAutosave.ts';
import { typingJournal } from '../../db/typingJournal.ts';
import { useOnLeave } from '../common/useOnLeave.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { RecordHistory } from '../history/RecordHistory.tsx';
import type { Note } from '../data/queries.ts';
import { specOf } from '../../model/collections.ts';
import { RenderedNote } from './markdown/RenderedNote.tsx';
import { applyTick, type TaskTick } from './markdown/tasks.ts';
import { useNoteView } from './markdown/useNoteView.ts';
import { ViewToggle } from './markdown/ViewToggle.tsx';

/** Labels and limits as the notes collection declares them. */
const NOTE_FIELDS = specOf('notes').fields;

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'Saved on this device',
  saving: 'Saving…',
  error: 'Not saved',
};

/**
 * Edits one note; mounted with key={note.id} so switching notes starts a fresh draft. A `fresh`
 * note is one just started with "New note": nothing is stored until its first keystroke (every
 * write creates it if needed), its title has the cursor, and left blank it is not kept.
 */
export function NoteEditor({
  note,
  fresh = false,
  onDeleted,
}: {
  note: Note;
  fresh?: boolean;
  /** After "Delete note": the screen decides where focus goes next. */
  onDeleted: (note: Note) => void;
}) {
  const { db, notes, lastWrites } = useOutpost();
  const [historyRequest, setHistoryRequest] = useState(0);
  const notices = useNotices();
  const conflicted = useConflictedKeys();
  const titleId = useId();
  const bodyId = useId();
  const body = useRef<HTMLTextAreaElement>(null);
  const { view, views, choose: chooseView } = useNoteView(fresh);
  const stored = { title: note.title, body: note.body, pinned: note.pinned };
  const journal = useMemo(() => typingJournal(db, 'notes', note.id), [db, note.id]);
  const { draft, change, flush, state, error } = useAutosave(
    stored,
    note,
    (changes, typed) => notes.edit(note.id, changes, typed),
    journal,
  );
  // Leaving writes what waits and drops a record left blank; the database stays open for it
  // (lastWrites), also after a sign-out. A failure has nobody left to tell: the editor is gone.
  useOnLeave(() => flush().then(() => notes.discardIfBlank(note.id)), lastWrites.track);

  async function remove() {
    try {
      await flush();
      // A blank note goes without a trace (and without an Undo: there is nothing to bring back).
      if (!(await notes.discardIfBlank(note.id))) {
        await notes.remove(note.id);
        notices.show({
          tone: 'info',
          message: 'Note deleted.',
          topic: `notes:${note.id}`,
          action: {
            label: 'Undo',
            run: () =>
              void notes
                .restore(note.id)
                .then(() => {
                  navigate(`/notes/${note.id}`);
                  focusWhenShown(() => noteTitleBox(note.id));
                })
                .catch((caught: unknown) => notices.showError('Could not undo', caught)),
          },
        });
      }
      onDeleted(note);
    } catch (caught) {
      notices.showError('Could not delete the note', caught);
    }
  }

  // A tick in the rendered note is typing by other means: the same write, journal and sync,
  // applied to the draft (which may hold keystrokes not yet stored), changing one character.
  function tick(ticked: TaskTick) {
    const next = applyTick(draft.body, ticked);
    if (next !== draft.body) change({ body: next });
  }

  function moveToBody(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault();
    body.current?.focus();
  }

  // Tags are their own edits (R3): the note must exist first, and writing its title makes it.
  async function addTag(tag: string) {
    await flush();
    await notes.edit(note.id, { title: draft.title });
    return notes.addTag(note.id, tag);
  }

  return (
    <article className="editor" aria-label="Note editor" data-record-id={note.id} data-view={view}>
      <div className="editor-toolbar">
        <span className="save-state" role="status">
          <span>
            {SAVE_LABELS[state]}
            {state === 'error' && `: ${describeError(error)}`}
          </span>
          <RecordMarker pending={note.pending} conflicted={conflicted.has(`notes:${note.id}`)} />
        </span>
        {conflicted.has(`notes:${note.id}`) && (
          <ResolveButton
            collection="notes"
            recordId={note.id}
            label="Resolve conflict"
            whenDecided={() => noteTitleBox(note.id)}
          />
        )}
        <ViewToggle view={view} views={views} onChange={chooseView} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.pinned}
            onChange={(event) => change({ pinned: event.target.checked })}
          />
          {NOTE_FIELDS.pinned.label}
        </label>
        <button type="button" className="danger" onClick={() => void remove()}>
          Delete note
        </button>
      </div>
      <ReplacedNotice
        collection="notes"
        recordId={note.id}
        onViewHistory={() => setHistoryRequest((request) => request + 1)}
      />
      <label htmlFor={titleId} className="visually-hidden">
        {NOTE_FIELDS.title.label}
      </label>
      <input
        id={titleId}
        className="note-title"
        placeholder={NOTE_FIELDS.title.label}
        maxLength={inputMaxLength(NOTE_FIELDS.title.max)}
        value={draft.title}
        // A new note takes typing at once: the click that made it moved focus here.
        autoFocus={fresh}
        onChange={(event) =>
          change({ title: firstCharacters(event.target.value, NOTE_FIELDS.title.max) })
        }
        onKeyDown={moveToBody}
      />
      <label htmlFor={bodyId} className="visually-hidden">
        {NOTE_FIELDS.body.label}
      </label>
      <div className="note-text">
        <textarea
          ref={body}
          id={bodyId}
          className="note-body"
          placeholder="Write something…"
          hidden={view === 'preview'}
          maxLength={inputMaxLength(NOTE_FIELDS.body.max)}
          value={draft.body}
          onChange={(event) =>
            change({ body: firstCharacters(event.target.value, NOTE_FIELDS.body.max) })
          }
        />
        {view !== 'edit' && <RenderedNote text={draft.body} onTick={tick} />}
      </div>
      <TagEditor
        tags={note.tags}
        onAdd={addTag}
        onRemove={(tag) =>
          notes
            .removeTag(note.id, tag)
            .catch((caught: unknown) => notices.showError('Could not remove the tag', caught))
        }
      />
      <RecordHistory collection="notes" id={note.id} openRequest={historyRequest} />
    </article>
  );
}

/** The title box of the note's open editor, once it is on screen. */
export function noteTitleBox(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.editor[data-record-id="${id}"] .note-title`);
}
