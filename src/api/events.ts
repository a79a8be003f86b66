import { loadSchemas } from './answers.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import { backoffDelay } from './backoff.ts';

/**
 * [E1] The server's event stream: `onPoke` runs after every commit that changed the user's
 * records, with the user's change counter after it, and once the stream opens (with none: catch
 * up on whatever happened while the stream was down). The
 * browser's EventSource retries by itself after a dropped connection; when the server refuses
 * the stream (401, a restart), it closes, and this reconnects with backoff. Returns `close`.
 */
export function openEventStream(onPoke: (cursor?: number) => void): () => void {
  let source: EventSource | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  function connect() {
    // [T2] EventSource sends no headers: the version goes in the URL.
    source = new EventSource(`/api/sync/events?protocol=${PROTOCOL_VERSION}`);
    source.addEventListener('open', () => {
      attempt = 0;
      onPoke();
    });
    // A poke is a hint to pull: one whose data is not the schema's still asks for a pull.
    source.addEventListener('poke', (event: MessageEvent<string>) => {
      void pokedCursor(event.data).then(onPoke);
    });
    source.addEventListener('error', () => {
      if (source?.readyState !== EventSource.CLOSED || closed) return;
      attempt += 1;
      timer = setTimeout(connect, backoffDelay(attempt));
    });
  }

  connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
}

/** The cursor a poke carries; undefined when its data is not the schema's (or unreadable). */
async function pokedCursor(data: string): Promise<number | undefined> {
  const schemas = await loadSchemas().catch(() => undefined);
  const poke = schemas?.PokeSchema.safeParse(parseJson(data));
  return poke?.success ? poke.data.cursor : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
