import { useState } from 'react';
import { navigate } from './router.ts';

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
      <label htmlFor="search" className="visually-hidden">
        Search notes and contacts
      </label>
      <input
        id="search"
        type="search"
        placeholder="Search notes and contacts"
        value={text}
        onChange={(event) => search(event.target.value, location.pathname === '/search')}
      />
    </form>
  );
}
