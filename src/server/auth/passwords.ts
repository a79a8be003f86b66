import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

/**
 * [A4] passwords are kept only as a slow, salted scrypt hash, in a self-describing string
 * (`scrypt$N$r$p$salt$hash`): a hash made at an older cost still verifies, and is made again
 * at the current cost at the next sign-in (`needsRehash`).
 */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's minimum for scrypt: 128 MiB and about 0.4 s a hash on this project's machines. */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
// A stored hash asking for more than this is refused rather than computed: a tampered row must
// not make the server allocate gigabytes.
const MOST = { N: 2 ** 20, r: 16, p: 4 };

function scrypt(password: string, salt: Buffer, keyLength: number, cost: ScryptCost) {
  // scrypt needs 128·N·r bytes; Node refuses more than 32 MiB unless told.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise<Buffer>((resolve, reject) => {
    scryptCallback(password, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, cost);
  const parts = [cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')];
  return ['scrypt', ...parts].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [, , , , salt, hash] = stored.split('$');
  const cost = costOf(stored);
  if (!cost || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, cost);
  return timingSafeEqual(key, expected);
}

/** Whether a stored hash was made at another cost than `cost` (made again at sign-in). */
export function needsRehash(stored: string, cost = PASSWORD_COST): boolean {
  const made = costOf(stored);
  return !made || made.N !== cost.N || made.r !== cost.r || made.p !== cost.p;
}

/** The cost a stored hash was made at; undefined if it is not one of ours or asks too much. */
function costOf(stored: string): ScryptCost | undefined {
  const [scheme, ...numbers] = stored.split('$');
  const [N, r, p] = numbers.slice(0, 3).map(Number);
  if (scheme !== 'scrypt' || !N || !r || !p) return undefined;
  if (N > MOST.N || r > MOST.r || p > MOST.p) return undefined;
  return { N, r, p };
}

const decoys = new Map<string, Promise<string>>();

/**
 * A hash to compare against when the user does not exist, made at the same cost as real ones,
 * so an unknown username takes as long as a wrong password (A2: the two must be
 * indistinguishable). Made once per cost.
 */
export function decoyHash(cost = PASSWORD_COST): Promise<string> {
  const key = `${cost.N}$${cost.r}$${cost.p}`;
  let decoy = decoys.get(key);
  if (!decoy) {
    decoy = hashPassword(randomBytes(12).toString('hex'), cost);
    decoys.set(key, decoy);
  }
  return decoy;
}
