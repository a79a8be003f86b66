import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Mutation } from '../src/protocol/mutation.ts';
import { SessionReplySchema } from '../src/protocol/auth.ts';
import {
  HistoryResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  type HistoryEntry,
  type PullResponse,
  type PushResponse,
} from '../src/protocol/sync.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../src/protocol/version.ts';
import { buildApp, type BuildOptions } from '../src/server/app.ts';
import type { Config } from '../src/server/config.ts';
import { testConfig } from '../src/server/testing.ts';

/**
 * The contract suite runs every rule against every storage backend: SQLite always, and
 * PostgreSQL when TEST_DATABASE_URL names one (.ci/run sets it when a local server answers).
 * Tests on PostgreSQL share one database, so each test works under users of its own.
 */
export const BACKENDS: ('sqlite' | 'postgres')[] = process.env.TEST_DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

/**
 * Contract tests sign up a user per test: hashes this cheap keep them fast. The [A4] tests
 * (accounts.test.ts) use the real cost.
 */
/** [F1] what a contract test presents to arm a fault. */
export const TEST_FAULTS_TOKEN = 'contract-tests-faults-token';

const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };

export async function startServer(
  backend: 'sqlite' | 'postgres',
  options: BuildOptions & { faults?: boolean; config?: Partial<Config> } = {},
): Promise<FastifyInstance> {
  // Contract tests sign up a user per test: lift the sign-in limit (rate-limit.test.ts checks it).
  const rateLimits = { auth: { limit: 10_000, windowMs: 60_000 }, ...options.rateLimits };
  const faults = { faults: options.faults ?? false, faultsToken: TEST_FAULTS_TOKEN };
  const config = testConfig({ ...faults, ...options.config }, backend);
  const app = await buildApp(config, {
    passwordCost: TEST_PASSWORD_COST,
    ...options,
    rateLimits,
  });
  await app.ready();
  return app;
}

/** Starts the server on a real port, for what needs real sockets (streams, dropped answers). */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/** An open event stream (E1): collects its text and waits for what a test expects in it. */
export async function openEvents(baseUrl: string, account: Account) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/sync/events?protocol=1`, {
    headers: { authorization: `Bearer ${account.token}` },
    signal: controller.signal,
  });
  if (!response.body) throw new Error(`no stream: ${response.status}`);
  let text = '';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += chunk.value;
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    response,
    text: () => text,
    /** Settles when the stream has ended, closed by the server or by close(). */
    ended: reading,
    /** Waits until `pattern` appears; returns how long that took (ms). */
    async waitFor(pattern: RegExp, timeoutMs: number): Promise<number> {
      const start = Date.now();
      while (!pattern.test(text)) {
        if (Date.now() - start > timeoutMs) {
          throw new Error(`no ${pattern} within ${timeoutMs} ms; got ${JSON.stringify(text)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return Date.now() - start;
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

export interface Account {
  username: string;
  token: string;
  userId: string;
}

export function uniqueName(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 18)}`;
}

export async function signUp(app: FastifyInstance, username = uniqueName()): Promise<Account> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { username, password: 'correct horse' },
  });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.body}`);
  const body = SessionReplySchema.parse(response.json());
  return { username, token: body.token, userId: body.user.id };
}

/** A request to /api/sync/* as `account`, with the protocol header set. */
export function syncRequest(app: FastifyInstance, account: Account, options: InjectOptions) {
  return app.inject({
    ...options,
    headers: {
      authorization: `Bearer ${account.token}`,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...options.headers,
    },
  });
}

export async function push(
  app: FastifyInstance,
  account: Account,
  mutations: Mutation[],
  clientId = 'device-a',
): Promise<PushResponse> {
  const response = await syncRequest(app, account, {
    method: 'POST',
    url: '/api/sync/push',
    payload: { clientId, mutations },
  });
  if (response.statusCode !== 200)
    throw new Error(`push answered ${response.statusCode}: ${response.body}`);
  // Every answer the suite reads is checked against the schema the app checks it with.
  return PushResponseSchema.parse(response.json());
}

export async function pull(
  app: FastifyInstance,
  account: Account,
  cursor = 0,
  limit?: number,
): Promise<PullResponse> {
  const query = limit === undefined ? `cursor=${cursor}` : `cursor=${cursor}&limit=${limit}`;
  const response = await syncRequest(app, account, {
    method: 'GET',
    url: `/api/sync/pull?${query}`,
  });
  if (response.statusCode !== 200)
    throw new Error(`pull answered ${response.statusCode}: ${response.body}`);
  return PullResponseSchema.parse(response.json());
}

/** [H1] a record's history, checked against the schema the app reads it with. */
export async function history(
  app: FastifyInstance,
  account: Account,
  collection: string,
  id: string,
): Promise<HistoryEntry[]> {
  const response = await syncRequest(app, account, {
    method: 'GET',
    url: `/api/sync/history?collection=${collection}&id=${id}`,
  });
  if (response.statusCode !== 200)
    throw new Error(`history answered ${response.statusCode}: ${response.body}`);
  return HistoryResponseSchema.parse(response.json()).entries;
}

/** Builds a mutation with defaults a test can override. */
export function mutation(partial: Partial<Mutation> & Pick<Mutation, 'recordId'>): Mutation {
  return {
    id: randomUUID(),
    collection: 'notes',
    op: 'put',
    baseVersion: 0,
    clientTime: Date.now(),
    ...partial,
  };
}

export function newNote(
  fields: Mutation['set'] = { title: 'A note', body: 'line one\nline two', pinned: false },
  tags?: string[],
) {
  const recordId = randomUUID();
  return {
    recordId,
    create: mutation({ recordId, set: fields, ...(tags ? { add: { tags } } : {}) }),
  };
}

/** An edit as a device that last saw `baseVersion` (default 1) sends it. */
export function edit(
  recordId: string,
  base: NonNullable<Mutation['base']>,
  set: NonNullable<Mutation['set']>,
  options: Partial<Mutation> = {},
): Mutation {
  return mutation({ recordId, baseVersion: 1, base, set, ...options });
}

/** A fresh account whose server already has one note (created by a push). */
export async function accountWithNote(
  app: FastifyInstance,
  fields?: Parameters<typeof newNote>[0],
): Promise<{ account: Account; note: ReturnType<typeof newNote> }> {
  const account = await signUp(app);
  const note = newNote(fields);
  await push(app, account, [note.create]);
  return { account, note };
}

/**
 * Two devices edit the same record from the same base: device "a" pushes first, then device
 * "b"; returns the result b gets.
 */
export async function concurrentEdits(
  app: FastifyInstance,
  account: Account,
  recordId: string,
  base: NonNullable<Mutation['base']>,
  fromA: NonNullable<Mutation['set']>,
  fromB: NonNullable<Mutation['set']>,
) {
  await push(app, account, [edit(recordId, base, fromA)], 'a');
  const { results } = await push(app, account, [edit(recordId, base, fromB)], 'b');
  return results[0];
}
