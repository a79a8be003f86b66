import { useState } from 'react';
import { readTheme, saveTheme, THEME_CHOICES, type ThemeChoice } from './theme.ts';

const LABELS: Record<ThemeChoice, string> = {
  system: 'Same as this device',
  light: 'Light',
  dark: 'Dark',
};

/** Light, dark, or whatever the device uses; applied at once, kept in this browser. */
export function ThemeSection() {
  const [choice, setChoice] = useState(readTheme);
  return (
    <section className="settings-section" aria-labelledby="theme-heading">
      <h2 id="theme-heading">Appearance</h2>
      <fieldset className="theme-choices">
        <legend>Colours</legend>
        {THEME_CHOICES.map((option) => (
          <label key={option} className="checkbox">
            <input
              type="radio"
              name="theme"
              value={option}
              checked={choice === option}
              onChange={() => {
                setChoice(option);
                saveTheme(option);
              }}
            />
            {LABELS[option]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
