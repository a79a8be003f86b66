import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_PATTERN } from '../../model/validation.ts';
import type { Mutation } from '../../protocol/mutation.ts';
import { COLLECTIONS } from '../../protocol/records.ts';
import { MAX_PUSH_MUTATIONS, type PullResponse } from '../../protocol/sync.ts';
import { PROTOCOL_HEADER } from '../../protocol/version.ts';
import { BODY_LIMIT } from '../errors.ts';
import {
  BACKENDS,
  mutation,
  newNote,
  pull,
  push,
  signUp,
  startServer,
  syncRequest,
  uniqueName,
  type Account,
} from './harness.ts';

/**
 * Fuzzing of every /api route with malformed input (T1–T4, A1–A3, P7, L1, H1): whatever is
 * sent, the answer is a 4xx in the T3 shape (a 2xx only where the input happens to be valid,
 * and then only where a test says so), never a 5xx or a stack trace, and nothing the
 * account had stored changes.
 */

const TIMEOUT_MS = 30_000;
const PASSWORD = 'correct horse'; // what harness.signUp sets
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** Text that only a leaked stack trace or internal error would put in an answer. */
const LEAKS = [
  /\bat (?:async )?[^\s()]*\s*\(?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+/,
  /node_modules/,
  /\/src\//,
  /(?:\/[\w.-]+){2,}\.(?:ts|js|mjs|cjs)\b/,
  /\b(?:Type|Range|Reference|Syntax)Error\b/,
];

type Route =
  | 'signup'
  | 'login'
  | 'logout'
  | 'me'
  | 'push'
  | 'pull'
  | 'history'
  | 'settingsGet'
  | 'settingsPut'
  | 'health';

const ROUTES: Record<Route, { method: 'GET' | 'POST' | 'PUT'; url: string }> = {
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
};
const BODY_ROUTES = ['signup', 'login', 'logout', 'push', 'settingsPut'] as const;
type BodyRoute = (typeof BODY_ROUTES)[number];
const SYNC_ROUTES = ['push', 'pull', 'history', 'settingsGet', 'settingsPut'] as const;
type SyncRoute = (typeof SYNC_ROUTES)[number];

/** Every path the server routes, for telling unknown paths from known ones. */
const KNOWN_PATHS: Record<string, readonly string[]> = {
  '/api/health': ['GET', 'HEAD'],
  '/api/auth/signup': ['POST'],
  '/api/auth/login': ['POST'],
  '/api/auth/logout': ['POST'],
  '/api/auth/me': ['GET', 'HEAD'],
  '/api/sync/push': ['POST'],
  '/api/sync/pull': ['GET', 'HEAD'],
  '/api/sync/history': ['GET', 'HEAD'],
  '/api/sync/settings': ['GET', 'HEAD', 'PUT'],
  '/api/sync/events': ['GET', 'HEAD'],
};
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

/** A number written into the JSON text as it is (1e400, 9007199254740993, …). */
class RawNumber {
  constructor(readonly text: string) {}
}
/** Marks a key to delete from a valid body. */
const MISSING = Symbol('missing');

function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (!(item instanceof RawNumber)) return item;
    raws.push(item.text);
    return `\u0001raw${raws.length - 1}\u0001`;
  });
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_match, index: string) => raws[Number(index)]!);
}

/** A copy of `root` with the value at `path` replaced (or deleted, for MISSING). */
function withValueAt(root: object, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === MISSING) Reflect.deleteProperty(target, last);
  else Object.defineProperty(target, last, { value, enumerable: true, writable: true });
  return copy;
}

/** Every byte of the UTF-8 form percent-encoded (works for lone surrogates too). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
    .join('');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- arbitraries that never produce a valid value for the place they go ----

// Without "__proto__" keys: fastify refuses those before validation, without details.
const json = fc
  .jsonValue({ maxDepth: 3 })
  .filter((v) => !JSON.stringify(v).includes('"__proto__"'));
const nonString = json.filter((v) => typeof v !== 'string');
const nonArray = json.filter((v) => !Array.isArray(v));
const nonObject = json.filter((v) => !isPlainObject(v));
const unknownKey = (known: readonly string[]) =>
  fc
    .string({ maxLength: 20 })
    .filter((key) => !known.includes(key) && key !== '__proto__' && key !== 'constructor');

const STRICT_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notUuid = fc.oneof(
  nonString,
  fc.string({ maxLength: 40 }).filter((s) => !STRICT_UUID.test(s)),
  fc.uuid({ version: 4 }).map((u) => u.slice(1)),
  fc.uuid({ version: 4 }).map((u) => `${u}0`),
  fc.uuid({ version: 4 }).map((u) => `{${u}}`),
  fc.uuid({ version: 4 }).map((u) => u.replaceAll('-', '')),
  fc.uuid({ version: 4 }).map((u) => `g${u.slice(1)}`),
);
/** Not a non-negative safe integer, in any spelling. */
const badInt = fc.oneof(
  fc.integer({ min: -1e12, max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  fc.constantFrom(2 ** 53, 2 ** 64, 1e21, 1e300, -0.5, 0.1),
  fc.constantFrom('0', '1', 'NaN', 'Infinity', '-Infinity', '1e3', '', ' 1', '0x10', '-0'),
  fc.constantFrom(null, true, false, [], [1], {}),
  fc
    .constantFrom(
      '1e400',
      '-1e400',
      '9007199254740993',
      '123456789012345678901234567890',
      '-1',
      '0.5',
    )
    .map((text) => new RawNumber(text)),
);
const notOneOf = (values: readonly string[]) =>
  fc.oneof(
    nonString,
    fc.string({ maxLength: 20 }).filter((s) => !values.includes(s)),
    fc.constantFrom(...values.flatMap((v) => [v.toUpperCase(), ` ${v}`, `${v} `, `${v}\u0000`])),
  );
const badFieldName = fc.constantFrom('', 'x'.repeat(65), 'é'.repeat(65));
/** A field map (base/set/inc/add/remove) that is not a map of `field` → a valid value. */
const badFieldMap = (field: string, badValue: fc.Arbitrary<unknown>) =>
  fc.oneof(
    nonObject,
    badFieldName.map((name) => ({ [name]: 'x' })),
    badValue.map((value) => ({ [field]: value })),
  );
/** Not a string, boolean, number or string[]. */
const notFieldValue = json.filter(
  (v) =>
    v === null || isPlainObject(v) || (Array.isArray(v) && v.some((x) => typeof x !== 'string')),
);
const notStringArray = fc.oneof(
  nonArray,
  fc.array(nonString, { minLength: 1, maxLength: 3 }),
  fc.tuple(fc.string(), nonString).map(([s, x]) => [s, x]),
);

const MUTATION_KEYS = [
  'id',
  'collection',
  'recordId',
  'op',
  'baseVersion',
  'base',
  'set',
  'inc',
  'add',
  'remove',
  'clientTime',
];

/** A mutation the server accepts (checked by a test below): every optional part present. */
const validMutation = fc
  .record({ id: fc.uuid({ version: 4 }), recordId: fc.uuid({ version: 4 }) })
  .map(({ id, recordId }): Mutation => ({
    id,
    collection: 'notes',
    recordId,
    op: 'put',
    baseVersion: 0,
    base: { title: '' },
    set: { title: 'fuzz', pinned: true },
    inc: {},
    add: { tags: ['fuzz'] },
    remove: { tags: [] },
    clientTime: 1_700_000_000_000,
  }));

/** One place in a mutation and a value that cannot go there. */
const mutationCorruption: fc.Arbitrary<[readonly string[], unknown]> = fc.oneof(
  fc.tuple(fc.constantFrom(['id'], ['recordId']), notUuid),
  fc.tuple(fc.constant(['collection']), notOneOf(COLLECTIONS)),
  fc.tuple(fc.constant(['op']), notOneOf(['put', 'delete', 'restore'])),
  fc.tuple(fc.constantFrom(['baseVersion'], ['clientTime']), badInt),
  fc.tuple(fc.constantFrom(['base'], ['set']), badFieldMap('title', notFieldValue)),
  fc.tuple(fc.constant(['set', 'title']), notFieldValue),
  fc.tuple(
    fc.constant(['inc']),
    badFieldMap(
      'timesContacted',
      // A delta may be negative, but it is a safe integer.
      badInt.filter((v) => !(v instanceof RawNumber) && !Number.isSafeInteger(v)),
    ),
  ),
  fc.tuple(fc.constantFrom(['add'], ['remove']), badFieldMap('tags', notStringArray)),
  fc.tuple(fc.constant(['add', 'tags']), notStringArray),
  fc.tuple(
    fc.constantFrom(['id'], ['collection'], ['recordId'], ['op'], ['baseVersion'], ['clientTime']),
    fc.constant(MISSING),
  ),
  fc.tuple(
    unknownKey(MUTATION_KEYS).map((key) => [key]),
    json,
  ),
);

const badMutation = fc
  .tuple(validMutation, mutationCorruption)
  .map(([valid, [path, value]]) => withValueAt(valid, path, value));

/** A push body that is malformed as a whole (P7): one part of it has the wrong type. */
const badPushBody = fc.oneof(
  validMutation.chain((valid) =>
    fc.oneof(
      fc
        .oneof(nonString, fc.constant(''), fc.string({ minLength: 65, maxLength: 100 }))
        .map((clientId) => ({ clientId, mutations: [valid] })),
      fc.constant({ clientId: MISSING, mutations: [valid] }),
      fc.constant({ clientId: 'fuzzer' }),
      fc.oneof(nonArray, fc.constant([])).map((mutations) => ({ clientId: 'fuzzer', mutations })),
      fc
        .oneof(nonObject, fc.constant(null))
        .map((item) => ({ clientId: 'fuzzer', mutations: [valid, item] })),
      fc
        .tuple(unknownKey(['clientId', 'mutations']), json)
        .map(([key, value]) =>
          withValueAt({ clientId: 'fuzzer', mutations: [valid] }, [key], value),
        ),
    ),
  ),
  badMutation.map((bad) => ({ clientId: 'fuzzer', mutations: [bad] })),
);

/** Text that is not JSON (and not JSON after a BOM is stripped either). */
const malformedJsonText = fc
  .oneof(
    fc.tuple(json, fc.nat()).map(([v, n]) => {
      const text = JSON.stringify(v);
      return text.slice(0, n % text.length);
    }),
    fc
      .tuple(validMutation, fc.nat(), fc.constantFrom(',', '}', ']', '"', ':', '{', '[', '\\', 'x'))
      .map(([valid, n, insert]) => {
        const text = JSON.stringify({ clientId: 'fuzzer', mutations: [valid] });
        const at = n % text.length;
        return text.slice(0, at) + insert + text.slice(at);
      }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      "{'username':'abc'}",
      '{"a":NaN}',
      'NaN',
      'Infinity',
      '-Infinity',
      'undefined',
      '[1,]',
      '{"a":1,}',
      '{a:1}',
      '"\\x41"',
      '"a\u0000b"',
      '"\u0001"',
      '01',
      '+1',
      '.5',
      '{"a" 1}',
      '[',
      '{',
      '"',
      '\\',
      '// comment\n{}',
      '{}/* x */',
      '{} {}',
      '[] []',
      'tru',
      'nul',
      '\u00a0{}',
      '{"\\ud800": 1',
      '{"clientId":"x","mutations":[',
    ),
  )
  .filter((text) => {
    if (text.startsWith('\uFEFF')) return false;
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** `depth` levels of nested arrays, objects, or both, around `inner`. */
function nested(kind: 'array' | 'object' | 'mixed', depth: number, inner = '0'): string {
  if (kind === 'array') return '['.repeat(depth) + inner + ']'.repeat(depth);
  if (kind === 'object') return '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
  const half = Math.floor(depth / 2);
  return '[{"a":'.repeat(half) + inner + '}]'.repeat(half);
}

/** Query values that are not a valid cursor or limit in any reading. */
const badNumberText = fc.oneof(
  fc.integer({ min: -1e9, max: -1 }).map(String),
  fc
    .tuple(fc.nat({ max: 1e6 }), fc.integer({ min: 1, max: 999 }))
    .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(3, '0')}`),
  fc.constantFrom(
    '9007199254740992',
    '1e400',
    '99999999999999999999999',
    'NaN',
    'Infinity',
    '-Infinity',
    'null',
    'true',
    '[]',
    '{}',
    'abc',
    '1a',
    '0x',
    '--1',
    '1-',
    '%',
    '%zz',
    '%E0%A4%A',
    '%00',
    '%FF',
    '1%00',
    '-%31',
    '1,2',
    '1%202',
    '%C0%80',
  ),
  fc.stringMatching(/^[a-zA-Z_]{1,10}$/),
);

describe.each(BACKENDS)('bad input on %s', (backend) => {
  let app: FastifyInstance;
  let account: Account;
  /** A second account for the few properties that may store something. */
  let scratch: Account;
  const known: { collection: 'notes' | 'contacts'; id: string }[] = [];
  let liveNote: { id: string; version: number };
  let before: Awaited<ReturnType<typeof storedState>>;
  const SETTINGS = { conflictStrategy: { notes: 'latest-wins', contacts: 'ask' } };
  const OTHER_SETTINGS = { conflictStrategy: { notes: 'ask', contacts: 'latest-wins' } };

  beforeAll(async () => {
    app = await startServer(backend);
    account = await signUp(app);
    scratch = await signUp(app);
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
    known.push(
      { collection: 'notes', id: a.recordId },
      { collection: 'notes', id: b.recordId },
      { collection: 'notes', id: d.recordId },
      { collection: 'contacts', id: contactId },
    );
    liveNote = { id: a.recordId, version: 5 };
    const settings = await syncRequest(app, account, {
      method: 'PUT',
      url: '/api/sync/settings',
      payload: SETTINGS,
    });
    expect(settings.statusCode).toBe(200);
    before = await storedState();
    expect(before.full.changes).toHaveLength(4);
    expect(before.history.map((entries) => entries.length)).toEqual([2, 1, 2, 1]);
  });

  afterAll(async () => {
    await app.close();
  });

  /** Everything the account can read back: a full pull, each record's history, its settings. */
  async function storedState() {
    const full: PullResponse = await pull(app, account, 0, 1000);
    const history: unknown[][] = [];
    for (const record of known) {
      const response = await syncRequest(app, account, {
        method: 'GET',
        url: `/api/sync/history?collection=${record.collection}&id=${record.id}`,
      });
      expect(response.statusCode).toBe(200);
      history.push(response.json<{ entries: unknown[] }>().entries);
    }
    const settings = await syncRequest(app, account, {
      method: 'GET',
      url: '/api/sync/settings',
    });
    return { full, history, settings: settings.json<unknown>() };
  }

  /** After a property: the server serves, the account's data is as it was, and it logs in. */
  async function expectUnharmed() {
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(await storedState()).toEqual(before);
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${account.token}` },
    });
    expect(me.statusCode).toBe(200);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: account.username, password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
  }

  /** A property over many requests, followed by the check that nothing was harmed. */
  function property(title: string, run: () => Promise<void>) {
    it(
      title,
      async () => {
        await run();
        await expectUnharmed();
      },
      TIMEOUT_MS,
    );
  }

  const runs = (numRuns: number) => ({ numRuns });

  /**
   * Sends a request and checks the T3 contract: never a 5xx or a stack trace; a status in
   * `allowed` (2xx the input may legitimately get) or else a 4xx whose body is exactly
   * `{error: {code, message, details?}}`. Returns the error, or undefined for an allowed answer.
   */
  async function send(
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
  function expectInvalid(error: ErrorAnswer | undefined, label = '') {
    expect(error?.status, label).toBe(400);
    expect(error?.code, label).toBe('invalid_request');
    const details = error?.details;
    expect(
      Array.isArray(details) && details.length > 0,
      `${label} ${JSON.stringify(details)}`,
    ).toBe(true);
    for (const detail of details as unknown[]) {
      expect(detail).toEqual({ path: expect.any(Array), message: expect.any(String) });
    }
  }

  /** Headers that authenticate as `account` (or, for logout, as nobody: never revoke it). */
  function headersFor(route: Route, extra: Record<string, string> = {}): Record<string, string> {
    const auth =
      route === 'logout' ? 'Bearer not-a-session' : route === 'health' ? '' : account.token;
    return {
      ...(auth ? { authorization: auth.startsWith('Bearer') ? auth : `Bearer ${auth}` } : {}),
      ...((SYNC_ROUTES as readonly string[]).includes(route) ? { [PROTOCOL_HEADER]: '1' } : {}),
      ...extra,
    };
  }

  function jsonRequest(route: BodyRoute, payload: string, headers = {}): InjectOptions {
    return {
      ...ROUTES[route],
      payload,
      headers: headersFor(route, { 'content-type': 'application/json', ...headers }),
    };
  }

  /** A body the route would accept: a refusal of it is down to what else the request had. */
  function validBody(route: BodyRoute, recordId: string, mutationId: string): string {
    switch (route) {
      case 'signup':
      case 'login':
        return JSON.stringify({
          username: route === 'signup' ? uniqueName('fuzz') : account.username,
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

  function validRequest(route: SyncRoute, recordId: string, mutationId: string): InjectOptions {
    const { method, url } = ROUTES[route];
    if (route === 'push' || route === 'settingsPut') {
      return {
        method,
        url,
        payload: validBody(route, recordId, mutationId),
        headers: { 'content-type': 'application/json' },
      };
    }
    if (route === 'pull') return { method, url: `${url}?cursor=0` };
    if (route === 'history') return { method, url: `${url}?collection=notes&id=${liveNote.id}` };
    return { method, url };
  }

  it('[P7] the push template is valid, so each corruption of it alone is what gets refused', async () => {
    const valid = fc.sample(validMutation, 1)[0]!;
    const response = await push(app, scratch, [valid]);
    expect(response.results[0]?.status).toBe('applied');
  });

  property('[T3] arbitrary JSON bodies get a T3 4xx on every body route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BODY_ROUTES), json, async (route, value) => {
        const { error } = await send(jsonRequest(route, JSON.stringify(value)));
        if (route === 'logout') expect(error?.status).toBe(401);
        else expectInvalid(error, JSON.stringify(value));
      }),
      runs(100),
    );
  });

  property(
    '[T1][T3] malformed JSON text gets 400 invalid_request on every body route',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...BODY_ROUTES),
          malformedJsonText,
          async (route, text) => {
            const { error } = await send(jsonRequest(route, text));
            expect(error?.status).toBe(400);
            expect(error?.code).toBe('invalid_request');
          },
        ),
        runs(100),
      );
    },
  );

  property('[T3] 1,000–20,000 levels of nesting get a 4xx, never a crash', async () => {
    const placements: Record<string, (deep: string) => [BodyRoute, string]> = {
      whole: (deep) => ['push', deep],
      title: (deep) => [
        'push',
        `{"clientId":"fuzzer","mutations":[{"id":"${randomUUID()}","collection":"notes",` +
          `"recordId":"${randomUUID()}","op":"put","baseVersion":0,"clientTime":1,` +
          `"set":{"title":${deep}}}]}`,
      ],
      clientId: (deep) => ['push', `{"clientId":${deep},"mutations":[]}`],
      username: (deep) => ['signup', `{"username":${deep},"password":"long enough"}`],
      login: (deep) => ['login', `{"username":"someone","password":${deep}}`],
      settings: (deep) => ['settingsPut', `{"conflictStrategy":{"notes":${deep}}}`],
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(placements)),
        fc.constantFrom('array', 'object', 'mixed' as const),
        fc.oneof(fc.constant(10_000), fc.integer({ min: 1_000, max: 20_000 })),
        fc.boolean(),
        async (placement, kind, depth, proto) => {
          const inner = proto ? '{"__proto__":{"x":1}}' : '0';
          const [route, text] = placements[placement]!(nested(kind, depth, inner));
          const { error } = await send(jsonRequest(route, text));
          expect(error?.status).toBe(400);
          expect(error?.code).toBe('invalid_request');
        },
      ),
      runs(40),
    );
  });

  property(
    '[P7][T3] a push body with any part of the wrong type gets 400 with details; nothing changes',
    async () => {
      await fc.assert(
        fc.asyncProperty(badPushBody, async (body) => {
          const text = toJsonText(body);
          const { error } = await send(jsonRequest('push', text));
          expectInvalid(error, text.slice(0, 300));
        }),
        runs(150),
      );
    },
  );

  property(
    '[T4][P7] 0 or 501 mutations, or one malformed among up to 500, get 400; nothing changes',
    async () => {
      const many = (count: number) =>
        Array.from({ length: count }, (_, i) =>
          mutation({ recordId: randomUUID(), set: { title: `bulk ${i}` } }),
        );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.constantFrom(0, MAX_PUSH_MUTATIONS + 1, MAX_PUSH_MUTATIONS + 2).map(many),
            fc
              .tuple(fc.integer({ min: 1, max: MAX_PUSH_MUTATIONS - 1 }), fc.nat(), badMutation)
              .map(([count, at, bad]) => {
                const mutations: unknown[] = many(count);
                mutations.splice(at % (count + 1), 0, bad);
                return mutations;
              }),
          ),
          async (mutations) => {
            const text = toJsonText({ clientId: 'fuzzer', mutations });
            const { error } = await send(jsonRequest('push', text));
            expectInvalid(error, `${mutations.length} mutations`);
          },
        ),
        runs(25),
      );
    },
  );

  property(
    '[T4] a body over 1 MiB gets 413 payload_too_large; one under it is judged',
    async () => {
      const head = '{"clientId":"fuzzer","mutations":[],"padding":"';
      const tail = '"}';
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...BODY_ROUTES),
          fc.oneof(
            fc.integer({ min: BODY_LIMIT - 64, max: BODY_LIMIT + 64 }),
            fc.constantFrom(BODY_LIMIT, BODY_LIMIT + 1, 2 * BODY_LIMIT, 5 * BODY_LIMIT),
          ),
          fc.constantFrom('a', 'é', '€', '😀'),
          async (route, size, unit) => {
            // Fill with multi-byte characters, then ASCII to reach exactly `size` bytes.
            const room = size - Buffer.byteLength(head + tail);
            const wide = unit.repeat(Math.floor(room / Buffer.byteLength(unit) / 2));
            const text = head + wide + 'a'.repeat(room - Buffer.byteLength(wide)) + tail;
            expect(Buffer.byteLength(text)).toBe(size);
            const { error } = await send(jsonRequest(route, text));
            if (size > BODY_LIMIT) {
              expect(error?.status).toBe(413);
              expect(error?.code).toBe('payload_too_large');
            } else {
              expect(error?.status).toBe(route === 'logout' ? 401 : 400);
            }
          },
        ),
        runs(40),
      );
    },
  );

  property('[A1][A2] signup and login with bad usernames and passwords get 400', async () => {
    const validName = /^[a-z0-9_.-]{3,32}$/;
    const badUsername = fc.oneof(
      nonString,
      fc.string({ maxLength: 40 }).filter((s) => !validName.test(s.toLowerCase())),
      fc.stringMatching(/^[a-z0-9_.-]{0,2}$/),
      fc.stringMatching(/^[a-z0-9_.-]{33,40}$/),
      fc.constantFrom('İstanbul', 'user name', 'user\u0000', 'ＡＢＣ', 'a\u0301bc'),
    );
    const badPassword = fc.oneof(
      nonString,
      fc.string({ maxLength: 7 }),
      fc.string({ minLength: 201, maxLength: 260 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('signup' as const, 'login' as const),
        fc.oneof(
          fc.record({ username: badUsername, password: fc.constant(PASSWORD) }),
          fc.record({ username: fc.constant('fuzz_user'), password: badPassword }),
          fc.record({ username: badUsername, password: badPassword }),
          fc.record({ username: fc.constant(MISSING), password: fc.constant(PASSWORD) }),
          fc.record({ username: fc.constant('fuzz_user'), password: fc.constant(MISSING) }),
          fc
            .tuple(unknownKey(['username', 'password']), json)
            .map(([key, value]) =>
              withValueAt({ username: uniqueName('fuzz'), password: PASSWORD }, [key], value),
            ),
        ),
        async (route, body) => {
          const clean = Object.fromEntries(
            Object.entries(body as object).filter(([, v]) => v !== MISSING),
          );
          const text = JSON.stringify(clean);
          const { error } = await send(jsonRequest(route, text));
          expectInvalid(error, text);
        },
      ),
      runs(100),
    );
  });

  property(
    '[P3][T3] settings that are not {conflictStrategy: {notes, contacts}} get 400',
    async () => {
      const strategy = fc.constantFrom('ask', 'latest-wins');
      const badStrategy = notOneOf(['ask', 'latest-wins']);
      await fc.assert(
        fc.asyncProperty(
          fc
            .oneof(
              fc.record({ notes: badStrategy, contacts: strategy }),
              fc.record({ notes: strategy, contacts: badStrategy }),
              fc.record({ notes: strategy }),
              fc.record({ contacts: strategy }),
              fc
                .tuple(strategy, strategy, unknownKey(['notes', 'contacts']), strategy)
                .map(([notes, contacts, key, value]) =>
                  withValueAt({ notes, contacts }, [key], value),
                ),
              nonObject,
            )
            .map((conflictStrategy) => ({ conflictStrategy })),
          async (body) => {
            const { error } = await send(jsonRequest('settingsPut', JSON.stringify(body)));
            expectInvalid(error, JSON.stringify(body));
          },
        ),
        runs(80),
      );
    },
  );

  property(
    '[P7][R1] mutations that break R1 are each rejected in a 200; nothing is applied',
    async () => {
      const noteFields = ['title', 'body', 'pinned', 'tags'];
      const contactFields = [
        'name',
        'email',
        'phone',
        'company',
        'notes',
        'favorite',
        'tags',
        'timesContacted',
      ];
      type Breach = { collection: 'notes' | 'contacts'; existing?: boolean } & Partial<Mutation>;
      const noteBreach: fc.Arbitrary<Breach> = fc
        .oneof(
          fc.string({ minLength: 501, maxLength: 700 }).map((title) => ({ set: { title } })),
          fc.constant({ set: { body: 'x'.repeat(100_001) } }),
          fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string())).map((title) => ({
            set: { title },
          })),
          fc.oneof(fc.string(), fc.integer(), fc.array(fc.string())).map((pinned) => ({
            set: { pinned },
          })),
          fc.oneof(fc.string(), fc.array(fc.string())).map((tags) => ({ set: { tags } })),
          unknownKey(noteFields)
            .filter((f) => f.length > 0)
            .map((field) => ({ set: { [field]: 'x' } })),
          fc.constantFrom('title', 'body', 'pinned', 'tags').map((f) => ({ inc: { [f]: 1 } })),
          fc.constantFrom('title', 'body', 'pinned').map((f) => ({ add: { [f]: ['x'] } })),
          fc.constantFrom('', ' ', 'x'.repeat(51)).map((tag) => ({ add: { tags: [tag] } })),
          fc.constant({ add: { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) } }),
        )
        .chain((breach) =>
          fc.boolean().map((existing) => ({ ...breach, collection: 'notes' as const, existing })),
        );
      const contactBreach: fc.Arbitrary<Breach> = fc
        .oneof(
          fc.constant({ set: { email: '' } }),
          fc.constantFrom('', ' ', 'x'.repeat(201)).map((name) => ({ set: { name } })),
          fc
            .string({ maxLength: 30 })
            .filter((email) => email !== '' && !EMAIL_PATTERN.test(email))
            .map((email) => ({ set: { name: 'N', email } })),
          fc
            .string({ minLength: 51, maxLength: 60 })
            .map((phone) => ({ set: { name: 'N', phone } })),
          fc.integer().map((n) => ({ set: { name: 'N', timesContacted: n } })),
          unknownKey(contactFields)
            .filter((f) => f.length > 0)
            .map((field) => ({ set: { name: 'N', [field]: 'x' } })),
        )
        .map((breach) => ({ ...breach, collection: 'contacts' as const }));
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(noteBreach, contactBreach), { minLength: 1, maxLength: 4 }),
          async (breaches) => {
            const mutations = breaches.map(({ existing, ...breach }) =>
              existing
                ? mutation({ recordId: liveNote.id, baseVersion: liveNote.version, ...breach })
                : mutation({ recordId: randomUUID(), ...breach }),
            );
            const { response } = await send(
              jsonRequest('push', JSON.stringify({ clientId: 'fuzzer', mutations })),
              [200],
            );
            expect(response.statusCode).toBe(200);
            const body = response.json<{ results: unknown[]; cursor: number }>();
            expect(body.cursor).toBe(before.full.cursor);
            expect(body.results).toHaveLength(mutations.length);
            body.results.forEach((result, i) => {
              expect(result, JSON.stringify(breaches[i]).slice(0, 200)).toEqual({
                id: mutations[i]!.id,
                status: 'rejected',
                error: { code: expect.stringMatching(SNAKE_CASE), message: expect.any(String) },
              });
            });
          },
        ),
        runs(60),
      );
    },
  );

  property('[T1] a body without Content-Type: application/json gets 415', async () => {
    const mediaType = (value: string) => value.split(';')[0]!.trim().toLowerCase();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BODY_ROUTES),
        fc
          .oneof(
            fc.constant(undefined),
            fc.constantFrom(
              'text/plain',
              'text/json',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
              'application/jsonx',
              'application/json-seq',
              'application/ld+json',
              'application/vnd.api+json',
              'application/javascript',
              'text/html; charset=utf-8',
              'json',
              '',
              ' ',
              '*/*',
              'application/*',
              'application',
              '; application/json',
            ),
            fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
          )
          .filter((type) => type === undefined || mediaType(type) !== 'application/json'),
        fc.uuid({ version: 4 }),
        fc.uuid({ version: 4 }),
        async (route, type, recordId, mutationId) => {
          const headers = headersFor(route, type === undefined ? {} : { 'content-type': type });
          const { error } = await send({
            ...ROUTES[route],
            headers,
            payload: validBody(route, recordId, mutationId),
          });
          expect(error?.status, type).toBe(415);
          expect(error?.code).toBe('unsupported_media_type');
        },
      ),
      runs(100),
    );
  });

  property(
    '[T2] sync requests without Outpost-Protocol: 1 get 426 protocol_unsupported',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...SYNC_ROUTES),
          fc.oneof(
            fc.constant(undefined),
            fc.constantFrom(
              '',
              '0',
              '2',
              '1.0',
              '01',
              'v1',
              '1,1',
              '1, 1',
              'one',
              '-1',
              '１',
              '1/1',
            ),
            fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).filter((v) => v.trim() !== '1'),
            fc.array(fc.constantFrom('1', '2'), { minLength: 2, maxLength: 3 }),
          ),
          fc.uuid({ version: 4 }),
          fc.uuid({ version: 4 }),
          async (route, version, recordId, mutationId) => {
            const request = validRequest(route, recordId, mutationId);
            const headers: Record<string, string | string[]> = {
              authorization: `Bearer ${account.token}`,
              ...(request.headers as Record<string, string>),
            };
            if (version !== undefined) headers[PROTOCOL_HEADER] = version;
            const { error } = await send({ ...request, headers });
            expect(error?.status, JSON.stringify(version)).toBe(426);
            expect(error?.code).toBe('protocol_unsupported');
          },
        ),
        runs(100),
      );
    },
  );

  property('[A3] garbage Authorization headers and cookies get 401 unauthenticated', async () => {
    const token = account.token;
    const garbageAuthorization = fc
      .oneof(
        fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
        fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((s) => `Bearer ${s}`),
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Bearer    ',
          'Basic dXNlcjpwYXNzd29yZA==',
          'Token abc',
          'Bearer null',
          'Bearer undefined',
          token,
          `Bearer ${token.slice(1)}`,
          `Bearer ${token.slice(0, -1)}`,
          `Bearer ${token}x`,
          `Bearer ${token}${token}`,
          `Bearer ${token.split('').reverse().join('')}`,
          `Bearer ${encodeURIComponent(`${token} `)}x`,
        ),
        fc.nat({ max: token.length - 1 }).map((i) => {
          const flipped = token[i] === 'A' ? 'B' : 'A';
          return `Bearer ${token.slice(0, i)}${flipped}${token.slice(i + 1)}`;
        }),
      )
      .filter((v) => !(v.startsWith('Bearer ') && v.slice(7).trim() === token));
    const garbageCookie = fc
      .oneof(
        fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
        fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((s) => `outpost_session=${s}`),
        fc.constantFrom(
          'outpost_session=%',
          'outpost_session=%E0%A4%A',
          'outpost_session=%zz',
          'outpost_session=%00',
          'outpost_session',
          'outpost_session=',
          '=;;=',
          ';',
          'outpost_session=a; outpost_session=b',
          `other=${token}`,
          `outpost_session=${token}x`,
          `outpost_session=x${token}`,
          `outpost_session="${token}"`,
          `Outpost_Session=${token}`,
        ),
      )
      .filter((v) => !v.split(';').some((part) => part.trim() === `outpost_session=${token}`));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('me', 'logout', ...SYNC_ROUTES),
        fc.option(garbageAuthorization, { nil: undefined }),
        fc.option(garbageCookie, { nil: undefined }),
        fc.uuid({ version: 4 }),
        async (route, authorization, cookie, recordId) => {
          const request =
            route === 'me' || route === 'logout'
              ? { ...ROUTES[route], headers: {} }
              : validRequest(route, recordId, randomUUID());
          const headers: Record<string, string> = {
            ...(request.headers as Record<string, string>),
            [PROTOCOL_HEADER]: '1',
          };
          if (authorization !== undefined) headers.authorization = authorization;
          if (cookie !== undefined) headers.cookie = cookie;
          const { error } = await send({ ...request, headers });
          const label = JSON.stringify({ authorization, cookie });
          // 401 is the answer; an undecodable cookie may also be refused as a bad request.
          expect([401, 400], label).toContain(error?.status);
          if (error?.status === 401) expect(error.code, label).toBe('unauthenticated');
        },
      ),
      runs(100),
    );
  });

  const queryOf = (pairs: [string, string][]) => pairs.map(([k, v]) => `${k}=${v}`).join('&');

  property('[L1][T3] pull with a bad cursor, limit or parameter gets 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          badNumberText.map((cursor): [string, string][] => [['cursor', cursor]]),
          fc
            .oneof(badNumberText, fc.constantFrom('0', '1001', '100000'))
            .map((limit): [string, string][] => [
              ['cursor', '0'],
              ['limit', limit],
            ]),
          fc.constant<[string, string][]>([['limit', '10']]),
          fc.constant<[string, string][]>([]),
          fc.constant<[string, string][]>([
            ['cursor', '0'],
            ['cursor', '0'],
          ]),
          fc.constant<[string, string][]>([
            ['cursor', '0'],
            ['limit', '5'],
            ['limit', '5'],
          ]),
          fc
            .tuple(unknownKey(['cursor', 'limit']), fc.stringMatching(/^[a-z0-9]{0,8}$/))
            .map(([key, value]): [string, string][] => [
              ['cursor', '0'],
              [encodeURIComponent(key), value],
            ]),
          fc.constant<[string, string][]>([
            ['cursor', '0'],
            ['protocol', '1'],
          ]),
        ),
        async (pairs) => {
          const url = `/api/sync/pull?${queryOf(pairs)}`;
          const { error } = await send({ method: 'GET', url, headers: headersFor('pull') });
          expectInvalid(error, url);
        },
      ),
      runs(100),
    );
  });

  property('[L1] pull with any query text gets a valid answer or a T3 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.stringMatching(/^[a-z0-9=&%+.,;_-]{0,40}$/),
          fc
            .tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }))
            .map(
              ([cursor, limit]) => `cursor=${percentEncode(cursor)}&limit=${percentEncode(limit)}`,
            ),
          fc
            .string({ unit: 'grapheme-ascii', maxLength: 20 })
            .map((cursor) => `cursor=${cursor.replace(/[#\s]/g, '')}`),
        ),
        async (query) => {
          const url = `/api/sync/pull?${query}`;
          const { response, error } = await send(
            { method: 'GET', url, headers: headersFor('pull') },
            [200],
          );
          if (error) {
            expect(error.status).toBe(400);
            return;
          }
          const body = response.json<PullResponse>();
          expect(Object.keys(body).sort()).toEqual(['changes', 'cursor', 'hasMore']);
          expect(Number.isSafeInteger(body.cursor)).toBe(true);
        },
      ),
      runs(100),
    );
  });

  property('[H1][T3] history with a bad collection, id or parameter gets 400', async () => {
    const id = () => liveNote.id;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          notOneOf(COLLECTIONS)
            .filter((c): c is string => typeof c === 'string')
            .map((c): [string, string][] => [
              ['collection', percentEncode(c)],
              ['id', id()],
            ]),
          fc.constant<[string, string][]>([['id', id()]]),
          fc.constant<[string, string][]>([['collection', 'notes']]),
          fc.constant<[string, string][]>([
            ['collection', 'notes'],
            ['id', ''],
          ]),
          fc.string({ minLength: 65, maxLength: 100 }).map((long): [string, string][] => [
            ['collection', 'notes'],
            ['id', percentEncode(long)],
          ]),
          fc.constant<[string, string][]>([
            ['collection', 'notes'],
            ['collection', 'notes'],
            ['id', id()],
          ]),
          fc.constant<[string, string][]>([
            ['collection', 'notes'],
            ['id', id()],
            ['id', id()],
          ]),
          fc
            .tuple(unknownKey(['collection', 'id']), fc.stringMatching(/^[a-z0-9]{0,8}$/))
            .map(([key, value]): [string, string][] => [
              ['collection', 'notes'],
              ['id', id()],
              [encodeURIComponent(key), value],
            ]),
        ),
        async (pairs) => {
          const url = `/api/sync/history?${queryOf(pairs)}`;
          const { error } = await send({ method: 'GET', url, headers: headersFor('history') });
          expectInvalid(error, url);
        },
      ),
      runs(100),
    );
  });

  property(
    '[H1][A5] history of an unknown record id is an empty 200; an id that is not a UUID is 400',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...COLLECTIONS),
          fc.oneof(
            fc.uuid().map((id) => ({ id, valid: true })),
            fc
              .oneof(
                fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
                fc.constantFrom(
                  '\u0000',
                  'a\u0000b',
                  '\ud800',
                  "' OR 1=1 --",
                  '%',
                  '../../etc/passwd',
                ),
              )
              .map((id) => ({ id, valid: false })),
          ),
          async (collection, { id, valid }) => {
            const url = `/api/sync/history?collection=${collection}&id=${percentEncode(id)}`;
            const { response } = await send(
              { method: 'GET', url, headers: headersFor('history') },
              valid ? [200] : [],
            );
            if (valid) {
              expect(response.statusCode, id).toBe(200);
              expect(response.json()).toEqual({ entries: [] });
            } else {
              expect(response.statusCode, JSON.stringify(id)).toBe(400);
            }
          },
        ),
        runs(60),
      );
    },
  );

  property('[T3] unknown /api paths and wrong methods get 404 not_found', async () => {
    const segment = fc.stringMatching(/^[a-z0-9_~-][a-z0-9._~-]{0,15}$/);
    const unknownPath = fc
      .array(segment, { minLength: 0, maxLength: 4 })
      .map((segments) => `/api${segments.map((s) => `/${s}`).join('')}`)
      .filter((path) => !(path in KNOWN_PATHS));
    const knownPathWrongMethod = fc
      .constantFrom(...Object.keys(KNOWN_PATHS))
      .chain((path) =>
        fc
          .constantFrom(...METHODS.filter((m) => !KNOWN_PATHS[path]!.includes(m)))
          .map((method) => ({ path, method })),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .tuple(unknownPath, fc.constantFrom(...METHODS))
            .map(([path, method]) => ({ path, method })),
          fc
            .tuple(
              fc.constantFrom('/api/auth', '/api/sync', '/api/_faults', '/api'),
              fc.constantFrom(...METHODS),
            )
            .map(([path, method]) => ({ path, method })),
          knownPathWrongMethod,
        ),
        fc.constantFrom('', '?x=1', '?cursor=0'),
        fc.boolean(),
        async ({ path, method }, query, signedIn) => {
          const headers: Record<string, string> = signedIn
            ? { authorization: `Bearer ${account.token}`, [PROTOCOL_HEADER]: '1' }
            : {};
          const { error } = await send({ method, url: path + query, headers });
          expect(error?.status, `${method} ${path}`).toBe(404);
          expect(error?.code).toBe('not_found');
        },
      ),
      runs(100),
    );
  });

  property('[T3] percent-encoding garbage in /api paths gets a T3 4xx', async () => {
    const garbage = fc.oneof(
      fc.constantFrom('%', '%2', '%zz', '%E0%A4%A', '%C0%80', '%C0%AF', '%FF', '%00', '%ED%A0%80'),
      fc
        .tuple(fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom('', 'a', '/x'))
        .map(([byte, after]) => `%${byte.toString(16)}${after}`),
    );
    await fc.assert(
      fc.asyncProperty(
        // Not the event stream: signed in, a request that got through would stay open.
        fc.constantFrom(...Object.keys(KNOWN_PATHS).filter((p) => !p.endsWith('/events')), '/api'),
        garbage,
        fc.constantFrom('GET', 'POST', 'PUT'),
        fc.constantFrom('path', 'query'),
        async (path, bad, method, where) => {
          const url = where === 'path' ? `${path}/${bad}` : `${path}?cursor=${bad}&${bad}=1`;
          // Signed in, except for logout: a logout that got through would revoke the session.
          const bearer = path.endsWith('/logout') ? 'not-a-session' : account.token;
          // A GET route that reads no query (health, me, settings) answers a garbage query 200.
          const ignoresQuery =
            where === 'query' &&
            method === 'GET' &&
            (KNOWN_PATHS[path]?.includes('GET') ?? false) &&
            !/\/(pull|history)$/.test(path);
          const { response, error } = await send(
            {
              method,
              url,
              headers: { authorization: `Bearer ${bearer}`, [PROTOCOL_HEADER]: '1' },
            },
            ignoresQuery ? [200] : [],
          );
          if (ignoresQuery) expect(response.statusCode, url).toBe(200);
          else expect(error?.status, url).toBeGreaterThanOrEqual(400);
        },
      ),
      runs(80),
    );
  });

  property(
    '[S1][A3] health, me and settings ignore garbage queries and headers they do not use',
    async () => {
      const junkQuery = fc.oneof(
        fc.stringMatching(/^[a-z0-9=&%+.;_-]{0,30}$/),
        fc.constantFrom('%', '%E0%A4%A', 'a=1&a=2', '=', '&&', 'cursor=-1'),
      );
      const junkHeader = fc.string({ unit: 'grapheme-ascii', maxLength: 40 });
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('health' as const, 'settingsGet' as const, 'me' as const),
          junkQuery,
          junkHeader,
          async (route, query, junk) => {
            const { response } = await send(
              {
                ...ROUTES[route],
                url: `${ROUTES[route].url}?${query}`,
                headers: { ...headersFor(route), 'x-junk': junk, accept: junk },
              },
              [200],
            );
            expect(response.statusCode).toBe(200);
            if (route === 'health') {
              expect(response.json()).toEqual({ ok: true, storage: backend, protocol: 1 });
            } else if (route === 'settingsGet') {
              expect(response.json()).toEqual(before.settings);
            } else {
              expect(response.json().user.username).toBe(account.username);
            }
          },
        ),
        runs(50),
      );
    },
  );

  property(
    '[T3][P9] control characters and unpaired surrogates in pushed strings never get a 5xx',
    async () => {
      const odd = fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        fc.constantFrom(
          '\u0000',
          'a\u0000b',
          '\ud800',
          '\udfff',
          '\u2028\u2029',
          '\ufeff',
          '\uffff',
        ),
      );
      await fc.assert(
        fc.asyncProperty(odd, odd, odd, async (clientId, title, tag) => {
          const m = mutation({
            recordId: randomUUID(),
            set: { title },
            add: { tags: [tag.slice(0, 50)] },
          });
          const response = await syncRequest(app, scratch, {
            method: 'POST',
            url: '/api/sync/push',
            payload: { clientId: clientId.slice(0, 64), mutations: [m] },
          });
          const label = `${JSON.stringify({ clientId, title, tag })} → ${response.statusCode} ${response.body}`;
          expect(response.statusCode, label).toBeLessThan(500);
          if (response.statusCode !== 200) {
            expect(response.json().error.code, label).toMatch(SNAKE_CASE);
          }
        }),
        runs(50),
      );
    },
  );
});
