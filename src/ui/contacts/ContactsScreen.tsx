import { EmptyState } from '../common/EmptyState.tsx';
import { linkProps } from '../app/router.ts';
import { useContacts, useRecord } from '../data/queries.ts';
import { ContactForm } from './ContactForm.tsx';
import { ContactList } from './ContactList.tsx';

/** `/contacts/new` opens the form for a new contact; `/contacts/<id>` edits one. */
export const NEW_CONTACT = 'new';

export function ContactsScreen({ selectedId }: { selectedId?: string }) {
  const contacts = useContacts();
  const creating = selectedId === NEW_CONTACT;
  const selected = useRecord('contacts', creating ? undefined : selectedId);

  return (
    <div className="split">
      <section className="list-pane" aria-labelledby="contacts-heading">
        <div className="pane-header">
          <h1 id="contacts-heading">Contacts</h1>
          <a className="button primary" {...linkProps(`/contacts/${NEW_CONTACT}`)}>
            New contact
          </a>
        </div>
        {contacts === undefined ? (
          <p className="loading">Loading contacts…</p>
        ) : (
          <ContactList contacts={contacts} selectedId={selectedId} />
        )}
      </section>
      <section className="detail-pane" aria-label="Selected contact">
        {creating ? (
          <ContactForm key="new" />
        ) : selectedId === undefined ? (
          <EmptyState title="No contact selected">
            <p>Pick someone from the list, or add a new contact.</p>
          </EmptyState>
        ) : selected === undefined || (selected !== null && selected.id !== selectedId) ? (
          // useLiveQuery keeps the previous record until the new query answers: never show it.

          <p className="loading">Loading…</p>
        ) : selected === null || selected.deletedAt !== null ? (
          <EmptyState title="This contact isn’t here">
            <p>It may have been deleted. Choose another contact from the list.</p>
          </EmptyState>
        ) : (
          <ContactForm key={selected.id} contact={selected} />
        )}
      </section>
    </div>
  );
}
