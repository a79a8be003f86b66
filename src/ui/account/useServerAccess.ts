import { useLiveQuery } from 'dexie-react-hooks';
import { readStatus } from '../../db/status.ts';
import { isSignedIn } from './useSyncStatus.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { useOnline } from '../pwa/useOnline.ts';

/**
 * Whether a screen can ask the server something right now. Settings [P3] and history [H1]
 * live only on the server, so without a network or a session there is nothing to show.
 * `loading`: the device database has not answered yet.
 */
export type ServerAccess = 'loading' | 'offline' | 'signed-out' | 'ready';

export function useServerAccess(): ServerAccess {
  const { db } = useOutpost();
  const online = useOnline();
  // Signed in as the account panel reads it. Only the two small rows are read, not the
  // outbox (as useSyncView does): this hook sits in every open editor.
  const signedIn = useLiveQuery(async () => {
    const account = await db.syncState.get('account');
    return isSignedIn(account?.key === 'account' ? account : undefined, await readStatus(db));
  }, [db]);
  if (signedIn === undefined) return 'loading';
  if (!signedIn) return 'signed-out';
  return online ? 'ready' : 'offline';
}
