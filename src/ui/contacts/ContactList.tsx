import { linkProps } from '../app/router.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { useNow } from '../common/useNow.ts';
import { ChangedAt } from '../common/ChangedAt.tsx';
import { StarIcon } from '../common/icons.tsx';
import { RecordMarker, useConflictedKeys } from '../conflicts/ConflictMarker.tsx';
import { arraySource, VirtualList } from '../common/VirtualList.tsx';
import type { Contact } from '../data/queries.ts';

const ROW_HEIGHT = 64;

/** The contact's row in the list, once it is on screen (to move focus there). */
export function contactLink(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.list-pane a[href="/contacts/${id}"]`);
}

export function ContactList({
  contacts,
  selectedId,
}: {
  contacts: Contact[];
  selectedId?: string;
}) {
  const conflicted = useConflictedKeys();
  const now = useNow(30_000);
  if (contacts.length === 0) {
    return (
      <EmptyState title="No contacts yet">
        <p>Add people you keep in touch with; they stay on this device and work offline.</p>
      </EmptyState>
    );
  }
  return (
    <VirtualList
      source={arraySource(contacts)}
      label={`Contacts (${contacts.length})`}
      itemHeight={ROW_HEIGHT}
      itemKey={(contact) => contact.id}
      renderItem={(contact) => (
        <a
          className="list-item"
          {...linkProps(`/contacts/${contact.id}`)}
          aria-current={contact.id === selectedId ? 'page' : undefined}
        >
          <span className="list-item-title">
            {contact.favorite && (
              <span className="favorite" title="Favorite">
                <StarIcon />
                <span className="visually-hidden">Favorite:</span>
              </span>
            )}
            {contact.name.trim() || 'Unnamed contact'}
            <RecordMarker
              pending={contact.pending}
              conflicted={conflicted.has(`contacts:${contact.id}`)}
            />
          </span>
          <span className="list-item-detail">
            <ChangedAt time={contact.updatedAt} now={now} /> ·{' '}
            {[contact.company, contact.email, contact.phone].filter(Boolean).join(' · ') ||
              'No details'}
          </span>
        </a>
      )}
    />
  );
}
