/** A visible and spoken marker on items whose changes are only on this device so far. */
export function UnsyncedMarker({ pending }: { pending: 0 | 1 }) {
  if (!pending) return null;
  return (
    <span className="unsynced" title="Changed on this device, not synced yet">
      <span aria-hidden="true">●</span>
      <span className="visually-hidden">Not synced yet</span>
    </span>
  );
}
