import type { BrowserContext, Page, Request, Worker } from '@playwright/test';
import type { OutboxEntry, SentRow, StatusRow, SyncStateRow } from '../../src/db/types.ts';

/** Who sent a request: one of the context's pages, or its service worker. */
export type Sender = Page | 'worker';

export interface PushRecord {
  /** The mutation ids the request carried, in order. */
  mutationIds: string[];
  from: Sender;
  /** The answer's status; undefined while none came (or never will: the sender went away). */
  status?: number;
  /** The results of a 200 answer (P), once its body has been read. */
  results?: PushResultSummary[];
}

/** What a test compares of one push result: which mutation, what became of it, its version. */
export interface PushResultSummary {
  id: string;
  status: string;
  version?: number;
}

export interface SyncTraffic {
  pushes: PushRecord[];
  /** Senders of `GET /api/sync/pull`: every sync run pulls, also with nothing to push. */
  pulls: Sender[];
  stop: () => void;
}

function senderOf(request: Request): Sender {
  // A worker's request has no frame (frame() throws for it), so ask serviceWorker() first.
  return request.serviceWorker() ? 'worker' : request.frame().page();
}

/**
 * Records every push and pull of a browser context, the service worker's included (Chromium
 * reports a worker's requests on its context, with `request.serviceWorker()` set).
 */
export function recordSyncTraffic(context: BrowserContext): SyncTraffic {
  const pushes: PushRecord[] = [];
  const pulls: Sender[] = [];
  const byRequest = new Map<Request, PushRecord>();

  const onRequest = (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (request.method() === 'GET' && path === '/api/sync/pull') pulls.push(senderOf(request));
    if (request.method() !== 'POST' || path !== '/api/sync/push') return;
    const body = request.postDataJSON() as { mutations: { id: string }[] };
    const record: PushRecord = {
      mutationIds: body.mutations.map((mutation) => mutation.id),
      from: senderOf(request),
    };
    pushes.push(record);
    byRequest.set(request, record);
  };
  const onFinished = async (request: Request) => {
    const record = byRequest.get(request);
    const response = await request.response().catch(() => null);
    if (!record || !response) return;
    record.status = response.status();
    if (!response.ok()) return;
    const answer = (await response.json().catch(() => null)) as {
      results: PushResultSummary[];
    } | null;
    if (answer) record.results = summarize(answer.results);
  };
  const onFinishedListener = (request: Request) => void onFinished(request);

  context.on('request', onRequest);
  context.on('requestfinished', onFinishedListener);
  return {
    pushes,
    pulls,
    stop() {
      context.off('request', onRequest);
      context.off('requestfinished', onFinishedListener);
    },
  };
}

export function summarize(results: PushResultSummary[]): PushResultSummary[] {
  return results.map(({ id, status, version }) => ({ id, status, version }));
}

/** Whether every push sent so far has its answer recorded (bodies are read asynchronously). */
export function allAnswered(traffic: SyncTraffic): boolean {
  return traffic.pushes.every(
    (push) => push.status !== undefined && (push.status !== 200 || push.results !== undefined),
  );
}

/**
 * The name of the IndexedDB database the app uses now (src/accounts/registry.ts: one per
 * account, one for the device signed out), read in a page of the app's origin or its worker.
 */
export async function currentDatabaseName(target: Page | Worker): Promise<string> {
  const read = async () => {
    const REGISTRY = 'outpost-device';
    if (!(await indexedDB.databases()).some((known) => known.name === REGISTRY)) return 'outpost';
    const registry = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(REGISTRY);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = <T>(store: string, key: string) =>
      new Promise<T | undefined>((resolve, reject) => {
        const request = registry.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result as T | undefined);
        request.onerror = () => reject(request.error);
      });
    const state = await get<{ signedIn: string | null; signedOutDatabase: string }>(
      'state',
      'device',
    );
    const account = state?.signedIn
      ? await get<{ database: string }>('accounts', state.signedIn)
      : undefined;
    registry.close();
    return account?.database ?? state?.signedOutDatabase ?? 'outpost';
  };
  // Page and Worker both evaluate in their own global; the union's overloads do not unify.
  return 'goto' in target ? target.evaluate(read) : target.evaluate(read);
}

/**
 * Every row of one object store of the app's database in use, read in a page of the app's
 * origin or in its service worker: what the engine itself sees, without going through the UI.
 */
export async function deviceRows<T>(target: Page | Worker, store: string): Promise<T[]> {
  const read = ([database, name]: [string, string]) =>
    new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open(database);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction(name).objectStore(name).getAll();
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          open.result.close();
          resolve(request.result);
        };
      };
    });
  const args: [string, string] = [await currentDatabaseName(target), store];
  const rows =
    'goto' in target ? await target.evaluate(read, args) : await target.evaluate(read, args);
  return rows as T[];
}

/** Outbox rows as stored: `seq` is always set once a row is in the database. */
export type OutboxRow = OutboxEntry & { seq: number };

export async function outboxRows(target: Page | Worker): Promise<OutboxRow[]> {
  return deviceRows<OutboxRow>(target, 'outbox');
}

/** The sent watermark (src/db/types.ts, SentRow): entries up to it have been sent. */
export async function sentThrough(target: Page | Worker): Promise<number> {
  const rows = await deviceRows<SyncStateRow>(target, 'syncState');
  return rows.find((row): row is SentRow => row.key === 'sent')?.throughSeq ?? 0;
}

export async function statusRow(target: Page | Worker): Promise<StatusRow | undefined> {
  const rows = await deviceRows<SyncStateRow>(target, 'syncState');
  return rows.find((row): row is StatusRow => row.key === 'status');
}
