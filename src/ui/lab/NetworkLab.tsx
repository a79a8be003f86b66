import { useEffect, useId, useState, type FormEvent } from 'react';
import { FieldError } from '../common/FieldError.tsx';
import {
  changeFaults,
  clearFaults,
  describeFaults,
  FaultsError,
  readFaults,
  type Faults,
} from './faultsApi.ts';

const TOKEN_KEY = 'outpost-faults-token';

const FAIL_STATUSES = [
  { status: 429, label: '429 Too many requests' },
  { status: 500, label: '500 Internal error' },
  { status: 503, label: '503 Unavailable' },
];

/**
 * The network lab: makes the server slow, failing or unreachable [F1], so a person can watch the
 * sync engine cope. It exists only when the server runs with OUTPOST_FAULTS=1; otherwise the
 * first read gets a 404 (or no answer) and the lab renders nothing.
 */
export function NetworkLab() {
  const id = useId();
  const [faults, setFaults] = useState<Faults | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Kept for this tab's life, so a reload mid-experiment does not ask for it again.
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');

  useEffect(() => {
    let current = true;
    void readFaults().then((read) => current && setFaults(read));
    return () => {
      current = false;
    };
  }, []);

  if (!faults) return null;

  // Every change answers with the server's faults, so what the lab shows is what the server does.
  async function apply(request: () => Promise<Faults>) {
    try {
      setFaults(await request());
      setError(null);
    } catch (caught) {
      const reason =
        caught instanceof FaultsError ? `${caught.message} (${caught.code})` : String(caught);
      setError(`Could not change the faults: ${reason}`);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>, changes: (form: FormData) => Faults) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void apply(() => changeFaults(changes(form), token));
  }

  // Counts go down as the server uses them up: "Refresh" re-reads them without changing anything.
  async function refresh() {
    const read = await readFaults();
    if (read) {
      setFaults(read);
      setError(null);
    } else setError('Could not read the faults: the server did not answer (network).');
  }

  return (
    <section className="settings-section network-lab" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Network lab</h2>
      <p>
        Make the server slow, failing or unreachable and watch the sync status cope. Faults apply to
        every device and account on this server.
      </p>
      <div className="lab-token">
        <label htmlFor={`${id}-token`}>Faults token</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          value={token}
          aria-describedby={`${id}-token-hint`}
          onChange={(event) => {
            setToken(event.target.value);
            sessionStorage.setItem(TOKEN_KEY, event.target.value);
          }}
        />
        <p id={`${id}-token-hint`} className="hint">
          The server prints it when it starts (or set OUTPOST_FAULTS_TOKEN): only whoever runs the
          server can arm faults.
        </p>
      </div>

      <form onSubmit={(event) => submit(event, (form) => ({ latencyMs: numberOf(form, 'ms') }))}>
        <fieldset>
          <legend>Slow answers</legend>
          <label htmlFor={`${id}-ms`}>Latency (ms)</label>
          <input
            id={`${id}-ms`}
            name="ms"
            type="number"
            min={0}
            max={60_000}
            step={100}
            required
            defaultValue={faults.latencyMs ?? 0}
          />
          <button type="submit">Apply latency</button>
        </fieldset>
      </form>

      <form
        onSubmit={(event) =>
          submit(event, (form) => ({
            failNext: { count: numberOf(form, 'count'), status: numberOf(form, 'status') },
          }))
        }
      >
        <fieldset>
          <legend>Fail the next N requests with status S</legend>
          <CountField id={`${id}-fail-count`} label="Requests to fail (N)" defaultValue={3} />
          <label htmlFor={`${id}-fail-status`}>Status (S)</label>
          <select id={`${id}-fail-status`} name="status" defaultValue={503}>
            {FAIL_STATUSES.map(({ status, label }) => (
              <option key={status} value={status}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit">Apply failures</button>
        </fieldset>
      </form>

      <form
        onSubmit={(event) =>
          submit(event, (form) => ({ dropAfterCommit: numberOf(form, 'count') }))
        }
      >
        <fieldset>
          <legend>Drop the answer of the next N pushes after they commit</legend>
          <CountField id={`${id}-drop-count`} label="Pushes to drop (N)" defaultValue={1} />
          <button type="submit">Apply drops</button>
        </fieldset>
      </form>

      <p className="checkbox">
        <input
          id={`${id}-offline`}
          type="checkbox"
          role="switch"
          checked={faults.offline === true}
          onChange={(event) =>
            void apply(() => changeFaults({ offline: event.target.checked }, token))
          }
        />
        <label htmlFor={`${id}-offline`}>Offline (server drops every connection)</label>
      </p>

      <p className="network-lab-now">
        <span role="status">Faults on the server: {describeFaults(faults)}.</span>
        <button type="button" onClick={() => void refresh()}>
          Refresh
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => void apply(() => clearFaults(token))}
        >
          Clear all faults
        </button>
      </p>
      <FieldError message={error} />
    </section>
  );
}

function numberOf(form: FormData, name: string): number {
  return Number(form.get(name));
}

/** How many requests a fault applies to: F1 accepts 0–1000. */
function CountField({
  id,
  label,
  defaultValue,
}: {
  id: string;
  label: string;
  defaultValue: number;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name="count"
        type="number"
        min={0}
        max={1000}
        required
        defaultValue={defaultValue}
      />
    </>
  );
}
