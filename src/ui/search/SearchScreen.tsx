import { useMemo } from 'react';
import { EmptyState } from '../common/EmptyState.tsx';
import { arraySource } from '../common/VirtualList.tsx';
import { usePageTitle } from '../common/usePageTitle.ts';
import { useContacts, useNotes } from '../data/queries.ts';
import { contactRows } from '../data/ordering.ts';
import { ContactList } from '../contacts/ContactList.tsx';
import { NoteList } from '../notes/NoteList.tsx';
import { contactTexts, matching, normalize, noteTexts, searchable } from './matching.ts';

/** Search across notes and contacts, in the same order the lists use (pinned, favorites first). */
export function SearchScreen({ query }: { query: string }) {
  const notes = useNotes();
  const contacts = useContacts();
  const needle = normalize(query.trim());
  usePageTitle(query.trim() ? `Search: ${query.trim()}` : 'Search');
  // Normalized when the records change, not on every keystroke (matching.ts).
  const noteIndex = useMemo(() => notes && searchable(notes, noteTexts), [notes]);
  const contactIndex = useMemo(() => contacts && searchable(contacts, contactTexts), [contacts]);
  const noteHits = useMemo(() => noteIndex && matching(noteIndex, needle), [noteIndex, needle]);
  const contactHits = useMemo(
    () => contactIndex && matching(contactIndex, needle),
    [contactIndex, needle],
  );

  if (!needle) {
    return (
      <EmptyState title="Search notes and contacts">
        <p>Type in the search box above.</p>
      </EmptyState>
    );
  }
  if (!noteHits || !contactHits) return <p className="loading">Searching…</p>;
  const total = noteHits.length + contactHits.length;

  return (
    <div className="search-results">
      <h1>Results for “{query.trim()}”</h1>
      <p role="status">
        {total === 0 ? 'Nothing matches.' : `${total} ${total === 1 ? 'match' : 'matches'}`}
      </p>
      {noteHits.length > 0 && (
        <section aria-labelledby="note-results" className="result-group">
          <h2 id="note-results">Notes ({noteHits.length})</h2>
          <NoteList notes={arraySource(noteHits)} />
        </section>
      )}
      {contactHits.length > 0 && (
        <section aria-labelledby="contact-results" className="result-group">
          <h2 id="contact-results">Contacts ({contactHits.length})</h2>
          <ContactList rows={contactRows(contactHits, 'name')} count={contactHits.length} />
        </section>
      )}
    </div>
  );
}
