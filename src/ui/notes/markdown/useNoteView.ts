import { useState, useSyncExternalStore } from 'react';

export type NoteView = 'edit' | 'preview' | 'side';

const KEY = 'outpost-note-view';
const VIEWS: readonly NoteView[] = ['edit', 'preview', 'side'];

/**
 * Side by side needs room for two readable columns beside the list: from 64rem (1024 px) on.
 * Narrower (phones, a tablet upright) shows the text or its rendering, one at a time.
 */
const ROOM_FOR_TWO = '(min-width: 64rem)';

/**
 * How the note editor shows a note's text: the text box, its rendered Markdown, or both side
 * by side. Remembered on this device (localStorage: a preference of the screen, not data to
 * sync). Side by side chosen on a wide window shows the text box while the window is narrow,
 * and comes back when it is wide again. A note just started has nothing to preview: it opens
 * where it can be typed in, without changing the choice kept for the others.
 */
export function useNoteView(fresh = false): {
  view: NoteView;
  views: readonly NoteView[];
  choose: (view: NoteView) => void;
} {
  const [chosen, setChosen] = useState<NoteView>(() => {
    const stored = readStored();
    return fresh && stored === 'preview' ? 'edit' : stored;
  });
  const roomForTwo = useSyncExternalStore(subscribeToWidth, hasRoomForTwo);
  const views = roomForTwo ? VIEWS : VIEWS.filter((view) => view !== 'side');
  function choose(view: NoteView) {
    setChosen(view);
    try {
      localStorage.setItem(KEY, view);
    } catch {
      // Storage full or refused (private mode): the choice holds until the page goes.
    }
  }
  return { view: views.includes(chosen) ? chosen : 'edit', views, choose };
}

function readStored(): NoteView {
  try {
    const stored = localStorage.getItem(KEY);
    return VIEWS.find((view) => view === stored) ?? 'edit';
  } catch {
    return 'edit';
  }
}

function hasRoomForTwo(): boolean {
  return window.matchMedia(ROOM_FOR_TWO).matches;
}

function subscribeToWidth(onChange: () => void): () => void {
  const query = window.matchMedia(ROOM_FOR_TWO);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
