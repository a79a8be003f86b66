import { useSyncExternalStore } from 'react';
import { useDevice } from './OutpostProvider.tsx';

/**
 * Whether the data on screen belongs to an account (signed in, or signed in before with a
 * session that has ended: its changes still wait to sync). Signed out, data lives on this
 * device only, and nothing is "not synced yet".
 */
export function useSignedIn(): boolean {
  const device = useDevice();
  return useSyncExternalStore(device.subscribe, () => device.view()?.account !== undefined);
}
