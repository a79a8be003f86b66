import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState = 'saved' | 'editing' | 'error';

/**
 * Keeps a draft of some fields while the person types and writes it after a short pause, on
 * blur, and when the editor closes. Each write folds into the record's one pending mutation
 * (M3), so a paragraph of typing becomes one change to sync, not hundreds.
 *
 * When the stored record changes underneath (another tab, a sync), the draft follows it, except
 * for fields the person is typing in or that are being saved. Live queries can still deliver
 * the echo of an earlier save after a later one: an unsynced stored state older than this
 * editor's last save (by `updatedAt`) is such an echo and is ignored, so a quick second click or
 * keystroke is never undone by the first one's echo.
 */
export function useAutosave<T extends object>(
  stored: T,
  /** The stored record's `updatedAt` and unsynced marker, to tell an echo from news. */
  storedMeta: { updatedAt: number; pending: 0 | 1 },
  save: (changes: Partial<T>) => Promise<{ updatedAt: number }>,
  delayMs = 400,
) {
  const [draft, setDraft] = useState(stored);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<unknown>(null);
  const unsaved = useRef<Partial<T>>({});
  const saving = useRef<Partial<T>>({});
  const lastSavedAt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const changes = unsaved.current;
    if (Object.keys(changes).length === 0) return;
    unsaved.current = {};
    saving.current = { ...saving.current, ...changes };
    try {
      const record = await saveRef.current(changes);
      lastSavedAt.current = Math.max(lastSavedAt.current, record.updatedAt);
      setState(Object.keys(unsaved.current).length > 0 ? 'editing' : 'saved');
      setError(null);
    } catch (caught) {
      // Keep what failed so the next flush tries it again: typing is never dropped.
      unsaved.current = { ...changes, ...unsaved.current };
      setState('error');
      setError(caught);
    } finally {
      saving.current = {};
    }
  }, []);

  const change = useCallback(
    (changes: Partial<T>) => {
      setDraft((previous) => ({ ...previous, ...changes }));
      unsaved.current = { ...unsaved.current, ...changes };
      setState('editing');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  // Adopt outside changes to fields the person is not in the middle of editing.
  const [lastStored, setLastStored] = useState(stored);
  if (!shallowEqual(lastStored, stored)) {
    setLastStored(stored);
    setDraft((previous) => {
      // An echo of an earlier save of ours: still unsynced, and older than our last save. A
      // synced state (a pull, a discarded change) is news even when the server's clock says
      // it is older.
      const echo = storedMeta.pending === 1 && storedMeta.updatedAt < lastSavedAt.current;
      if (echo) return previous;
      const busy = [...Object.keys(unsaved.current), ...Object.keys(saving.current)];
      return { ...stored, ...pick(previous, busy) };
    });
  }

  useEffect(() => () => void flush(), [flush]);

  return { draft, change, flush, state, error };
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  return Object.keys(b).every((key) => Object.is(a[key as keyof T], b[key as keyof T]));
}

function pick<T extends object>(source: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.map((key) => [key, source[key as keyof T]])) as Partial<T>;
}
