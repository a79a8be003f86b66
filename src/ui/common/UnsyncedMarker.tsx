import { useSignedIn } from '../data/useSignedIn.ts';

/**
 * A visible and spoken marker on items whose changes are only on this device so far. Signed
 * out there is nothing to sync to: every item would carry it, so none does (DeviceOnlyNote
 * says it once instead).
 */
export function UnsyncedMarker({ pending }: { pending: 0 | 1 }) {
  const signedIn = useSignedIn();
  if (!pending || !signedIn) return null;
  return (
    <span className="unsynced" title="Changed on this device, not synced yet">
      <span aria-hidden="true">●</span>
      <span className="visually-hidden">Not synced yet</span>
    </span>
  );
}

/** Signed out, one quiet line under a list says where its items live. */
export function DeviceOnlyNote({ what }: { what: string }) {
  const signedIn = useSignedIn();
  if (signedIn) return null;
  return <p className="device-only">{what} are kept on this device only. Sign in to sync them.</p>;
}
