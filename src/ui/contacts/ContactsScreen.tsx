import { useEffect, useMemo, useRef, useState } from 'react';
import { navigate } from '../app/router.ts';
import { BackToList } from '../common/BackToList.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { focusNextRow } from '../common/focus.ts';
import { usePageTitle } from '../common/usePageTitle.ts';
import { DeviceOnlyNote } from '../common/UnsyncedMarker.tsx';
import { useContacts, useRecordAndDraft, type Contact } from '../data/queries.ts';
import { ContactForm } from './ContactForm.tsx';
import { ContactList, contactLink } from './ContactList.tsx';
import { useListOrder } from '../common/listOrder.ts';
import { SortBy } from '../common/SortBy.tsx';
import { CONTACT_ORDERS, contactRows, orderContacts } from '../data/ordering.ts';

/** `/contacts/new` starts a new contact (a link to it stays valid); `/contacts/<id>` edits one. */
export const NEW_CONTACT = 'new';

export function ContactsScreen({ selectedId }: { selectedId?: string }) {
  const contacts = useContacts();
  const [order, setOrder] = useListOrder('contacts', CONTACT_ORDERS);
  // In the order shown: focus after a delete goes to the row below it on screen.
  const ordered = useMemo(() => contacts && orderContacts(contacts, order), [contacts, order]);
  const starting = selectedId === NEW_CONTACT;
  const id = starting ? undefined : selectedId;
  const loaded = useRecordAndDraft('contacts', id);
  // The contact "New contact" started: stored from its first valid keystroke (see ContactForm).
  const [freshId, setFreshId] = useState<string>();
  const newContactButton = useRef<HTMLButtonElement>(null);

  function startContact(options?: { replace: boolean }) {
    const fresh = crypto.randomUUID();
    setFreshId(fresh);
    navigate(`/contacts/${fresh}`, options);
  }
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a link to /contacts/new becomes a fresh contact's own URL, once
    if (starting) startContact({ replace: true });
  }, [starting]);

  function afterDelete(deleted: Contact) {
    navigate('/contacts');
    focusNextRow(ordered, deleted.id, contactLink, () => newContactButton.current);
  }

  // useLiveQuery keeps the previous answer until the new query answers: never show it.
  const answer = loaded?.id === id ? loaded : undefined;
  const current = answer?.record ?? undefined;
  const currentDraft = answer?.draft ?? undefined;
  const fresh = id !== undefined && id === freshId;
  const loading = id !== undefined && answer === undefined;
  const shown = current ? current.deletedAt === null : Boolean(currentDraft) || fresh;
  const name = shown ? String(currentDraft?.fields['name'] ?? current?.name ?? '').trim() : '';
  usePageTitle(shown ? name || 'New contact' : 'Contacts');

  return (
    // On a phone only one of the panes shows: the list, or the record the URL names.
    <div className="split" data-view={selectedId === undefined ? 'list' : 'record'}>
      <section className="list-pane" aria-labelledby="contacts-heading">
        <div className="pane-header">
          <h1 id="contacts-heading">Contacts</h1>
          <button
            ref={newContactButton}
            type="button"
            className="primary"
            onClick={() => startContact()}
          >
            New contact
          </button>
        </div>
        <SortBy orders={CONTACT_ORDERS} order={order} onChange={setOrder} rows={contacts?.length} />
        {ordered === undefined ? (
          <p className="loading">Loading contacts…</p>
        ) : (
          <ContactList
            rows={contactRows(ordered, order)}
            count={ordered.length}
            selectedId={selectedId}
          />
        )}
        {contacts && contacts.length > 0 && <DeviceOnlyNote what="These contacts" />}
      </section>
      <section className="detail-pane" aria-label="Selected contact">
        <BackToList path="/contacts" listName="Contacts" />
        {id === undefined ? (
          <EmptyState title="No contact selected">
            <p>Pick someone from the list, or add a new contact.</p>
          </EmptyState>
        ) : shown ? (
          <ContactForm
            key={id}
            id={id}
            contact={current}
            draft={currentDraft}
            fresh={fresh}
            onDeleted={afterDelete}
          />
        ) : loading ? (
          <p className="loading">Loading…</p>
        ) : (
          <EmptyState title="This contact isn’t here">
            <p>It may have been deleted. Choose another contact from the list.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
