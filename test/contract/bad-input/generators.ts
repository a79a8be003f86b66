import fc from 'fast-check';
import type { Mutation } from '../../../src/protocol/mutation.ts';
import { COLLECTIONS } from '../../../src/model/collections.ts';

/**
 * Values for the bad-input properties: arbitraries that never produce a valid value for the
 * place they go, and the helpers that turn them into request text.
 */

/** A number written into the JSON text as it is (1e400, 9007199254740993, …). */
class RawNumber {
  constructor(readonly text: string) {}
}
/** Marks a key to delete from a valid body. */
export const MISSING = Symbol('missing');

export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (!(item instanceof RawNumber)) return item;
    raws.push(item.text);
    return `\u0001raw${raws.length - 1}\u0001`;
  });
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_match, index: string) => raws[Number(index)]!);
}

/** A copy of `root` with the value at `path` replaced (or deleted, for MISSING). */
export function withValueAt(
  root: object,
  path: readonly (string | number)[],
  value: unknown,
): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === MISSING) Reflect.deleteProperty(target, last);
  else Object.defineProperty(target, last, { value, enumerable: true, writable: true });
  return copy;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- arbitraries that never produce a valid value for the place they go ----

// Without "__proto__" keys: fastify refuses those before validation, without details.
export const json = fc
  .jsonValue({ maxDepth: 3 })
  .filter((v) => !JSON.stringify(v).includes('"__proto__"'));
export const nonString = json.filter((v) => typeof v !== 'string');
const nonArray = json.filter((v) => !Array.isArray(v));
export const nonObject = json.filter((v) => !isPlainObject(v));
export const unknownKey = (known: readonly string[]) =>
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
export const notOneOf = (values: readonly string[]) =>
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

/** A mutation the server accepts (checked in push-bodies.test.ts): every optional part present. */
export const validMutation = fc
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

export const badMutation = fc
  .tuple(validMutation, mutationCorruption)
  .map(([valid, [path, value]]) => withValueAt(valid, path, value));

/** A push body that is malformed as a whole (P7): one part of it has the wrong type. */
export const badPushBody = fc.oneof(
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
export const malformedJsonText = fc
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
export function nested(kind: 'array' | 'object' | 'mixed', depth: number, inner = '0'): string {
  if (kind === 'array') return '['.repeat(depth) + inner + ']'.repeat(depth);
  if (kind === 'object') return '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
  const half = Math.floor(depth / 2);
  return '[{"a":'.repeat(half) + inner + '}]'.repeat(half);
}

/** Query values that are not a valid cursor or limit in any reading. */
export const badNumberText = fc.oneof(
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
