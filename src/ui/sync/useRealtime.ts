import { useEffect } from 'react';
import { backoffDelay } from '../../sync/backoff.ts';
import { PROTOCOL_VERSION } from '../../protocol/version.ts';

/**
 * [flow 3] While signed in and online, the open page holds the server's event stream and
 * pulls on every poke (E1), so edits from other devices appear without a reload. The browser's
 * EventSource retries by itself after a dropped connection; when the server refuses the stream
 * (401, a restart), it closes, and this reconnects with backoff.
 */
export function useRealtime(enabled: boolean, onPoke: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | undefined;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    function connect() {
      source = new EventSource(`/api/sync/events?protocol=${PROTOCOL_VERSION}`);
      source.addEventListener('open', () => {
        attempt = 0;
        onPoke(); // catch up on whatever happened while the stream was down
      });
      source.addEventListener('poke', () => onPoke());
      source.addEventListener('error', () => {
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        attempt += 1;
        timer = setTimeout(connect, backoffDelay(attempt));
      });
    }

    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [enabled, onPoke]);
}
