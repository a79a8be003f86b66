import { createContext, useContext, type ReactNode } from 'react';
import type { Outpost } from '../../db/outpost.ts';

const OutpostContext = createContext<Outpost | null>(null);

/** Hands the device's database and repositories to the components below. */
export function OutpostProvider({ outpost, children }: { outpost: Outpost; children: ReactNode }) {
  return <OutpostContext.Provider value={outpost}>{children}</OutpostContext.Provider>;
}

export function useOutpost(): Outpost {
  const outpost = useContext(OutpostContext);
  if (!outpost) throw new Error('useOutpost needs an <OutpostProvider> above it');
  return outpost;
}
