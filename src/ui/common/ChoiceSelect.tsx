import { useId } from 'react';

/**
 * A labelled choice among named options: "Sort by" above a list (its orders), "Export as" in
 * Settings (the formats). `choices` maps each value to its name.
 */
export function ChoiceSelect<V extends string>({
  label,
  choices,
  value,
  onChange,
  className,
}: {
  label: string;
  choices: Record<V, string>;
  value: V;
  onChange: (value: V) => void;
  className: string;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        // The options are exactly the keys of `choices`.
        onChange={(event) => onChange(event.target.value as V)}
      >
        {(Object.entries(choices) as [V, string][]).map(([option, name]) => (
          <option key={option} value={option}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
