import { useId } from 'react';
import { useNotices } from '../common/Notices.tsx';
import { useOutpost } from '../data/OutpostProvider.tsx';
import type { Contact } from '../data/queries.ts';

/**
 * The "contacted" counter is a CRDT counter (R3): each tap queues a delta, never a new total,
 * so taps on two devices add up instead of overwriting each other.
 */
export function ContactedCounter({ contact }: { contact: Contact }) {
  const { contacts } = useOutpost();
  const notices = useNotices();
  const count = contact.timesContacted;
  const hintId = useId();

  function tap(delta: 1 | -1) {
    contacts
      .increment(contact.id, 'timesContacted', delta)
      .catch((caught: unknown) => notices.showError('Could not update the counter', caught));
  }

  return (
    <div className="counter" role="group" aria-label="Times contacted" aria-describedby={hintId}>
      <span aria-live="polite">
        Contacted {count} {count === 1 ? 'time' : 'times'}
      </span>
      <button
        type="button"
        aria-label="Contacted: subtract one"
        disabled={count <= 0}
        onClick={() => tap(-1)}
      >
        −1
      </button>
      <button type="button" aria-label="Contacted: add one" onClick={() => tap(1)}>
        +1
      </button>
      <span id={hintId} className="crdt-hint">
        Taps on all your devices add up.
      </span>
    </div>
  );
}
