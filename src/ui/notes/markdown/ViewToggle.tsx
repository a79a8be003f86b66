import { useId } from 'react';
import type { NoteView } from './useNoteView.ts';

const LABELS: Record<NoteView, string> = {
  edit: 'Edit',
  preview: 'Preview',
  side: 'Side by side',
};

/**
 * Edit, Preview (the rendered Markdown) and, where there is room, Side by side: one radio
 * group, so arrow keys move between the views and a screen reader says which one is shown.
 */
export function ViewToggle({
  view,
  views,
  onChange,
}: {
  view: NoteView;
  views: readonly NoteView[];
  onChange: (view: NoteView) => void;
}) {
  const name = useId();
  return (
    <div role="radiogroup" aria-label="View" className="view-toggle">
      {views.map((option) => (
        <label key={option}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={view === option}
            onChange={() => onChange(option)}
          />
          {LABELS[option]}
        </label>
      ))}
    </div>
  );
}
