import { useMemo, useRef, useState } from 'react';
import {
  chosenValue,
  initialChoice,
  sideChoice,
  undecidedCount,
  type FieldChoice,
} from '../../conflicts/choices.ts';
import type { ConflictView } from '../../conflicts/describe.ts';
import type { ConflictDecision } from '../../conflicts/plan.ts';
import type { FieldValue } from '../../protocol/mutation.ts';
import { assertValid } from '../../model/validation.ts';
import { describeError } from '../common/Notices.tsx';
import { shortWhen } from '../common/relativeTime.ts';
import type { SideNames } from './Sides.tsx';
import { TextPartsChoice } from './TextPartsChoice.tsx';
import { ValueChoice } from './ValueChoice.tsx';
import { counted } from '../common/counted.ts';

type Decide = (decision: ConflictDecision, done: string) => void;
type Choices = Record<string, FieldChoice | undefined>;

/**
 * [P3] Both devices changed the same fields. Per field both versions with their differences
 * highlighted; a text is shown as parts (TextPartsChoice). Nothing is chosen at first, and the
 * one primary action, Apply, waits until every field and part has a choice: "Use all mine" and
 * "Use all theirs" only fill the choices in, for the person to look over before applying.
 */
export function EditChoices({ view, onDecide }: { view: ConflictView; onDecide: Decide }) {
  const [choices, setChoices] = useState<Choices>(() =>
    Object.fromEntries(view.fields.map((field) => [field.field, initialChoice(field)])),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const names = useMemo(() => sideNames(view), [view]);
  const undecided = view.fields.reduce(
    (count, field) => count + undecidedCount(field, choices[field.field]),
    0,
  );
  const choose = (field: string, choice: FieldChoice) =>
    setChoices((all) => ({ ...all, [field]: choice }));
  const chooseEverywhere = (side: 'mine' | 'theirs') =>
    setChoices(
      Object.fromEntries(view.fields.map((field) => [field.field, sideChoice(field, side)])),
    );

  function apply() {
    const values: Record<string, FieldValue> = {};
    for (const field of view.fields) {
      const value = chosenValue(field, choices[field.field]);
      if (value === undefined) return;
      values[field.field] = value;
    }
    try {
      assertValid(view.spec, values);
    } catch (caught) {
      setProblem(describeError(caught));
      form.current?.querySelector<HTMLElement>('[data-field]')?.focus();
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
        apply();
      }}
    >
      {view.fields.length === 0 ? (
        <p>
          The two versions now agree on every field that collided (another device may have made the
          same change since). Apply to send the rest of your changes.
        </p>
      ) : (
        <div className="resolve-shortcuts">
          <button type="button" onClick={() => chooseEverywhere('mine')}>
            Use all mine
          </button>
          <button type="button" onClick={() => chooseEverywhere('theirs')}>
            Use all theirs
          </button>
        </div>
      )}
      {view.fields.map((field) =>
        field.parts &&
        (choices[field.field]?.pick === 'parts' || choices[field.field]?.pick === 'whole') ? (
          <TextPartsChoice
            key={field.field}
            field={field}
            parts={field.parts}
            choice={choices[field.field] as Extract<FieldChoice, { pick: 'parts' | 'whole' }>}
            names={names}
            onChange={(choice) => choose(field.field, choice)}
          />
        ) : (
          <ValueChoice
            key={field.field}
            field={field}
            choice={choices[field.field]}
            names={names}
            onChange={(choice) => choose(field.field, choice)}
          />
        ),
      )}
      {problem && (
        <p role="alert" className="resolve-problem">
          {problem}
        </p>
      )}
      <div className="resolve-actions">
        <p className="hint" aria-live="polite">
          {undecided > 0 && `${counted(undecided, 'choice')} left to make.`}
        </p>
        <button type="submit" className="primary" disabled={undecided > 0}>
          Apply
        </button>
      </div>
    </form>
  );
}

function sideNames(view: ConflictView): SideNames {
  return {
    mine: { label: 'This device', who: 'this device' },
    theirs: {
      label: `${view.theirsBy ?? 'Other device'} · ${shortWhen(view.theirs.updatedAt, Date.now())}`,
      who: view.theirsBy ?? 'the other device',
    },
  };
}
