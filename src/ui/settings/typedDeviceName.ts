import { setDeviceName } from '../../db/device.ts';
import type { OutpostDatabase } from '../../db/schema.ts';

/**
 * The name as typed, kept at once in localStorage (synchronous, so it survives a reload or a
 * closed tab right after typing, which the database write may not) until the write commits.
 * The typing journal does the same for records (typingJournal.ts).
 */
const typedNameKey = (db: OutpostDatabase) => `outpost-device-name:${db.name}`;

/** Stores a typed name: at once in localStorage, then in the database. */
export async function typeDeviceName(db: OutpostDatabase, name: string): Promise<void> {
  localStorage.setItem(typedNameKey(db), name);
  await setDeviceName(db, name);
  if (localStorage.getItem(typedNameKey(db)) === name) localStorage.removeItem(typedNameKey(db));
}

/**
 * A name typed on a page that went away before its write committed: stored now. Called when
 * the page opens the database, and by Settings before it shows the name.
 */
export async function settleTypedDeviceName(db: OutpostDatabase): Promise<void> {
  const typed = localStorage.getItem(typedNameKey(db));
  if (typed !== null) await typeDeviceName(db, typed);
}
