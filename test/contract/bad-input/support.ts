import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PullResponse } from '../../../src/protocol/sync.ts';
import { PROTOCOL_HEADER } from '../../../src/protocol/version.ts';
import {
  mutation,
  newNote,
  pull,
  push,
  signUp,
  startServer,
  syncRequest,
  uniqueName,
  type Account,
} from '../../server.ts';
import { isPlainObject } from './generators.ts';

/**
 * Fuzzing of every /api route with malformed input (T1–T4, A1–A3, P7, L1, H1): whatever is
 * sent, the answer is a 4xx in the T3 shape (a 2xx only where the input happens to be valid,
 * and then only where a test says so), never a 5xx or a stack trace, and nothing the
 * account had stored changes. This module holds what the test files beside it share: the
 * routes, the response checker `send`, and the `Fixture` each file sets up per backend.
 */

export const TIMEOUT_MS = 30_000;
export const PASSWORD = 'correct horse'; // what signUp (test/server.ts) sets
export const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** Text that only a leaked stack trace or internal error would put in an answer. */
const LEAKS = [
  /\bat (?:async )?[^\s()]*\s*\(?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+/,
  /node_modules/,
  /\/src\//,
  /(?:\/[\w.-]+){2,}\.(?:ts|js|mjs|cjs)\b/,
  /\b(?:Type|Range|Reference|Syntax)Error\b/,
];

export const ROUTES = {
  signup: { method: 'POST', url: '/api/auth/signup' },
  login: { method: 'POST', url: '/api/auth/login' },
  logout: { method: 'POST', url: '/api/auth/logout' },
  me: { method: 'GET', url: '/api/auth/me' },
  push: { method: 'POST', url: '/api/sync/push' },
  pull: { method: 'GET', url: '/api/sync/pull' },
  history: { method: 'GET', url: '/api/sync/history' },
  settingsGet: { method: 'GET', url: '/api/sync/settings' },
  settingsPut: { method: 'PUT', url: '/api/sync/settings' },
  health: { method: 'GET', url: '/api/health' },
} satisfies Record<string, { method: 'GET' | 'POST' | 'PUT'; url: string }>;
export type Route = keyof typeof ROUTES;
export const BODY_ROUTES = ['signup', 'login', 'logout', 'push', 'settingsPut'] as const;
export type BodyRoute = (typeof BODY_ROUTES)[number];
export const SYNC_ROUTES = ['push', 'pull', 'history', 'settingsGet', 'settingsPut'] as const;
export type SyncRoute = (typeof SYNC_ROUTES)[number];

/** Every path the server routes, for telling unknown paths from known ones. */
export const KNOWN_PATHS: Record<string, readonly string[]> = {
  '/api/health': ['GET', 'HEAD'],
  '/api/auth/signup': ['POST'],
  '/api/auth/login': ['POST'],
  '/api/auth/logout': ['POST'],
  '/api/auth/me': ['GET', 'HEAD'],
  '/api/auth/sessions': ['GET', 'HEAD'],
  '/api/auth/sessions/sign-out-others': ['POST'],
  '/api/auth/password': ['POST'],
  '/api/auth/account/delete': ['POST'],
  '/api/sync/push': ['POST'],
  '/api/sync/pull': ['GET', 'HEAD'],
  '/api/sync/history': ['GET', 'HEAD'],
  '/api/sync/settings': ['GET', 'HEAD', 'PUT'],
  '/api/sync/events': ['GET', 'HEAD'],
};
export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

const SETTINGS = { conflictStrategy: { notes: 'latest-wins', contacts: 'ask' } };
const OTHER_SETTINGS = { conflictStrategy: { notes: 'ask', contacts: 'latest-wins' } };

export interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

export const runs = (numRuns: number) => ({ numRuns });

/** Every byte of the UTF-8 form percent-encoded (works for lone surrogates too). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
    .join('');
}

export const queryOf = (pairs: [string, string][]) => pairs.map(([k, v]) => `${k}=${v}`).join('&');

/**
 * Sends a request to `app` and checks the T3 contract: never a 5xx or a stack trace; a status
 * in `allowed` (2xx the input may legitimately get) or else a 4xx whose body is exactly
 * `{error: {code, message, details?}}`. Returns the error, or undefined for an allowed answer.
 */
export async function send(
  app: FastifyInstance,
  options: InjectOptions,
  allowed: readonly number[] = [],
): Promise<{ response: LightMyRequestResponse; error: ErrorAnswer | undefined }> {
  const response = await app.inject(options);
  const { statusCode: status, body } = response;
  const sent = [
    options.url,
    JSON.stringify(options.headers ?? {}),
    typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload),
  ].join(' ');
  const label = `${options.method} ${String(options.url).slice(0, 200)} → ${status} ${body.slice(0, 500)}`;
  expect(status, label).toBeLessThan(500);
  for (const leak of LEAKS) {
    if (leak.test(body) && !leak.test(sent)) expect.fail(`${leak} in the answer: ${label}`);
  }
  if (allowed.includes(status)) {
    if (status === 204) expect(body, label).toBe('');
    else expect(() => JSON.parse(body), label).not.toThrow();
    return { response, error: undefined };
  }
  expect(status, label).toBeGreaterThanOrEqual(400);
  expect(response.headers['content-type'], label).toMatch(/^application\/json\b/);
  const parsed: unknown = JSON.parse(body);
  expect(isPlainObject(parsed) && Object.keys(parsed), label).toEqual(['error']);
  const error = (parsed as { error: unknown }).error;
  expect(isPlainObject(error), label).toBe(true);
  const { code, message, details, ...rest } = error as Record<string, unknown>;
  expect(rest, label).toEqual({});
  expect(typeof code === 'string' && SNAKE_CASE.test(code), label).toBe(true);
  expect(typeof message === 'string' && message.length > 0, label).toBe(true);
  return {
    response,
    error: { status, code: code as string, message: message as string, details },
  };
}

/** [T3] a 400 invalid_request from validation lists each problem with its path. */
export function expectInvalid(error: ErrorAnswer | undefined, label = '') {
  expect(error?.status, label).toBe(400);
  expect(error?.code, label).toBe('invalid_request');
  const details = error?.details;
  expect(Array.isArray(details) && details.length > 0, `${label} ${JSON.stringify(details)}`).toBe(
    true,
  );
  for (const detail of details as unknown[]) {
    expect(detail).toEqual({ path: expect.any(Array), message: expect.any(String) });
  }
}

/** What `Fixture.storedState` reads back. */
export interface StoredState {
  full: PullResponse;
  history: unknown[][];
  settings: unknown;
}

/**
 * What each test file sets up once per backend (in beforeAll, with `setUp`): a server, an
 * account with notes, a contact, a deleted note and settings, a snapshot of all of it
 * (`before`), and a second account for the few properties that may store something.
 */
export class Fixture {
  app!: FastifyInstance;
  account!: Account;
  scratch!: Account;
  liveNote!: { id: string; version: number };
  before!: StoredState;
  private readonly known: { collection: 'notes' | 'contacts'; id: string }[] = [];

  constructor(readonly backend: 'sqlite' | 'postgres') {}

  async setUp() {
    this.app = await startServer(this.backend);
    this.account = await signUp(this.app);
    this.scratch = await signUp(this.app);
    const { app, account } = this;
    const a = newNote({ title: 'A', body: 'one\ntwo', pinned: false }, ['x']);
    const b = newNote({ title: 'B', body: '', pinned: true });
    const d = newNote({ title: 'D', body: 'gone', pinned: false });
    const contactId = randomUUID();
    const first = await push(app, account, [
      a.create,
      b.create,
      d.create,
      mutation({
        recordId: contactId,
        collection: 'contacts',
        set: { name: 'Ada', email: 'ada@example.com' },
        inc: { timesContacted: 3 },
      }),
    ]);
    const second = await push(app, account, [
      mutation({
        recordId: a.recordId,
        baseVersion: 1,
        base: { title: 'A' },
        set: { title: 'A2' },
      }),
      mutation({
        recordId: d.recordId,
        op: 'delete',
        baseVersion: 3,
        base: { title: 'D', body: 'gone', pinned: false },
      }),
    ]);
    for (const result of [...first.results, ...second.results]) {
      expect(result.status).toBe('applied');
    }
    this.known.push(
      { collection: 'notes', id: a.recordId },
      { collection: 'notes', id: b.recordId },
      { collection: 'notes', id: d.recordId },
      { collection: 'contacts', id: contactId },
    );
    this.liveNote = { id: a.recordId, version: 5 };
    const settings = await syncRequest(app, account, {
      method: 'PUT',
      url: '/api/sync/settings',
      payload: SETTINGS,
    });
    expect(settings.statusCode).toBe(200);
    this.before = await this.storedState();
    expect(this.before.full.changes).toHaveLength(4);
    expect(this.before.history.map((entries) => entries.length)).toEqual([2, 1, 2, 1]);
  }

  async close() {
    await this.app.close();
  }

  /** Everything the account can read back: a full pull, each record's history, its settings. */
  async storedState(): Promise<StoredState> {
    const full = await pull(this.app, this.account, 0, 1000);
    const history: unknown[][] = [];
    for (const record of this.known) {
      const response = await syncRequest(this.app, this.account, {
        method: 'GET',
        url: `/api/sync/history?collection=${record.collection}&id=${record.id}`,
      });
      expect(response.statusCode).toBe(200);
      history.push(response.json<{ entries: unknown[] }>().entries);
    }
    const settings = await syncRequest(this.app, this.account, {
      method: 'GET',
      url: '/api/sync/settings',
    });
    return { full, history, settings: settings.json<unknown>() };
  }

  /** After a property: the server serves, the account's data is as it was, and it logs in. */
  async expectUnharmed() {
    const health = await this.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(await this.storedState()).toEqual(this.before);
    const me = await this.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${this.account.token}` },
    });
    expect(me.statusCode).toBe(200);
    const login = await this.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: this.account.username, password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
  }

  /** Headers that authenticate as `account` (or, for logout, as nobody: never revoke it). */
  headersFor(route: Route, extra: Record<string, string> = {}): Record<string, string> {
    const auth =
      route === 'logout' ? 'Bearer not-a-session' : route === 'health' ? '' : this.account.token;
    return {
      ...(auth ? { authorization: auth.startsWith('Bearer') ? auth : `Bearer ${auth}` } : {}),
      ...((SYNC_ROUTES as readonly string[]).includes(route) ? { [PROTOCOL_HEADER]: '1' } : {}),
      ...extra,
    };
  }

  jsonRequest(route: BodyRoute, payload: string, headers = {}): InjectOptions {
    return {
      ...ROUTES[route],
      payload,
      headers: this.headersFor(route, { 'content-type': 'application/json', ...headers }),
    };
  }

  /** A body the route would accept: a refusal of it is down to what else the request had. */
  validBody(route: BodyRoute, recordId: string, mutationId: string): string {
    switch (route) {
      case 'signup':
      case 'login':
        return JSON.stringify({
          username: route === 'signup' ? uniqueName('fuzz') : this.account.username,
          password: PASSWORD,
        });
      case 'logout':
        return '{}';
      case 'push':
        return JSON.stringify({
          clientId: 'fuzzer',
          mutations: [mutation({ id: mutationId, recordId, set: { title: 'must not land' } })],
        });
      case 'settingsPut':
        return JSON.stringify(OTHER_SETTINGS);
    }
  }

  validRequest(route: SyncRoute, recordId: string, mutationId: string): InjectOptions {
    const { method, url } = ROUTES[route];
    if (route === 'push' || route === 'settingsPut') {
      return {
        method,
        url,
        payload: this.validBody(route, recordId, mutationId),
        headers: { 'content-type': 'application/json' },
      };
    }
    if (route === 'pull') return { method, url: `${url}?cursor=0` };
    if (route === 'history') {
      return { method, url: `${url}?collection=notes&id=${this.liveNote.id}` };
    }
    return { method, url };
  }
}

/**
 * The frame of every bad-input file: one Fixture for the file (server, account, snapshot), and
 * `property`, a test over many requests followed by the check that nothing was harmed.
 */
export function badInputSuite(backend: 'sqlite' | 'postgres') {
  const fx = new Fixture(backend);
  beforeAll(() => fx.setUp());
  afterAll(() => fx.close());
  function property(title: string, run: () => Promise<void>) {
    it(
      title,
      async () => {
        await run();
        await fx.expectUnharmed();
      },
      TIMEOUT_MS,
    );
  }
  return { fx, property };
}
