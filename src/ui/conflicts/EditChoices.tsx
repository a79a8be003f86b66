import { useId, useRef, useState } from 'react';
import type { ConflictView, FieldConflict } from '../../conflicts/describe.ts';
import type { ConflictDecision } from '../../conflicts/plan.ts';
import { draftOfMerge, hasOverlapMarkers, overlapCount } from '../../conflicts/textDraft.ts';
import type { FieldValue } from '../../protocol/mutation.ts';
import { assertValid } from '../../model/validation.ts';
import { describeError } from '../common/Notices.tsx';
import { fieldLabel, valueText } from '../common/fieldText.ts';

type Pick = 'mine' | 'theirs' | 'merged';
interface Choice {
  pick: Pick;
  /** The value being written for "merged"; kept when the person switches back and forth. */
  merged: string;
}

type Decide = (decision: ConflictDecision, done: string) => void;

/**
 * [P3] Both devices changed the same fields. Per field: the common base and both sides side by
 * side, and a choice of mine, theirs, or a merged value (text fields start from the three-way
 * merge, with the parts changed on both sides marked). Booleans have no merged value.
 */
export function EditChoices({ view, onDecide }: { view: ConflictView; onDecide: Decide }) {
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(view.fields.map((field) => [field.field, initialChoice(field)])),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  function save() {
    const values: Record<string, FieldValue> = {};
    for (const field of view.fields) {
      const choice = choices[field.field] ?? initialChoice(field);
      values[field.field] = choice.pick === 'merged' ? choice.merged : field[choice.pick];
    }
    const unsettled = view.fields.find(
      (field) =>
        choices[field.field]?.pick === 'merged' && hasOverlapMarkers(String(values[field.field])),
    );
    if (unsettled) {
      setProblem(
        `${fieldLabel(view.collection, unsettled.field)} still has marked overlaps: edit the lines between the markers into one version and remove the marker lines.`,
      );
      form.current?.querySelector<HTMLElement>(`[data-field="${unsettled.field}"]`)?.focus();
      return;
    }
    try {
      assertValid(view.spec, values);
    } catch (caught) {
      setProblem(describeError(caught));
      return;
    }
    onDecide({ kind: 'merge', values }, 'Conflict resolved with your choices.');
  }

  return (
    <form
      ref={form}
      className="edit-choices"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      {view.fields.length === 0 && (
        <p>
          The two versions now agree on every field that collided (another device may have made the
          same change since). Keep mine to send the rest of your changes.
        </p>
      )}
      {view.fields.map((field) => (
        <FieldChoice
          key={field.field}
          field={field}
          choice={choices[field.field] ?? initialChoice(field)}
          onChange={(choice) => setChoices((all) => ({ ...all, [field.field]: choice }))}
        />
      ))}
      {problem && (
        <p role="alert" className="resolve-problem">
          {problem}
        </p>
      )}
      <div className="resolve-actions">
        <button type="submit" className="primary">
          Save my choices
        </button>
        <button
          type="button"
          onClick={() => onDecide({ kind: 'mine' }, 'Conflict resolved: your version kept.')}
        >
          Keep all mine
        </button>
        <button
          type="button"
          onClick={() =>
            onDecide({ kind: 'theirs' }, 'Conflict resolved: the other device’s version kept.')
          }
        >
          Keep all theirs
        </button>
      </div>
    </form>
  );
}

function initialChoice(field: FieldConflict): Choice {
  if (field.merge) return { pick: 'merged', merged: draftOfMerge(field.merge) };
  return { pick: 'mine', merged: typeof field.mine === 'string' ? field.mine : '' };
}

function FieldChoice({
  field,
  choice,
  onChange,
}: {
  field: FieldConflict;
  choice: Choice;
  onChange: (choice: Choice) => void;
}) {
  const name = useId();
  const editorId = useId();
  const helpId = useId();
  const { label } = field;
  const mergeable = typeof field.mine === 'string';
  const overlaps = field.merge ? overlapCount(field.merge) : 0;
  const radio = (pick: Pick, text: string) => (
    <label className="radio">
      <input
        type="radio"
        name={name}
        checked={choice.pick === pick}
        onChange={() => onChange({ ...choice, pick })}
      />
      {text}
    </label>
  );
  return (
    <fieldset className="field-conflict">
      <legend>{label}</legend>
      <dl className="conflict-sides">
        <div>
          <dt>Before both changes</dt>
          <dd>{valueText(field.field, field.base)}</dd>
        </div>
        <div>
          <dt>This device (mine)</dt>
          <dd>{valueText(field.field, field.mine)}</dd>
        </div>
        <div>
          <dt>Other device (theirs)</dt>
          <dd>{valueText(field.field, field.theirs)}</dd>
        </div>
      </dl>
      <div className="conflict-picks">
        {radio('mine', `Keep mine: ${label}`)}
        {radio('theirs', `Keep theirs: ${label}`)}
        {mergeable && radio('merged', `Write a merged ${label.toLowerCase()}`)}
      </div>
      {mergeable && choice.pick === 'merged' && (
        <div className="merged-editor">
          <label htmlFor={editorId}>Merged {label.toLowerCase()}</label>
          {field.kind === 'text' ? (
            <textarea
              id={editorId}
              data-field={field.field}
              rows={Math.min(16, choice.merged.split('\n').length + 2)}
              value={choice.merged}
              aria-describedby={helpId}
              onChange={(event) => onChange({ ...choice, merged: event.target.value })}
            />
          ) : (
            <input
              id={editorId}
              data-field={field.field}
              value={choice.merged}
              aria-describedby={helpId}
              onChange={(event) => onChange({ ...choice, merged: event.target.value })}
            />
          )}
          <p id={helpId} className="hint">
            {overlaps > 0
              ? `${overlaps} ${overlaps === 1 ? 'part was' : 'parts were'} changed on both devices: each shows your lines, a line of =======, then theirs, between marker lines. Edit each into one version and remove the marker lines.`
              : field.merge
                ? 'Both changes are combined here; edit as you like.'
                : 'Write the value to keep.'}
          </p>
        </div>
      )}
    </fieldset>
  );
}
