import { useEffect, useRef } from 'react';

/**
 * Runs `leave` once when the component goes away for good, and hands what it started to
 * `track` (the database waits for it before it closes: see Outpost.lastWrites). React's
 * development StrictMode unmounts and mounts every component once more right away; deferring
 * to the next task lets that second mount cancel the call, so it only runs on a real leave.
 * The work is tracked at once, before the deferral, so nothing can close the database between.
 */
export function useOnLeave(
  leave: () => Promise<unknown>,
  track: (work: Promise<unknown>) => void,
): void {
  const latest = useRef({ leave, track });
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; cancel: () => void }>(undefined);
  useEffect(() => {
    latest.current = { leave, track };
  }, [leave, track]);
  useEffect(() => {
    if (pending.current) {
      clearTimeout(pending.current.timer);
      pending.current.cancel();
    }
    return () => {
      const { leave: run, track: tracked } = latest.current;
      tracked(
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve(run()), 0);
          pending.current = { timer, cancel: () => resolve(undefined) };
        }),
      );
    };
  }, []);
}
