import { firstCharacters } from '../protocol/characters.ts';
import { MAX_DEVICE_NAME } from '../protocol/limits.ts';
import type { PushRequest } from '../protocol/sync.ts';
import { thisDeviceDefaultName } from './deviceName.ts';
import type { OutpostDatabase } from './schema.ts';
import type { DeviceRow } from './types.ts';

/** What a push says of the device that sends it: labels only (P9), they grant nothing. */
export type PushingDevice = Pick<PushRequest, 'clientId' | 'deviceName'>;

/** This device's row, made once and kept with the data it labels. */
async function deviceRow(db: OutpostDatabase): Promise<DeviceRow> {
  return db.transaction('rw', db.syncState, async () => {
    const row = await db.syncState.get('device');
    if (row?.key === 'device') return row;
    const made: DeviceRow = { key: 'device', clientId: crypto.randomUUID() };
    await db.syncState.put(made);
    return made;
  });
}

/** This device's clientId, if it has one yet (read only: the row is made by the first push). */
export async function readClientId(db: OutpostDatabase): Promise<string | undefined> {
  const row = await db.syncState.get('device');
  return row?.key === 'device' ? row.clientId : undefined;
}

/** The name the person gave this device in Settings; undefined: none, the default is used. */
export async function givenDeviceName(db: OutpostDatabase): Promise<string | undefined> {
  const row = await db.syncState.get('device');
  return row?.key === 'device' ? row.name : undefined;
}

/** Sets this device's name, as the server takes it (P9); an empty one goes back to the default. */
export async function setDeviceName(db: OutpostDatabase, name: string): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    const { name: _old, ...row } = await deviceRow(db);
    const usable = usableName(name);
    await db.syncState.put(usable === undefined ? row : { ...row, name: usable });
  });
}

/**
 * What the next push says of this device: its given name, or one read from the browser
 * ("Chrome on Android"). Made usable however it was stored: a name the server refused would
 * hold back every push.
 */
export async function pushingDevice(db: OutpostDatabase): Promise<PushingDevice> {
  const row = await deviceRow(db);
  const name = usableName(row.name ?? '') ?? usableName(thisDeviceDefaultName());
  return { clientId: row.clientId, ...(name === undefined ? {} : { deviceName: name }) };
}

/** Printable, trimmed, at most MAX_DEVICE_NAME characters; undefined when nothing is left. */
function usableName(name: string): string | undefined {
  const printable = name.replace(/\p{Cc}/gu, ' ').trim();
  const kept = firstCharacters(printable, MAX_DEVICE_NAME).trim();
  return kept === '' ? undefined : kept;
}
