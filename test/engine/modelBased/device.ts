import { createHash } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { outpostConflicts } from '../../../src/conflicts/resolve.ts';
import { openOutpost } from '../../../src/db/outpost.ts';
import { OutpostDatabase } from '../../../src/db/schema.ts';
import type { Mutation } from '../../../src/protocol/mutation.ts';
import type { PushResult } from '../../../src/protocol/sync.ts';
import { SyncError } from '../../../src/api/errors.ts';
import { syncOnce } from '../../../src/sync/syncOnce.ts';
import { httpTransport, type SyncTransport } from '../../../src/sync/transport.ts';
import type { Account } from '../../server.ts';

/**
 * One push the server answered, as the wrapper around each device's transport saw it: the
 * mutations in order and their results, also when the device never got the answer (a lost
 * answer). Every push of a run goes through these wrappers, so the log is the server's whole
 * record of what it applied, merged, refused or reported as a conflict.
 */
export interface PushLogEntry {
  device: number;
  clientId: string;
  mutations: Mutation[];
  results: PushResult[];
  /** The device never saw this answer (the connection "dropped" after the commit). */
  lost: boolean;
}

/** How the device's network behaves for the next sync. */
export type Network = 'online' | 'offline' | 'lose-answer';

/**
 * A device as the page runs it: the real repositories and sync engine on fake IndexedDB. Its
 * ids and clock are deterministic (unlike openTestOutpost's random ids) so that a pinned seed
 * replays exactly: conflicts and outbox entries are ordered by ids in IndexedDB.
 */
export function makeDevice(options: {
  index: number;
  baseUrl: string;
  account: Account;
  log: PushLogEntry[];
}) {
  const { index, baseUrl, account, log } = options;
  const db = new OutpostDatabase(`outpost-model-${index}`, {
    indexedDB: new IDBFactory(),
    IDBKeyRange,
  });
  let clock = 1_000;
  let ids = 0;
  const outpost = openOutpost({
    db,
    now: () => clock++,
    newId: () => deterministicUuid(`${index}:${++ids}`),
  });
  const clientId = `device-${index}`;
  const http = httpTransport({ baseUrl, token: () => account.token });
  const state = { network: 'online' as Network };

  const transport: SyncTransport = {
    async push(request) {
      if (state.network === 'offline') throw offline();
      const response = await http.push(request);
      const lost = state.network === 'lose-answer';
      log.push({
        device: index,
        clientId,
        mutations: request.mutations,
        results: response.results,
        lost,
      });
      if (lost) throw new SyncError('transient', 'network', 'The answer was lost on the way');
      return response;
    },
    async pull(cursor, limit) {
      if (state.network === 'offline') throw offline();
      return http.pull(cursor, limit);
    },
  };

  return {
    index,
    clientId,
    ...outpost,
    conflicts: outpostConflicts(outpost),
    /** Set by the network commands; the transport above obeys it. */
    state,
    sync: () => syncOnce(db, transport),
    async init() {
      await db.syncState.put({ key: 'device', clientId });
    },
    close() {
      db.close();
    },
  };
}

export type Device = ReturnType<typeof makeDevice>;

function offline(): SyncError {
  return new SyncError('transient', 'network', 'The server could not be reached: offline');
}

/** A v4-shaped UUID from a seed string: unique per seed, and the same on every replay. */
export function deterministicUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `8${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
