import { useLiveQuery } from 'dexie-react-hooks';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { DeleteAccountSection } from './DeleteAccountSection.tsx';
import { PasswordSection } from './PasswordSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import { useServerAccess } from './useServerAccess.ts';

/**
 * [A6] The account's part of Settings, shown while signed in: its sessions, its password and
 * deleting it. Signed out there is no account to manage here.
 */
export function AccountSettings() {
  const { db } = useOutpost();
  const access = useServerAccess();
  const username = useLiveQuery(async () => {
    const row = await db.syncState.get('account');
    return row?.key === 'account' ? row.username : undefined;
  }, [db]);
  if (access === 'loading' || access === 'signed-out' || username === undefined) return null;
  return (
    <>
      <SessionsSection access={access} />
      <PasswordSection access={access} />
      <DeleteAccountSection access={access} username={username} />
    </>
  );
}
