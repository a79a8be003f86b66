import { settableFields, specOf, type CollectionName } from '../../model/collections.ts';
import type { HistoryEntry } from '../../protocol/sync.ts';
import { fieldLabel, valueText } from '../common/fieldText.ts';

/** [H1] How a history entry reads to a person, and which of its values a restore may set. */

const SHORT_LENGTH = 80;

/** The first line, cut at SHORT_LENGTH characters; undefined when the whole value is short. */
export function shortened(text: string): string | undefined {
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (firstLine === text && text.length <= SHORT_LENGTH) return undefined;
  return `${firstLine.slice(0, SHORT_LENGTH).trimEnd()}…`;
}

/**
 * The values in a few words, for a restore button's name: entries made within the same second
 * read the same by time alone, so the name also says what the button puts back.
 */
export function valuesInBrief(collection: CollectionName, values: RestorableValues): string {
  return Object.entries(values)
    .map(([field, value]) => {
      const text = valueText(field, value);
      const brief =
        text.length > 30 || text.includes('\n')
          ? `${text.split('\n', 1)[0]!.slice(0, 30).trimEnd()}…`
          : text;
      return `${fieldLabel(collection, field)} ${typeof value === 'string' && value !== '' ? `“${brief}”` : brief}`;
    })
    .join(', ');
}

export function opLabel(entry: HistoryEntry, oldest: boolean): string {
  if (entry.op === 'delete') return 'Deleted';
  if (entry.op === 'restore') return 'Brought back after deletion';
  // [H1] a creation replaced nothing; a later change always replaced at least one value.
  return oldest && Object.keys(entry.previous).length === 0 ? 'Created' : 'Edited';
}

/**
 * [P9] which device made a change: this one, or the name the other one sent ("Phone"); a
 * device that sent no name (an older app) by the start of its clientId, a label only.
 */
export function deviceLabel(
  entry: Pick<HistoryEntry, 'clientId' | 'deviceName'>,
  thisDevice: string | undefined,
): string {
  if (entry.clientId === thisDevice) return 'this device';
  if (entry.deviceName !== undefined) return entry.deviceName;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(entry.clientId);
  return `another device (${uuid ? entry.clientId.slice(0, 8) : entry.clientId})`;
}

export type RestorableValues = Record<string, string | boolean>;

/**
 * The values of `previous` a restore may set: register and text fields only. Tags are an
 * observed-remove set and counters a PN-counter; neither can be `set` [P7][R3], and
 * `deletedAt` changes only by deleting or restoring.
 */
export function restorableValues(
  collection: CollectionName,
  previous: Record<string, unknown>,
): RestorableValues {
  const values: RestorableValues = {};
  for (const field of settableFields(specOf(collection))) {
    const value = previous[field];
    if (typeof value === 'string' || typeof value === 'boolean') values[field] = value;
  }
  return values;
}

/** Whether the record already holds all these values (restoring would change nothing). */
export function holdsValues(record: object | null | undefined, values: RestorableValues): boolean {
  if (!record) return false;
  const fields = record as Record<string, unknown>;
  return Object.entries(values).every(([field, value]) => fields[field] === value);
}
