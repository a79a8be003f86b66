import type { SyncDriver } from '../../sync/driver.ts';
import { AccountPanel } from '../account/AccountPanel.tsx';
import { ContactsScreen } from '../contacts/ContactsScreen.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { usePageTitle } from '../common/usePageTitle.ts';
import { NotesScreen } from '../notes/NotesScreen.tsx';
import type { ServiceWorkerControl } from '../pwa/serviceWorker.ts';
import { UpdatePrompt } from '../pwa/UpdatePrompt.tsx';
import { SearchScreen } from '../search/SearchScreen.tsx';
import { ConflictsLink } from '../conflicts/ConflictsLink.tsx';
import { lazyComponent } from '../common/lazyComponent.tsx';
import { linkProps, parseRoute, useRoute, type Route } from './router.ts';
import { SearchBox } from './SearchBox.tsx';
import { KeyboardShortcuts } from '../shortcuts/KeyboardShortcuts.tsx';

// Screens a visit rarely starts on: their code loads when they are first opened.
const SettingsScreen = lazyComponent(
  () => import('../settings/SettingsScreen.tsx').then((module) => module.SettingsScreen),
  'the settings',
);
const ConflictsScreen = lazyComponent(
  () => import('../conflicts/ConflictsScreen.tsx').then((module) => module.ConflictsScreen),
  'the conflicts',
);
// Opened straight on one of them (a reload, a link), its code is fetched alongside the rest
// instead of after the first render.
const LAZY_SCREENS: Partial<Record<Route['screen'], { preload: () => void }>> = {
  settings: SettingsScreen,
  conflicts: ConflictsScreen,
};
LAZY_SCREENS[parseRoute(location.pathname, location.search).screen]?.preload();

export function App({
  serviceWorker,
  sync,
}: {
  serviceWorker: ServiceWorkerControl | null;
  sync?: SyncDriver;
}) {
  const route = useRoute();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" {...linkProps('/notes')}>
          Outpost
        </a>
        <nav aria-label="Sections">
          <a {...linkProps('/notes')} aria-current={route.screen === 'notes' ? 'page' : undefined}>
            Notes
          </a>
          <a
            {...linkProps('/contacts')}
            aria-current={route.screen === 'contacts' ? 'page' : undefined}
          >
            Contacts
          </a>
          <a
            {...linkProps('/settings')}
            aria-current={route.screen === 'settings' ? 'page' : undefined}
          >
            Settings
          </a>
          <ConflictsLink current={route.screen === 'conflicts'} />
        </nav>
        <SearchBox query={route.screen === 'search' ? route.query : ''} />
        <AccountPanel sync={sync} />
      </header>
      <UpdatePrompt control={serviceWorker} />
      <KeyboardShortcuts />
      <main id="main" tabIndex={-1}>
        <Screen route={route} />
      </main>
    </>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'notes':
      return <NotesScreen selectedId={route.id} />;
    case 'contacts':
      return <ContactsScreen selectedId={route.id} />;
    case 'search':
      return <SearchScreen query={route.query} />;
    case 'settings':
      return <SettingsScreen />;
    case 'conflicts':
      return <ConflictsScreen />;
    case 'not-found':
      return <NotFound />;
  }
}

function NotFound() {
  usePageTitle('Page not found');
  return (
    <EmptyState title="There is no such page">
      <p>
        <a {...linkProps('/notes')}>Go to your notes</a>
      </p>
    </EmptyState>
  );
}
