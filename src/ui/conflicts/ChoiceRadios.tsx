import { useId } from 'react';

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
}

/**
 * One decision as a row of radio buttons, none checked until the person picks (issue 13). The
 * surrounding fieldset's legend names the group; arrow keys move within it, Tab past it.
 */
export function ChoiceRadios<T extends string>({
  options,
  checked,
  onPick,
}: {
  options: ChoiceOption<T>[];
  checked: T | undefined;
  onPick: (value: T) => void;
}) {
  const name = useId();
  return (
    <div className="conflict-picks">
      {options.map((option) => (
        <label key={option.value} className="radio">
          <input
            type="radio"
            name={name}
            checked={checked === option.value}
            onChange={() => onPick(option.value)}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}
