import { useEffect, useState } from 'react';

/** The time, updated every `everyMs`: for texts that age ("5 min ago", "next try in 20 s"). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
