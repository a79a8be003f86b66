import { useSyncExternalStore } from 'react';

/**
 * A tiny History-API router: the app has a handful of screens, and deep links must work offline, which
 * the service worker's NavigationRoute makes true for every path. Location is external state,
 * so components read it through useSyncExternalStore rather than copying it into React state.
 */
export type Route =
  | { screen: 'notes'; id?: string }
  | { screen: 'contacts'; id?: string }
  | { screen: 'search'; query: string }
  | { screen: 'settings' }
  | { screen: 'conflicts' }
  | { screen: 'not-found'; path: string };

const NAVIGATE_EVENT = 'outpost:navigate';

export function parseRoute(pathname: string, search: string): Route {
  const [, screen = '', id, extra] = pathname.split('/');
  if (extra === undefined && (screen === '' || screen === 'notes')) {
    return id ? { screen: 'notes', id: decodeURIComponent(id) } : { screen: 'notes' };
  }
  if (screen === 'contacts' && extra === undefined) {
    return id ? { screen: 'contacts', id: decodeURIComponent(id) } : { screen: 'contacts' };
  }
  if (screen === 'settings' && id === undefined) return { screen: 'settings' };
  if (screen === 'conflicts' && id === undefined) return { screen: 'conflicts' };
  if (screen === 'search' && id === undefined) {
    return { screen: 'search', query: new URLSearchParams(search).get('q') ?? '' };
  }
  return { screen: 'not-found', path: pathname };
}

/** Kept in each history entry the app pushes: the page it was opened from. */
interface EntryState {
  from: string;
}

export function navigate(path: string, { replace = false } = {}): void {
  const here = location.pathname + location.search;
  if (path === here) return;
  if (replace) history.replaceState(history.state, '', path);
  else history.pushState({ from: here } satisfies EntryState, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/**
 * A "Back" control that goes to `path`: the browser's own back when this entry was opened
 * from there (so back and forward stay in step with it), otherwise — a deep link, a shared
 * URL — the list replaces this entry instead of leaving the app.
 */
export function goBackTo(path: string): void {
  const state = history.state as Partial<EntryState> | null;
  if (state?.from === path) history.back();
  else navigate(path, { replace: true });
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentLocation = () => location.pathname + location.search;

export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, currentLocation);
  const url = new URL(href, location.origin);
  return parseRoute(url.pathname, url.search);
}

/**
 * Props for an <a> that navigates in-app but stays a real link (middle-click, copy link).
 * `go` is how it navigates: by default a new history entry; a back control passes goBackTo.
 */
export function linkProps(path: string, go: (path: string) => void = navigate) {
  return {
    href: path,
    onClick(event: React.MouseEvent<HTMLAnchorElement>) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      go(path);
    },
  };
}
