import { COLLECTIONS } from '../protocol/records.ts';
import { STRATEGIES, type ConflictStrategy, type Settings } from '../protocol/sync.ts';
import { SyncError } from './errors.ts';
import { jsonRequest, syncRequest, type HttpTransportOptions } from './transport.ts';

/**
 * [P3] The user's conflict strategy per collection. It lives on the server, because the
 * server applies it when a push collides, so every device of the user shares one setting.
 */
export async function readSettings(options?: HttpTransportOptions): Promise<Settings> {
  return checked(await syncRequest<unknown>('/settings', { method: 'GET' }, options));
}

/** Replaces the whole setting (PUT takes the same shape GET answers) and returns what was saved. */
export async function saveSettings(
  settings: Settings,
  options?: HttpTransportOptions,
): Promise<Settings> {
  return checked(await syncRequest<unknown>('/settings', jsonRequest('PUT', settings), options));
}

/**
 * A hand check rather than SettingsSchema: the zod schemas stay out of the page bundle (only
 * the server needs them), and an unexpected answer is an error with a code, not a wrong radio.
 */
function checked(answer: unknown): Settings {
  const strategies = (answer as { conflictStrategy?: Record<string, unknown> } | null)
    ?.conflictStrategy;
  const valid =
    typeof strategies === 'object' &&
    strategies !== null &&
    COLLECTIONS.every((collection) => isStrategy(strategies[collection]));
  if (!valid) {
    throw new SyncError(
      'permanent',
      'bad_answer',
      'The server answered settings of an unknown shape',
    );
  }
  return {
    conflictStrategy: Object.fromEntries(
      COLLECTIONS.map((collection) => [collection, strategies[collection]]),
    ) as Settings['conflictStrategy'],
  };
}

function isStrategy(value: unknown): value is ConflictStrategy {
  return (STRATEGIES as readonly unknown[]).includes(value);
}
