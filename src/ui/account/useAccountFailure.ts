import { useCallback } from 'react';
import { accountError } from '../../api/session.ts';
import { useDevice } from '../data/OutpostProvider.tsx';

/**
 * What an account form says when the server refused it. A 401 means this session ended
 * elsewhere (signed out from another device, a password change): the account calls are not
 * the sync engine, so they ask it to sync, which finds the 401 and turns the whole app to
 * "Sign in again" (A3) rather than leave the form failing the same way on every try.
 */
export function useAccountFailure(): (caught: unknown) => Promise<string> {
  const device = useDevice();
  return useCallback(
    async (caught: unknown) => {
      const error = await accountError(caught);
      if (error.code === 'unauthenticated') void device.view()?.sync.syncNow();
      return error.message;
    },
    [device],
  );
}
