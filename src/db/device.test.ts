import { describe, expect, it } from 'vitest';
import { givenDeviceName, pushingDevice, setDeviceName } from './device.ts';
import { thisDeviceDefaultName } from './deviceName.ts';
import { openTestOutpost } from './testing.ts';

describe("[P9] this device's labels for pushes", () => {
  it('sends one clientId for good, and the name read from the browser until one is given', async () => {
    const { db } = openTestOutpost();
    const first = await pushingDevice(db);
    expect(first.deviceName).toBe(thisDeviceDefaultName());
    expect(await givenDeviceName(db)).toBeUndefined();

    await setDeviceName(db, '  Phone  ');
    expect(await givenDeviceName(db)).toBe('Phone');
    expect(await pushingDevice(db)).toEqual({ clientId: first.clientId, deviceName: 'Phone' });

    // Emptied, the default is back.
    await setDeviceName(db, ' ');
    expect(await givenDeviceName(db)).toBeUndefined();
    expect((await pushingDevice(db)).deviceName).toBe(first.deviceName);
  });

  it('keeps a name the server takes: printable, at most 64 characters', async () => {
    const { db } = openTestOutpost();
    await setDeviceName(db, `Work\tlaptop ${'x'.repeat(80)}`);
    const { deviceName } = await pushingDevice(db);
    expect(deviceName).toMatch(/^Work laptop x+$/);
    expect(deviceName).toHaveLength(64);
  });
});
