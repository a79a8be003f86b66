import { useEffect, useState, type ComponentType } from 'react';

/**
 * A component whose code is fetched the first time it is shown, for screens and dialogs most
 * visits never open (settings, history, the conflict dialog): the first paint then waits only
 * for the code it shows. The service worker precaches every chunk, so this works offline once
 * the app is installed; before that, a chunk that cannot be fetched says so and offers to try
 * again instead of leaving a blank screen.
 *
 * Not React.lazy: its Suspense fallback would replace whatever encloses the nearest boundary
 * (an editor with unsaved typing), and a failed import stays failed until the page reloads.
 */
export function lazyComponent<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
  what: string,
): ComponentType<Props> & { preload: () => void } {
  let loaded: ComponentType<Props> | undefined;
  // One fetch for every caller (preload, and each mounted copy); a failed one is forgotten so
  // that "Try again" fetches anew.
  let loading: Promise<ComponentType<Props>> | undefined;
  const fetchOnce = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  function Lazy(props: Props) {
    const [Component, setComponent] = useState(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Component) return;
      let shown = true;
      fetchOnce().then(
        (component) => {
          loaded = component;
          // A function in state would be called as an updater: wrap it.
          if (shown) setComponent(() => component);
        },
        () => shown && setFailed(true),
      );
      return () => {
        shown = false;
      };
    }, [Component, attempt]);
    if (Component) return <Component {...props} />;
    if (!failed) {
      return (
        <p className="loading" role="status">
          Loading {what}…
        </p>
      );
    }
    return (
      <p className="field-error" role="alert">
        Could not load {what}: check the connection.{' '}
        <button
          type="button"
          onClick={() => {
            setFailed(false);
            setAttempt(attempt + 1);
          }}
        >
          Try again
        </button>
      </p>
    );
  }
  Lazy.displayName = `Lazy(${what})`;
  /** Starts fetching now, e.g. when the page opens on the screen that needs it. */
  Lazy.preload = () => void fetchOnce().catch(() => undefined);
  return Lazy;
}
