import { useCallback } from 'react';
import { accountError, type AccountError } from '../../api/session.ts';
import { useDevice } from '../data/OutpostProvider.tsx';

/**
 * Why the server refused an account form: its code, and words for the person. A 401 means this session ended
 * elsewhere (signed out from another device, a password change): the account calls are not
 * the sync engine, so they ask it to sync, which finds the 401 and turns the whole app to
 * "Sign in again" (A3) rather than leave the form failing the same way on every try.
 */
export function useAccountFailure(): (caught: unknown) => Promise<AccountError> {
  const device = useDevice();
  return useCallback(
    async (caught: unknown) => {
      const error = await accountError(caught);
      if (error.code === 'unauthenticated') void device.view()?.sync.syncNow();
      return error;
    },
    [device],
  );
}
