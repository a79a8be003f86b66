import { MAX_TAG_LENGTH } from '../../model/collections/fields.ts';
import { firstCharacters, inputMaxLength } from '../../protocol/characters.ts';
import { useId, useState, type FormEvent } from 'react';

interface TagEditorProps {
  tags: string[];
  onAdd: (tag: string) => unknown;
  onRemove: (tag: string) => unknown;
}

/**
 * Tags are a set (R3): each add and remove is its own edit, so concurrent tag edits on two
 * devices all survive. Enter adds; each tag has its own remove button with a spoken name.
 */
export function TagEditor({ tags, onAdd, onRemove }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const hintId = useId();

  async function add(event: FormEvent) {
    event.preventDefault();
    const tag = draft.trim();
    if (!tag) return;
    if (tags.includes(tag)) return setError(`“${tag}” is already a tag`);
    try {
      await onAdd(tag);
      setDraft('');
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  return (
    <div className="tag-editor">
      <ul className="tags" aria-label="Tags" aria-describedby={hintId}>
        {tags.map((tag) => (
          <li key={tag} className="tag">
            <span>{tag}</span>
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
              onClick={() => void onRemove(tag)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void add(event)} className="tag-form">
        <label htmlFor={inputId}>Add a tag</label>
        <input
          id={inputId}
          value={draft}
          maxLength={inputMaxLength(MAX_TAG_LENGTH)}
          onChange={(event) => setDraft(firstCharacters(event.target.value, MAX_TAG_LENGTH))}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <button type="submit">Add tag</button>
      </form>
      <p id={hintId} className="crdt-hint">
        Tags added or removed on any of your devices all count, even at the same moment: nothing to
        resolve.
      </p>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
