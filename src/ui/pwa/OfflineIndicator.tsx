import { useOnline } from './useOnline.ts';

/** Tells the person they are offline, and that this is fine: everything keeps working. */
export function OfflineIndicator() {
  const online = useOnline();
  return (
    <p className={`connection ${online ? 'online' : 'offline'}`} role="status">
      {online ? 'Online' : 'Offline — changes are saved on this device'}
    </p>
  );
}
