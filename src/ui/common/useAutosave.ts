import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState = 'saved' | 'editing' | 'error';

/**
 * Keeps a draft of some fields while the person types and writes it after a short pause, on
 * blur, and when the editor closes. Each write folds into the record's one pending mutation
 * (M3), so a paragraph of typing becomes one change to sync, not hundreds.
 *
 * When the stored record changes underneath (another tab, a sync) and the person has nothing
 * unsaved, the draft follows the stored value; unsaved typing is never overwritten.
 */
export function useAutosave<T extends object>(
  stored: T,
  save: (changes: Partial<T>) => Promise<unknown>,
  delayMs = 400,
) {
  const [draft, setDraft] = useState(stored);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<unknown>(null);
  const unsaved = useRef<Partial<T>>({});
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
    try {
      await saveRef.current(changes);
      setState(Object.keys(unsaved.current).length > 0 ? 'editing' : 'saved');
      setError(null);
    } catch (caught) {
      // Keep what failed so the next flush tries it again: typing is never dropped.
      unsaved.current = { ...changes, ...unsaved.current };
      setState('error');
      setError(caught);
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
    setDraft((previous) => ({ ...stored, ...pick(previous, Object.keys(unsaved.current)) }));
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
