import { firstCharacters, inputMaxLength } from '../../protocol/characters.ts';
import { useEffect, useState } from 'react';
import { givenDeviceName } from '../../db/device.ts';
import { settleTypedDeviceName, typeDeviceName } from './typedDeviceName.ts';
import { thisDeviceDefaultName } from '../../db/deviceName.ts';
import { MAX_DEVICE_NAME } from '../../protocol/limits.ts';
import { useNotices } from '../common/Notices.tsx';
import { useOutpost } from '../data/OutpostProvider.tsx';

/**
 * This device's name (P9: a label, it grants nothing): the person's other devices show it
 * beside the changes made here, in a conflict, a notice and the history. Saved as typed, like
 * every field; left empty, the name read from the browser is used.
 */
export function DeviceNameSection() {
  const { db } = useOutpost();
  const notices = useNotices();
  // Undefined until read: the field waits rather than show the default and then jump.
  const [name, setName] = useState<string>();
  // The last write has committed: said, as the editors say it.
  const [saved, setSaved] = useState(false);
  const fallback = thisDeviceDefaultName();

  useEffect(() => {
    let current = true;
    void settleTypedDeviceName(db)
      .then(() => givenDeviceName(db))
      .then((given) => current && setName(given ?? ''));
    return () => {
      current = false;
    };
  }, [db]);

  return (
    <section className="settings-section" aria-labelledby="device-heading">
      <h2 id="device-heading">This device</h2>
      <div className="device-name">
        <label htmlFor="device-name">Device name</label>
        <input
          id="device-name"
          value={name ?? ''}
          placeholder={fallback}
          maxLength={inputMaxLength(MAX_DEVICE_NAME)}
          readOnly={name === undefined}
          aria-describedby="device-name-hint"
          onChange={(event) => {
            const input = event.target;
            const typed = firstCharacters(input.value, MAX_DEVICE_NAME);
            setName(typed);
            setSaved(false);
            // Writes commit in order; only the write of what the field now holds says so.
            typeDeviceName(db, typed)
              .then(() => setSaved(typed === input.value))
              .catch((caught: unknown) =>
                notices.showError('Could not save the device name', caught),
              );
          }}
        />
        <p id="device-name-hint" className="hint">
          Your other devices show this name beside the changes made here, in conflicts and in
          history. Left empty, it is “{fallback}”.
        </p>
        <p role="status" className="hint">
          {saved && 'Saved on this device'}
        </p>
      </div>
    </section>
  );
}
