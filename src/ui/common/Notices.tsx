import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

/**
 * One place for short-lived messages: "Note deleted — Undo", and errors a write ran into (a
 * full disk, say). A polite live region reads them out; an error stays until dismissed.
 */
export interface Notice {
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
  /**
   * What the notice is about, e.g. a record's key (`notes:<id>`): when that changes again (the
   * record has a new conflict, its conflict dialog opens), `withdraw` takes the notice away
   * rather than leave "Conflict resolved" or an Undo standing beside what contradicts it.
   */
  topic?: string;
}

interface NoticesApi {
  show: (notice: Notice) => void;
  showError: (context: string, error: unknown) => void;
  /** Takes the notice shown away if it is about `topic`. */
  withdraw: (topic: string) => void;
}

const NoticesContext = createContext<NoticesApi | null>(null);
const INFO_LIFETIME_MS = 8_000;

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    if (notice?.tone !== 'info') return;
    const timer = setTimeout(() => setNotice(null), INFO_LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const show = useCallback((next: Notice) => setNotice(next), []);
  const showError = useCallback((context: string, error: unknown) => {
    setNotice({ tone: 'error', message: `${context}: ${describeError(error)}` });
  }, []);
  const withdraw = useCallback(
    (topic: string) => setNotice((shown) => (shown?.topic === topic ? null : shown)),
    [],
  );
  const api = useMemo(() => ({ show, showError, withdraw }), [show, showError, withdraw]);

  return (
    <NoticesContext.Provider value={api}>
      {children}
      <div className="notice-region" role="status" aria-live="polite">
        {notice && (
          <div className={`notice notice-${notice.tone}`}>
            <span>{notice.message}</span>
            {notice.action && (
              <button
                type="button"
                onClick={() => {
                  notice.action?.run();
                  setNotice(null);
                }}
              >
                {notice.action.label}
              </button>
            )}
            <button type="button" aria-label="Dismiss message" onClick={() => setNotice(null)}>
              ×
            </button>
          </div>
        )}
      </div>
    </NoticesContext.Provider>
  );
}

export function useNotices(): NoticesApi {
  const api = useContext(NoticesContext);
  if (!api) throw new Error('useNotices needs a <NoticesProvider> above it');
  return api;
}

/** Turns what a write threw into words a person can act on. */
export function describeError(error: unknown): string {
  if (isQuotaExceeded(error)) {
    return 'this device is out of storage space. Nothing already saved was lost; free some space and try again.';
  }
  return error instanceof Error ? error.message : String(error);
}

/** An error in words with its code, where it has one (T3, SyncError, RecordNotFoundError). */
export function describeErrorWithCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? `${describeError(error)} (${code})` : describeError(error);
}

/**
 * A full disk surfaces in more than one shape: IndexedDB's own QuotaExceededError, or (when
 * the commit fails) Dexie's AbortError whose message or `inner` error names it.
 */
function isQuotaExceeded(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; depth++) {
    if (/QuotaExceeded/.test(cause.name) || /QuotaExceeded/.test(cause.message)) return true;
    cause = (cause as Error & { inner?: unknown }).inner ?? cause.cause;
  }
  return false;
}
