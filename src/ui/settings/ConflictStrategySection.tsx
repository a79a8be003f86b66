import { useEffect, useId, useRef, useState } from 'react';
import { COLLECTIONS, type CollectionName } from '../../model/collections.ts';
import type { ConflictStrategy, Settings } from '../../protocol/sync.ts';
import { readSettings, saveSettings } from '../../api/settings.ts';
import { useServerAccess, type ServerAccess } from '../account/useServerAccess.ts';
import { recordNoun } from '../common/fieldText.ts';
import { describeErrorWithCode } from '../common/Notices.tsx';

const COLLECTION_TITLES: Record<CollectionName, string> = { notes: 'Notes', contacts: 'Contacts' };

const CHOICES: { value: ConflictStrategy; label: string; explain: (one: string) => string }[] = [
  {
    value: 'ask',
    label: 'Ask me',
    explain: () =>
      'When both devices changed the same field, nothing is overwritten: Outpost shows both versions and you choose.',
  },
  {
    value: 'latest-wins',
    label: 'Latest edit wins',
    explain: (one) =>
      `The later edit, by the devices’ clocks, is kept whole without asking (a text too); the earlier value stays in the ${one}’s history and can be restored from there, and the device it came from says so.`,
  },
];

const UNAVAILABLE: Partial<Record<ServerAccess, string>> = {
  offline:
    'This setting lives on the server, so it can be seen and changed only with a connection.',
  'signed-out': 'This setting lives on the server: sign in to see and change it.',
};

type SaveState = 'idle' | 'saving' | 'saved';

/**
 * [P3] The conflict strategy per collection. The server applies it when a push collides, so
 * it is read from and saved to the server (shared by all the person's devices), never kept on
 * the device. A change is saved at once; saves go out one after another, in order, so the last
 * choice is the one that stays.
 */
export function ConflictStrategySection() {
  const id = useId();
  const access = useServerAccess();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadAttempt, setLoadAttempt] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  // Saves go out one after another; `confirmed` is what the server last said it holds.
  const saves = useRef<Promise<void>>(Promise.resolve());
  const queued = useRef(0);
  const confirmed = useRef<Settings | null>(null);

  // Read again whenever the server becomes reachable: another device may have changed it.
  useEffect(() => {
    if (access !== 'ready') return;
    let current = true;
    readSettings().then(
      (read) => {
        if (!current) return;
        confirmed.current = read;
        setSettings(read);
      },
      (caught: unknown) =>
        current && setError(`Could not load the setting: ${describeErrorWithCode(caught)}`),
    );
    return () => {
      current = false;
    };
  }, [access, loadAttempt]);

  function choose(collection: CollectionName, strategy: ConflictStrategy) {
    if (!settings) return;
    const next = { conflictStrategy: { ...settings.conflictStrategy, [collection]: strategy } };
    setSettings(next);
    setSaveState('saving');
    setError(null);
    queued.current += 1;
    saves.current = saves.current.then(async () => {
      try {
        confirmed.current = await saveSettings(next);
        // Each save sends the whole setting, so one that succeeds settles any earlier failure.
        setError(null);
        setSaveState(queued.current === 1 ? 'saved' : 'saving');
      } catch (caught) {
        setSaveState('idle');
        setError(`Could not save the setting: ${describeErrorWithCode(caught)}`);
      } finally {
        queued.current -= 1;
        // The last save decides what is shown: the server's value, never a failed choice.
        if (queued.current === 0 && confirmed.current) setSettings(confirmed.current);
      }
    });
  }

  function retryLoad() {
    setError(null);
    setLoadAttempt((attempt) => attempt + 1);
  }

  const unavailable = UNAVAILABLE[access];
  const disabled = access !== 'ready' || settings === null;
  return (
    <section className="settings-section strategy-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>When two devices edit the same thing</h2>
      <p>
        Edits to different fields always combine, and so do tags and the contacted counter. This
        decides what happens when two devices changed the same field before they synced: asked,
        edits to different lines of a longer text still combine. It applies to all your devices.
      </p>
      {unavailable && <p className="strategy-unavailable">{unavailable}</p>}
      {COLLECTIONS.map((collection) => (
        <fieldset key={collection} className="strategy-choices" disabled={disabled}>
          <legend>{COLLECTION_TITLES[collection]}</legend>
          {CHOICES.map(({ value, label, explain }) => {
            const inputId = `${id}-${collection}-${value}`;
            return (
              <div key={value} className="strategy-choice">
                <input
                  id={inputId}
                  type="radio"
                  name={`${id}-${collection}`}
                  value={value}
                  checked={settings?.conflictStrategy[collection] === value}
                  aria-describedby={`${inputId}-explain`}
                  onChange={() => choose(collection, value)}
                />
                <label htmlFor={inputId}>{label}</label>
                <p id={`${inputId}-explain`} className="strategy-explain">
                  {explain(recordNoun(collection))}
                </p>
              </div>
            );
          })}
        </fieldset>
      ))}
      <p className="strategy-status" role="status">
        {statusText(access, settings, saveState, error)}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}{' '}
          {settings === null && access === 'ready' && (
            <button type="button" onClick={retryLoad}>
              Try again
            </button>
          )}
        </p>
      )}
    </section>
  );
}

function statusText(
  access: ServerAccess,
  settings: Settings | null,
  saveState: SaveState,
  error: string | null,
): string {
  if (access !== 'ready' || error) return '';
  if (settings === null) return 'Loading the setting…';
  if (saveState === 'saving') return 'Saving…';
  return saveState === 'saved' ? 'Saved' : '';
}
