import { useState } from 'react';
import { focusWhenShown } from '../common/focus.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { useShortcuts } from './useShortcuts.ts';

/**
 * The app's keyboard shortcuts, and their list on `?`. Closing the list puts focus back where
 * it was when `?` was pressed.
 */
export function KeyboardShortcuts() {
  // Where focus was when the list opened; undefined while it is closed.
  const [openedFrom, setOpenedFrom] = useState<Element | null>();
  useShortcuts(() => setOpenedFrom(document.activeElement));
  if (openedFrom === undefined) return null;
  return (
    <ShortcutsDialog
      onClose={() => {
        setOpenedFrom(undefined);
        if (openedFrom instanceof HTMLElement) focusWhenShown(() => openedFrom);
      }}
    />
  );
}
