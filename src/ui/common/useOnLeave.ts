import { useEffect, useRef } from 'react';

/**
 * Runs `leave` once when the component goes away for good. React's development StrictMode
 * unmounts and mounts every component once more right away; deferring to the next task lets
 * that second mount cancel the call, so it only runs on a real leave.
 */
export function useOnLeave(leave: () => void): void {
  const latest = useRef(leave);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    latest.current = leave;
  }, [leave]);
  useEffect(() => {
    clearTimeout(pending.current);
    return () => {
      pending.current = setTimeout(() => latest.current(), 0);
    };
  }, []);
}
