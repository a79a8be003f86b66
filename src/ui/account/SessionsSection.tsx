import { useEffect, useId, useRef, useState } from 'react';
import { endOtherSession, listSessions, signOutOtherSessions } from '../../api/account.ts';
import type { SessionSummary } from '../../api/account.ts';
import { relativeTime } from '../common/relativeTime.ts';
import { useNow } from '../common/useNow.ts';
import { useAccountFailure } from './useAccountFailure.ts';
import type { ServerAccess } from './useServerAccess.ts';

/** How a session is called: the name its device gave itself, else its browser. */
export function sessionName(session: SessionSummary): string {
  return session.deviceName ?? session.browser ?? 'A device without a name';
}

/**
 * [A6] "Devices and sessions": every place the account is signed in, when each was last used,
 * and a way to sign any of them out, or all but this one. The list lives on the server, so it
 * is read when the server can be reached and read again after each change.
 */
export function SessionsSection({ access }: { access: ServerAccess }) {
  const id = useId();
  const now = useNow(60_000);
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<string | null>(null);
  const saidRef = useRef<HTMLParagraphElement>(null);
  const failure = useAccountFailure();

  useEffect(() => {
    if (access !== 'ready') return;
    let current = true;
    listSessions().then(
      // This device first, then the others as the server orders them (most recently used).
      (list) =>
        current && setSessions([...list].sort((a, b) => Number(b.current) - Number(a.current))),
      async (caught: unknown) => {
        const { message } = await failure(caught);
        if (current) setError(`Could not load your sessions: ${message}`);
      },
    );
    return () => {
      current = false;
    };
  }, [access, attempt, failure]);

  async function act(run: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      setSaid(await run());
      setAttempt((count) => count + 1); // read the list again: it changed
      // The button pressed is gone with its row: focus goes to what it did.
      saidRef.current?.focus();
    } catch (caught) {
      setError((await failure(caught)).message);
    } finally {
      setBusy(false);
    }
  }

  const others = sessions?.filter((session) => !session.current) ?? [];
  return (
    <section className="settings-section sessions-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Devices and sessions</h2>
      <p>Where your account is signed in. Sign out a device you no longer use or do not know.</p>
      {access === 'offline' && (
        <p>
          {sessions
            ? 'Offline: this is the list as last loaded. Signing out needs a connection.'
            : 'The list is on the server: connect to see it.'}
        </p>
      )}
      {access === 'ready' && sessions === null && !error && <p role="status">Loading…</p>}
      {sessions && (
        <ul className="session-list">
          {sessions.map((session) => (
            <li key={session.id}>
              <div>
                <strong>{sessionName(session)}</strong>
                {session.current && <span className="badge">This device</span>}
                <p className="hint">
                  {[
                    session.deviceName && session.browser,
                    `active ${relativeTime(session.lastSeenAt, now)}`,
                    `signed in ${relativeTime(session.createdAt, now)}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </div>
              {!session.current && (
                <button
                  type="button"
                  disabled={busy || access !== 'ready'}
                  aria-label={`Sign out ${sessionName(session)}`}
                  onClick={() =>
                    void act(async () => {
                      await endOtherSession(session.id);
                      return `Signed out ${sessionName(session)}.`;
                    })
                  }
                >
                  Sign out
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {others.length > 1 && (
        <button
          type="button"
          className="danger"
          disabled={busy || access !== 'ready'}
          onClick={() =>
            void act(async () => {
              const count = await signOutOtherSessions();
              return `Signed out ${count} other ${count === 1 ? 'session' : 'sessions'}.`;
            })
          }
        >
          Sign out all other devices
        </button>
      )}
      <p role="status" className="hint" ref={saidRef} tabIndex={-1}>
        {said}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}{' '}
          <button
            type="button"
            onClick={() => {
              setError(null);
              setAttempt((count) => count + 1);
            }}
          >
            Try again
          </button>
        </p>
      )}
    </section>
  );
}
