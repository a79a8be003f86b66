import { createContext, useContext, type ReactNode } from 'react';
import type { Outpost } from '../../db/outpost.ts';
import type { DeviceSession } from './device.ts';

const OutpostContext = createContext<Outpost | null>(null);
const DeviceContext = createContext<DeviceSession | null>(null);

/** Hands the database in use and its repositories to the components below. */
export function OutpostProvider({ outpost, children }: { outpost: Outpost; children: ReactNode }) {
  return <OutpostContext.Provider value={outpost}>{children}</OutpostContext.Provider>;
}

export function useOutpost(): Outpost {
  const outpost = useContext(OutpostContext);
  if (!outpost) throw new Error('useOutpost needs an <OutpostProvider> above it');
  return outpost;
}

/** Hands the device session (signing in and out, the move offer) to the components below. */
export function DeviceProvider({
  device,
  children,
}: {
  device: DeviceSession;
  children: ReactNode;
}) {
  return <DeviceContext.Provider value={device}>{children}</DeviceContext.Provider>;
}

export function useDevice(): DeviceSession {
  const device = useContext(DeviceContext);
  if (!device) throw new Error('useDevice needs a <DeviceProvider> above it');
  return device;
}
