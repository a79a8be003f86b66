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

export function navigate(path: string, { replace = false } = {}): void {
  if (path === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
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

/** Props for an <a> that navigates in-app but stays a real link (middle-click, copy link). */
export function linkProps(path: string) {
  return {
    href: path,
    onClick(event: React.MouseEvent<HTMLAnchorElement>) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      navigate(path);
    },
  };
}
