import { useId } from 'react';
import { chosenValue, type FieldChoice } from '../../conflicts/choices.ts';
import type { FieldConflict } from '../../conflicts/describe.ts';
import {
  chosenLines,
  suggestedChoice,
  type PartChoice,
  type TextPart,
} from '../../conflicts/textParts.ts';
import { ChoiceRadios } from './ChoiceRadios.tsx';
import { Sides, type SideNames } from './Sides.tsx';

type PartsChoice = Extract<FieldChoice, { pick: 'parts' | 'whole' }>;
type Pick = 'mine' | 'theirs' | 'both' | 'edited';

/**
 * [P3] A text both devices changed, as a person reads it: the text in order, the parts only one
 * side changed already taken (and said so), and each part both changed differently with Use
 * mine / Use theirs / Use both / Edit. "Edit the whole text" is the way out for anything else.
 */
export function TextPartsChoice({
  field,
  parts,
  choice,
  names,
  onChange,
}: {
  field: FieldConflict;
  parts: TextPart[];
  choice: PartsChoice;
  names: SideNames;
  onChange: (choice: FieldChoice) => void;
}) {
  const wholeId = useId();
  const open = parts.filter((part) => part.kind === 'both-differ').length;
  let openIndex = 0;
  const setPart = (index: number, part: PartChoice) =>
    onChange({ pick: 'parts', parts: choice.parts.map((old, at) => (at === index ? part : old)) });

  if (choice.pick === 'whole') {
    return (
      <fieldset className="field-conflict">
        <legend>{field.label}</legend>
        <div className="merged-editor">
          <label htmlFor={wholeId}>Whole {field.label.toLowerCase()}</label>
          <textarea
            id={wholeId}
            data-field={field.field}
            rows={Math.min(16, choice.value.split('\n').length + 2)}
            value={choice.value}
            onChange={(event) => onChange({ ...choice, value: event.target.value })}
          />
        </div>
        <button type="button" onClick={() => onChange({ pick: 'parts', parts: choice.parts })}>
          Back to the parts
        </button>
      </fieldset>
    );
  }

  return (
    <fieldset className="field-conflict">
      <legend>{field.label}</legend>
      <p className="hint">
        {open === 0
          ? 'The changes do not overlap: both are kept below.'
          : `Both changes are combined. ${open === 1 ? 'One part was' : `${open} parts were`} changed on both devices: choose what to keep.`}
      </p>
      <div className="text-parts">
        {parts.map((part, index) =>
          part.kind === 'both-differ' ? (
            <OpenPart
              key={index}
              part={part}
              label={
                open === 1
                  ? 'Changed on both devices'
                  : `Changed on both devices (${++openIndex} of ${open})`
              }
              choice={choice.parts[index]}
              names={names}
              onChange={(picked) => setPart(index, picked)}
            />
          ) : (
            <AgreedPart key={index} part={part} names={names} />
          ),
        )}
      </div>
      <button
        type="button"
        onClick={() => {
          const undecidedAsBoth = choice.parts.map(
            (picked, index) => picked ?? suggestedChoice(parts[index]!) ?? 'both',
          );
          const value = chosenValue(field, { pick: 'parts', parts: undecidedAsBoth });
          onChange({ pick: 'whole', value: String(value ?? field.mine), parts: choice.parts });
        }}
      >
        Edit the whole text
      </button>
    </fieldset>
  );
}

/** A stretch the merge takes as it is: unchanged, changed alike, or changed on one side only. */
function AgreedPart({ part, names }: { part: TextPart; names: SideNames }) {
  const lines = chosenLines(part, suggestedChoice(part) ?? 'mine');
  const changedBy =
    part.kind === 'mine-changed'
      ? names.mine.who
      : part.kind === 'theirs-changed'
        ? names.theirs.who
        : null;
  if (!changedBy) return <div className="part-agreed">{lines.join('\n')}</div>;
  return (
    <div className="part-agreed part-one-side">
      <p className="part-note">
        {lines.length === 0 ? `Removed on ${changedBy}:` : `Changed on ${changedBy}`}
      </p>
      {lines.length === 0 ? <del>{part.base.join('\n')}</del> : lines.join('\n')}
    </div>
  );
}

function OpenPart({
  part,
  label,
  choice,
  names,
  onChange,
}: {
  part: TextPart;
  label: string;
  choice: PartChoice | undefined;
  names: SideNames;
  onChange: (choice: PartChoice) => void;
}) {
  const editorId = useId();
  const checked: Pick | undefined = typeof choice === 'object' ? 'edited' : choice;
  return (
    <fieldset className="part-choice">
      <legend>{label}</legend>
      <Sides mine={part.mine.join('\n')} theirs={part.theirs.join('\n')} names={names} />
      <ChoiceRadios<Pick>
        options={[
          { value: 'mine', label: 'Use mine' },
          { value: 'theirs', label: 'Use theirs' },
          { value: 'both', label: 'Use both' },
          { value: 'edited', label: 'Edit' },
        ]}
        checked={checked}
        onPick={(pick) =>
          onChange(
            pick === 'edited' ? { edited: chosenLines(part, choice ?? 'mine').join('\n') } : pick,
          )
        }
      />
      {typeof choice === 'object' && (
        <div className="merged-editor">
          <label htmlFor={editorId}>Your version of this part</label>
          <textarea
            id={editorId}
            rows={Math.min(10, choice.edited.split('\n').length + 1)}
            value={choice.edited}
            onChange={(event) => onChange({ edited: event.target.value })}
          />
        </div>
      )}
    </fieldset>
  );
}
