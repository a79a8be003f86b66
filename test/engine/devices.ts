import { FAULTS_TOKEN_HEADER } from '../../src/server/faults.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { outpostConflicts } from '../../src/conflicts/resolve.ts';
import { openTestOutpost } from '../../src/db/testing.ts';
import type { Collections } from '../../src/model/collections.ts';
import { syncOnce } from '../../src/sync/syncOnce.ts';
import { httpTransport, type SyncTransport } from '../../src/sync/transport.ts';
import { listen, startServer, TEST_FAULTS_TOKEN, type Account } from '../server.ts';

/**
 * For tests of the device's sync engine (src/sync, the code the page and the service worker
 * run) against the real server over HTTP: one server for the test file (on SQLite unless told),
 * started before its tests and closed after them, and devices on fake IndexedDB.
 */
export function engineServer(
  options: { faults?: boolean; collections?: Collections; backend?: 'sqlite' | 'postgres' } = {},
) {
  let app: FastifyInstance | undefined;
  let baseUrl = '';
  beforeAll(async () => {
    app = await startServer(options.backend ?? 'sqlite', options);
    baseUrl = await listen(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  const server = {
    app(): FastifyInstance {
      if (!app) throw new Error('the server starts in beforeAll');
      return app;
    },
    baseUrl: () => baseUrl,
    /**
     * A device signed in as `account`. `wrap` may stand between the engine and the network
     * (to cut it, say); `sync` runs one whole sync as the app does.
     */
    device(account: Account, wrap: (transport: SyncTransport) => SyncTransport = (t) => t) {
      const outpost = openTestOutpost({ randomIds: true, collections: options.collections });
      const transport = wrap(httpTransport({ baseUrl, token: () => account.token }));
      return {
        ...outpost,
        conflicts: outpostConflicts(outpost),
        sync: () => syncOnce(outpost.db, transport),
      };
    },
    /** [F1] sets the server's simulated faults (the server must start with `faults: true`). */
    faults: (body: unknown) =>
      fetch(`${baseUrl}/api/_faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [FAULTS_TOKEN_HEADER]: TEST_FAULTS_TOKEN },
        body: JSON.stringify(body),
      }),
  };
  return server;
}

export type EngineDevice = ReturnType<ReturnType<typeof engineServer>['device']>;
