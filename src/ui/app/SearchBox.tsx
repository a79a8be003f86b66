import { useState } from 'react';
import { navigate } from './router.ts';

/** The search field's id: the search shortcut focuses it (src/ui/shortcuts). */
export const SEARCH_INPUT_ID = 'search';

/** Searches as you type; the query lives in the URL so results survive a reload and go back. */
export function SearchBox({ query }: { query: string }) {
  const [text, setText] = useState(query);
  const [shownQuery, setShownQuery] = useState(query);
  if (shownQuery !== query) {
    setShownQuery(query);
    setText(query);
  }

  function search(value: string, replace: boolean) {
    setText(value);
    navigate(value ? `/search?q=${encodeURIComponent(value)}` : '/search', { replace });
  }

  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(event) => {
        event.preventDefault();
        search(text, false);
      }}
    >
      <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
        Search notes and contacts
      </label>
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        placeholder="Search notes and contacts"
        value={text}
        onChange={(event) => search(event.target.value, location.pathname === '/search')}
      />
    </form>
  );
}
