import { useEffect } from 'react';
import { openEventStream } from '../../api/events.ts';

/**
 * [flow 3] While signed in and online, the open page holds the server's event stream and
 * pulls on every poke (E1), so edits from other devices appear without a reload.
 */
export function useRealtime(enabled: boolean, onPoke: (cursor?: number) => void): void {
  useEffect(() => (enabled ? openEventStream(onPoke) : undefined), [enabled, onPoke]);
}
