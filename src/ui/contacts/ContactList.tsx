import { linkProps } from '../app/router.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { useNow } from '../common/useNow.ts';
import { ChangedAt } from '../common/ChangedAt.tsx';
import { StarIcon } from '../common/icons.tsx';
import { RecordMarker, useConflictedKeys } from '../conflicts/ConflictMarker.tsx';
import { arraySource, VirtualList } from '../common/VirtualList.tsx';
import type { Contact } from '../data/queries.ts';
import type { ContactRow } from '../data/ordering.ts';

const ROW_HEIGHT = 64;

/** The contact's row in the list, once it is on screen (to move focus there). */
export function contactLink(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.list-pane a[href="/contacts/${id}"]`);
}

export function ContactList({
  rows,
  count,
  selectedId,
}: {
  /** Contacts in the chosen order, with a heading row before each company in "Company" order. */
  rows: ContactRow[];
  count: number;
  selectedId?: string;
}) {
  const conflicted = useConflictedKeys();
  const now = useNow(30_000);
  // Under a company's heading, each row saying the company again would only be noise.
  const grouped = rows.some((row) => row.kind === 'company');
  if (count === 0) {
    return (
      <EmptyState title="No contacts yet">
        <p>Add people you keep in touch with; they stay on this device and work offline.</p>
      </EmptyState>
    );
  }
  return (
    <VirtualList
      source={arraySource(rows)}
      label={`Contacts (${count})`}
      itemHeight={ROW_HEIGHT}
      itemKey={(row) => (row.kind === 'contact' ? row.contact.id : `company:${row.company}`)}
      focusable={(row) => row.kind === 'contact'}
      renderItem={(row) =>
        row.kind === 'company' ? (
          <h2 className="list-group">
            {row.company || 'No company'}{' '}
            <span className="list-group-count">
              ({row.count} {row.count === 1 ? 'contact' : 'contacts'})
            </span>
          </h2>
        ) : (
          <ContactRowLink
            contact={row.contact}
            selected={row.contact.id === selectedId}
            conflicted={conflicted.has(`contacts:${row.contact.id}`)}
            now={now}
            showCompany={!grouped}
          />
        )
      }
    />
  );
}

function ContactRowLink({
  contact,
  selected,
  conflicted,
  now,
  showCompany,
}: {
  contact: Contact;
  selected: boolean;
  conflicted: boolean;
  now: number;
  showCompany: boolean;
}) {
  return (
    <a
      className="list-item"
      {...linkProps(`/contacts/${contact.id}`)}
      aria-current={selected ? 'page' : undefined}
    >
      <span className="list-item-title">
        {contact.favorite && (
          <span className="favorite" title="Favorite">
            <StarIcon />
            <span className="visually-hidden">Favorite:</span>
          </span>
        )}
        {contact.name.trim() || 'Unnamed contact'}
        <RecordMarker pending={contact.pending} conflicted={conflicted} />
      </span>
      <span className="list-item-detail">
        <ChangedAt time={contact.updatedAt} now={now} /> ·{' '}
        {[showCompany ? contact.company : '', contact.email, contact.phone]
          .filter(Boolean)
          .join(' · ') || 'No details'}
      </span>
    </a>
  );
}
