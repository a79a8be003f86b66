import { useEffect, useEffectEvent } from 'react';
import { navigate } from '../app/router.ts';
import { SEARCH_INPUT_ID } from '../app/SearchBox.tsx';
import { isTypingTarget, shortcutOf } from './shortcuts.ts';

/**
 * Follows the keyboard shortcuts (shortcuts.ts) for the whole app while mounted. `onHelp`
 * opens the list of them.
 *
 * The handler prevents the key's default, so the key that made a new note never lands in its
 * title. Keys typed right after it reach the new note's title: navigating renders at once
 * (a synchronous store update), and the editor takes focus as it mounts.
 */
export function useShortcuts(onHelp: () => void): void {
  const openHelp = useEffectEvent(onHelp);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const action = shortcutOf(event, {
        typing: isTypingTarget(event.target instanceof Element ? event.target : null),
        dialogOpen: document.querySelector('dialog[open]') !== null,
      });
      if (!action) return;
      event.preventDefault();
      switch (action) {
        case 'search':
          return focusSearch();
        case 'new-note':
          return navigate('/notes/new');
        case 'new-contact':
          return navigate('/contacts/new');
        case 'help':
          return openHelp();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

function focusSearch(): void {
  const box = document.getElementById(SEARCH_INPUT_ID);
  if (!(box instanceof HTMLInputElement)) return;
  box.focus();
  box.select();
}
