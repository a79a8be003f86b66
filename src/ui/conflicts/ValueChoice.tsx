import { useId } from 'react';
import type { FieldChoice } from '../../conflicts/choices.ts';
import type { FieldConflict } from '../../conflicts/describe.ts';
import { valueText } from '../common/fieldText.ts';
import { ChoiceRadios } from './ChoiceRadios.tsx';
import { Sides, type SideNames } from './Sides.tsx';

type Pick = 'mine' | 'theirs' | 'edited';

/**
 * [P3] A field holding one value (a title, a name, a flag) that both devices changed: both
 * versions, the difference highlighted, and Use mine / Use theirs / Edit (text values only).
 */
export function ValueChoice({
  field,
  choice,
  names,
  onChange,
}: {
  field: FieldConflict;
  choice: FieldChoice | undefined;
  names: SideNames;
  onChange: (choice: FieldChoice) => void;
}) {
  const editorId = useId();
  const { label } = field;
  const editable = typeof field.mine === 'string';
  const picked = choice?.pick === 'mine' || choice?.pick === 'theirs' || choice?.pick === 'edited';
  return (
    <fieldset className="field-conflict">
      <legend>{label}</legend>
      <Sides
        base={field.base === undefined ? undefined : valueText(field.field, field.base)}
        mine={valueText(field.field, field.mine)}
        theirs={valueText(field.field, field.theirs)}
        names={names}
      />
      <ChoiceRadios<Pick>
        options={[
          { value: 'mine', label: 'Use mine' },
          { value: 'theirs', label: 'Use theirs' },
          ...(editable ? [{ value: 'edited' as const, label: 'Edit' }] : []),
        ]}
        checked={picked ? (choice.pick as Pick) : undefined}
        onPick={(pick) =>
          onChange(
            pick === 'edited'
              ? {
                  pick,
                  value: choice?.pick === 'theirs' ? String(field.theirs) : String(field.mine),
                }
              : { pick },
          )
        }
      />
      {choice?.pick === 'edited' && (
        <div className="merged-editor">
          <label htmlFor={editorId}>Your {label.toLowerCase()}</label>
          <input
            id={editorId}
            data-field={field.field}
            value={choice.value}
            onChange={(event) => onChange({ pick: 'edited', value: event.target.value })}
          />
        </div>
      )}
    </fieldset>
  );
}
