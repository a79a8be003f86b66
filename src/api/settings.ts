import type { Settings } from '../protocol/sync.ts';
import { answer } from './answers.ts';
import { apiRequest, jsonRequest, type RequestOptions } from './request.ts';

/**
 * [P3] The user's conflict strategy per collection. It lives on the server, because the
 * server applies it when a push collides, so every device of the user shares one setting.
 */
const settingsAnswer = answer((schemas) => schemas.SettingsSchema);

export function readSettings(options?: RequestOptions): Promise<Settings> {
  return apiRequest('/sync/settings', { method: 'GET' }, settingsAnswer, options);
}

/** Replaces the whole setting (PUT takes the same shape GET answers) and returns what was saved. */
export function saveSettings(settings: Settings, options?: RequestOptions): Promise<Settings> {
  return apiRequest('/sync/settings', jsonRequest('PUT', settings), settingsAnswer, options);
}
