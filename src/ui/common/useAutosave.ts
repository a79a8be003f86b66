import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypingJournal, TypingMark } from '../../db/typingJournal.ts';

export type SaveState = 'saved' | 'saving' | 'error';

/** A write slower than this shows "Saving…"; faster ones never flicker the status. */
const SHOW_SAVING_AFTER_MS = 300;

/**
 * Keeps a draft of some fields and writes every change to the device as it is typed, so nothing
 * is lost when the tab reloads, closes or crashes a moment later. A write is one small
 * transaction that folds into the record's one pending mutation (M3), so a paragraph of typing
 * is still one change to sync.
 *
 * One write is in flight at a time; keystrokes made meanwhile wait and go together in the next
 * one, with the whole current value of each field they touched, so a fast typist is never more
 * than one write behind. When the page is hidden or goes away (`pagehide`), what waits is
 * written at once instead: IndexedDB runs overlapping read-write transactions in the order they
 * were opened, so it still lands after the write in flight.
 *
 * Every keystroke also goes to the typing journal first (see typingJournal.ts): a write still
 * in flight when the page dies goes with it, and the journal is replayed at the next start.
 *
 * A write that fails (a full disk) keeps its fields marked: the next change or `flush` writes
 * their current values again, so typing is never dropped and never rolled back.
 *
 * When the stored record changes underneath (another tab, a sync), the draft follows it, except
 * for fields being written. Live queries can deliver the echo of an earlier write after a later
 * one: an unsynced stored state no newer than this editor's last write (by `updatedAt`) is such
 * an echo and is ignored, so a keystroke is never undone by the echo of the one before.
 */
export function useAutosave<T extends object>(
  stored: T,
  /** The stored record's `updatedAt` and unsynced marker, to tell an echo from news. */
  storedMeta: { updatedAt: number; pending: 0 | 1 },
  /** Writes the changes; `typed`: the keystrokes the write stores (see typingJournal.ts). */
  save: (changes: Partial<T>, typed?: TypingMark) => Promise<{ updatedAt: number }>,
  journal?: TypingJournal,
) {
  const [draft, setDraft] = useState(stored);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<unknown>(null);
  /** What the person typed, by field: what a write sends (the draft may also hold news). */
  const typed = useRef<Partial<T>>({});
  /** Fields typed in since the write in flight started, or whose last write failed. */
  const waiting = useRef(new Set<string>());
  const failed = useRef(new Set<string>());
  const inFlight = useRef(new Set<Promise<void>>());
  /** Fields written since the writes last all settled: their draft wins over the store. */
  const busy = useRef(new Set<string>());
  const lastSavedAt = useRef(0);
  /** The journal's number of the latest keystroke. */
  const kept = useRef(0);
  const slowTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveRef = useRef(save);
  const journalRef = useRef(journal);
  useEffect(() => {
    saveRef.current = save;
    journalRef.current = journal;
  }, [save, journal]);

  const settle = useCallback(() => {
    clearTimeout(slowTimer.current);
    slowTimer.current = undefined;
    busy.current = new Set(failed.current);
    setState(failed.current.size > 0 ? 'error' : 'saved');
    if (failed.current.size === 0) setError(null);
  }, []);

  /** Writes every waiting field now, whatever is in flight. */
  const writeWaiting = useCallback(
    function writeWaiting() {
      const fields = [...waiting.current];
      if (fields.length === 0) return;
      waiting.current.clear();
      for (const field of fields) busy.current.add(field);
      const changes = pick(typed.current, fields);
      // Every keystroke so far is in this write or in one before it (writes land in order),
      // unless an earlier write failed and this one does not carry its fields again.
      const upTo = kept.current;
      const complete = [...failed.current].every((field) => fields.includes(field));
      const mark = complete && upTo > 0 ? journalRef.current?.mark(upTo) : undefined;
      const written = saveRef.current(changes, mark).then(
        (record) => {
          lastSavedAt.current = Math.max(lastSavedAt.current, record.updatedAt);
          for (const field of fields) failed.current.delete(field);
          if (failed.current.size === 0) journalRef.current?.stored(upTo);
        },
        (caught: unknown) => {
          for (const field of fields) failed.current.add(field);
          setError(caught);
        },
      );
      const done = written.finally(() => {
        inFlight.current.delete(done);
        if (inFlight.current.size > 0) return;
        if (waiting.current.size > 0) writeWaiting();
        else settle();
      });
      inFlight.current.add(done);
      slowTimer.current ??= setTimeout(() => setState('saving'), SHOW_SAVING_AFTER_MS);
    },
    [settle],
  );

  const change = useCallback(
    (changes: Partial<T>) => {
      typed.current = { ...typed.current, ...changes };
      kept.current = journalRef.current?.keep(changes as Record<string, unknown>) ?? kept.current;
      setDraft((previous) => ({ ...previous, ...changes }));
      for (const field of [...Object.keys(changes), ...failed.current]) waiting.current.add(field);
      if (inFlight.current.size === 0) writeWaiting();
    },
    [writeWaiting],
  );

  /** Writes again whatever failed, and resolves once every write so far has settled. */
  const flush = useCallback(async () => {
    for (const field of failed.current) waiting.current.add(field);
    if (inFlight.current.size === 0) writeWaiting();
    while (inFlight.current.size > 0) await Promise.all([...inFlight.current]);
  }, [writeWaiting]);

  // The page may go away next (a reload, a closed tab, an app switch on a phone).
  useEffect(() => {
    const now = () => writeWaiting();
    const hidden = () => document.visibilityState === 'hidden' && writeWaiting();
    window.addEventListener('pagehide', now);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', now);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, [writeWaiting]);

  // Adopt outside changes to fields the person is not in the middle of writing.
  const [lastStored, setLastStored] = useState(stored);
  if (!shallowEqual(lastStored, stored)) {
    setLastStored(stored);
    setDraft((previous) => {
      // An echo of an earlier write of ours: still unsynced, and no newer than our last write.
      // A synced state (a pull, a discarded change) is news even when the server's clock says
      // it is older.
      const echo = storedMeta.pending === 1 && storedMeta.updatedAt <= lastSavedAt.current;
      return adoptStored(previous, stored, {
        writing: [...busy.current, ...waiting.current],
        typed: Object.keys(typed.current),
        echo,
      });
    });
  }

  useEffect(() => () => void flush(), [flush]);

  return { draft, change, flush, state, error };
}

/**
 * The draft after the stored record changed underneath the editor. Fields being written keep
 * the draft. An echo of one of our writes may carry an older keystroke of the fields this
 * editor typed, so those keep the draft too; every other field takes the stored value, which
 * may be news (another device's change) that arrived together with the echo.
 */
export function adoptStored<T extends object>(
  draft: T,
  stored: T,
  { writing, typed, echo }: { writing: string[]; typed: string[]; echo: boolean },
): T {
  const keep = echo ? [...writing, ...typed] : writing;
  return { ...stored, ...pick(draft, keep) };
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  return Object.keys(b).every((key) => Object.is(a[key as keyof T], b[key as keyof T]));
}

function pick<T extends object>(source: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.map((key) => [key, source[key as keyof T]])) as Partial<T>;
}
