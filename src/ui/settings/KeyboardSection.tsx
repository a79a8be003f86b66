import { useRef, useState } from 'react';
import { focusWhenShown } from '../common/focus.ts';
import { ShortcutsDialog } from '../shortcuts/ShortcutsDialog.tsx';

/** Where the keyboard shortcuts can be found without knowing `?`. */
export function KeyboardSection() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <section className="settings-section" aria-labelledby="keyboard-heading">
      <h2 id="keyboard-heading">Keyboard</h2>
      <p className="hint">
        With a keyboard, press <kbd>?</kbd> anywhere outside a text field to see the shortcuts.
      </p>
      <button ref={button} type="button" onClick={() => setOpen(true)}>
        Show keyboard shortcuts
      </button>
      {open && (
        <ShortcutsDialog
          onClose={() => {
            setOpen(false);
            focusWhenShown(() => button.current);
          }}
        />
      )}
    </section>
  );
}
