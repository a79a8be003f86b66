import { Dexie, type Table } from 'dexie';
import { DATABASE_NAME, OutpostDatabase } from '../db/schema.ts';
import type { AccountRow } from '../db/types.ts';

/**
 * Which local database holds whose data on this device. Every account that signed in here has
 * a database of its own, and the device signed out has one more; the page and the service worker
 * both read this registry to open the same one. Signing in as someone else never shows or
 * pushes the previous account's records: they are in another database, which nothing opens
 * until that account signs in again.
 */
export interface KnownAccount {
  userId: string;
  username: string;
  /** The IndexedDB database holding this account's records, outbox and sync state. */
  database: string;
}

interface DeviceState {
  key: 'device';
  /** Who is signed in; null: nobody, and the signed-out database is the one in use. */
  signedIn: string | null;
  /** The database of the device signed out. */
  signedOutDatabase: string;
  /**
   * The account that was offered, at sign-in, to take what was made signed out, until it
   * answers: a reload or a closed tab before the answer (or mid-move) asks again.
   */
  moveOfferFor?: string;
}

export const REGISTRY_NAME = 'outpost-device';

export class DeviceRegistry extends Dexie {
  accounts!: Table<KnownAccount, string>;
  state!: Table<DeviceState, string>;

  /** The Dexie options it was opened with: the device's other databases open with the same. */
  readonly databaseOptions: ConstructorParameters<typeof Dexie>[1];

  constructor(options?: ConstructorParameters<typeof Dexie>[1]) {
    super(REGISTRY_NAME, { chromeTransactionDurability: 'relaxed', ...options });
    this.databaseOptions = options;
    this.version(1).stores({ accounts: 'userId', state: 'key' });
  }
}

/** The database in use on this device now, and whose it is (undefined: signed out). */
export interface CurrentDatabase {
  name: string;
  account: KnownAccount | undefined;
}

/** Read-only (a live query may watch it): a device not yet set up reads as signed out. */
export async function currentDatabase(registry: DeviceRegistry): Promise<CurrentDatabase> {
  const state = (await registry.state.get('device')) ?? FRESH_DEVICE;
  const account = state.signedIn ? await registry.accounts.get(state.signedIn) : undefined;
  return account
    ? { name: account.database, account }
    : { name: state.signedOutDatabase, account: undefined };
}

/** The database of the device signed out (where records made without an account live). */
export async function signedOutDatabaseName(registry: DeviceRegistry): Promise<string> {
  return ((await registry.state.get('device')) ?? FRESH_DEVICE).signedOutDatabase;
}

/** The database an account's data lives in, whether or not it is signed in now. */
export function accountDatabaseName(userId: string): string {
  return `outpost-account-${userId}`;
}

const FRESH_DEVICE: DeviceState = {
  key: 'device',
  signedIn: null,
  signedOutDatabase: DATABASE_NAME,
};

/** Sets the device up on first use (see deviceState); the page and the worker call it first. */
export async function prepareDevice(registry: DeviceRegistry): Promise<void> {
  await deviceState(registry);
}

/**
 * The device's state, made on first use. Before this registry, one database named 'outpost'
 * held everything, and its account row said who was signed in: that database becomes that
 * account's own (nothing is copied), and the device signed out gets a new one.
 */
async function deviceState(registry: DeviceRegistry): Promise<DeviceState> {
  const known = await registry.state.get('device');
  if (known) return known;
  const legacy = await legacyAccount(registry);
  return registry.transaction('rw', registry.state, registry.accounts, async () => {
    const raced = await registry.state.get('device');
    if (raced) return raced;
    const state: DeviceState = legacy
      ? { key: 'device', signedIn: legacy.userId, signedOutDatabase: `${DATABASE_NAME}-signed-out` }
      : FRESH_DEVICE;
    if (legacy) {
      await registry.accounts.put({
        userId: legacy.userId,
        username: legacy.username,
        database: DATABASE_NAME,
      });
    }
    await registry.state.put(state);
    return state;
  });
}

async function legacyAccount(registry: DeviceRegistry): Promise<AccountRow | undefined> {
  // Dexie types its option loosely ({ open }); it is an IDBFactory (fake-indexeddb in tests).
  const factory = (registry.databaseOptions?.indexedDB ??
    Dexie.dependencies.indexedDB) as IDBFactory;
  const existing = await factory.databases();
  if (!existing.some((known) => known.name === DATABASE_NAME)) return undefined;
  const legacy = new OutpostDatabase(DATABASE_NAME, registry.databaseOptions);
  try {
    const row = await legacy.syncState.get('account');
    return row?.key === 'account' ? row : undefined;
  } finally {
    legacy.close();
  }
}

/**
 * Records who signed in, and that their database is the one in use from now on; `offerMove`:
 * the device holds records made signed out, which the account is to be offered.
 */
export async function markSignedIn(
  registry: DeviceRegistry,
  user: { id: string; username: string },
  offerMove = false,
): Promise<KnownAccount> {
  await deviceState(registry);
  return registry.transaction('rw', registry.state, registry.accounts, async () => {
    const existing = await registry.accounts.get(user.id);
    const account: KnownAccount = {
      userId: user.id,
      username: user.username,
      database: existing?.database ?? accountDatabaseName(user.id),
    };
    await registry.accounts.put(account);
    await registry.state.update('device', {
      signedIn: user.id,
      moveOfferFor: offerMove ? user.id : undefined,
    });
    return account;
  });
}

/** Nobody is signed in from now on; `forget` also drops the account from the registry. */
export async function markSignedOut(
  registry: DeviceRegistry,
  forget: string | undefined,
): Promise<void> {
  await deviceState(registry);
  await registry.transaction('rw', registry.state, registry.accounts, async () => {
    await registry.state.update('device', { signedIn: null });
    if (forget) await registry.accounts.delete(forget);
  });
}

/** Who still has to answer the offer to move what was made signed out (see DeviceState). */
export async function pendingMoveOffer(registry: DeviceRegistry): Promise<string | undefined> {
  return (await registry.state.get('device'))?.moveOfferFor;
}

/** The offer was answered. */
export async function clearMoveOffer(registry: DeviceRegistry): Promise<void> {
  await deviceState(registry);
  await registry.state.update('device', { moveOfferFor: undefined });
}

/** Whether `database` is the one in use now: a sync of any other must not run (see runSync). */
export async function isCurrentDatabase(
  registry: DeviceRegistry,
  database: string,
): Promise<boolean> {
  return (await currentDatabase(registry)).name === database;
}

/** Every database of Outpost's on this device: each account's, and the signed-out one. */
export async function knownDatabases(registry: DeviceRegistry): Promise<string[]> {
  const [accounts, signedOut] = await Promise.all([
    registry.accounts.toArray(),
    signedOutDatabaseName(registry),
  ]);
  return [...new Set([...accounts.map((account) => account.database), signedOut])];
}

/** Forgets every account and the device's state: the registry reads as a fresh device's. */
export async function forgetDevice(registry: DeviceRegistry): Promise<void> {
  await registry.transaction('rw', registry.state, registry.accounts, async () => {
    await registry.accounts.clear();
    await registry.state.clear();
  });
}
