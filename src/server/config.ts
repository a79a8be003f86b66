import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Which storage backend the server uses ([S2]); reported by /api/health ([S1]). */
export type StorageKind = 'sqlite' | 'postgres';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly storage: StorageKind;
  /** The PostgreSQL URL when `storage` is 'postgres', otherwise undefined. */
  readonly databaseUrl: string | undefined;
  /** Absolute path; SQLite keeps its database here. */
  readonly dataDir: string;
  /** [F1] fault-injection routes exist only when this is true. */
  readonly faults: boolean;
  /**
   * [F1] The secret a request must present (header Outpost-Faults-Token) to arm or clear a
   * fault. Unset with faults on, the server makes one at start and prints it.
   */
  readonly faultsToken: string | undefined;
  /** Absolute path of the built web app (vite's output). */
  readonly appDir: string;
  /** [L4] days a deleted record stays as a tombstone before it is purged. */
  readonly tombstoneRetentionDays: number;
  /** Whether the built app's source maps (*.map) are served; off unless asked for. */
  readonly serveSourceMaps: boolean;
  /** [A6] how long sessions last: unused (idle), and at most (absolute), in days. */
  readonly sessionIdleDays: number;
  readonly sessionMaxDays: number;
  /**
   * Which proxies in front of the server to believe about the client (X-Forwarded-For, -Proto,
   * -Host), as Fastify's `trustProxy`: false, a hop count, or addresses and CIDRs.
   */
  readonly trustProxy: false | number | string[];
}

/** A configuration value that cannot be used; main prints it without a stack. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

// This file is src/server/config.ts, or dist-server/server/config.js once built: in both cases
// the repository root is two levels up, so the default app dir is <repo>/dist either way.
const DEFAULT_APP_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Reads the configuration from `env` ([S2]). Pure: no I/O, `cwd` resolves relative paths. */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  const storage = storageFor(databaseUrl);
  return {
    port: parsePort(env.PORT),
    host: nonEmpty(env.HOST) ?? DEFAULT_HOST,
    storage,
    databaseUrl: storage === 'postgres' ? databaseUrl : undefined,
    dataDir: path.resolve(cwd, nonEmpty(env.OUTPOST_DATA_DIR) ?? './data'),
    faults: env.OUTPOST_FAULTS === '1',
    faultsToken: parseFaultsToken(env.OUTPOST_FAULTS_TOKEN),
    tombstoneRetentionDays: parseDays(
      env,
      'OUTPOST_TOMBSTONE_RETENTION_DAYS',
      DEFAULT_TOMBSTONE_RETENTION_DAYS,
    ),
    sessionIdleDays: parseDays(env, 'OUTPOST_SESSION_IDLE_DAYS', DEFAULT_SESSION_IDLE_DAYS),
    sessionMaxDays: parseDays(env, 'OUTPOST_SESSION_MAX_DAYS', DEFAULT_SESSION_MAX_DAYS),
    trustProxy: parseTrustProxy(env.OUTPOST_TRUST_PROXY),
    appDir: path.resolve(cwd, nonEmpty(env.OUTPOST_APP_DIR) ?? DEFAULT_APP_DIR),
    serveSourceMaps: env.OUTPOST_SOURCE_MAPS === '1',
  };
}

// An empty variable (e.g. `PORT=` in a compose file) means "not set", not "invalid".
function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function parsePort(raw: string | undefined): number {
  const value = nonEmpty(raw);
  if (value === undefined) return DEFAULT_PORT;
  // Port 0 is allowed: the OS picks a free port (test fixtures start servers that way).
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}

export const DEFAULT_TOMBSTONE_RETENTION_DAYS = 90;
/** [A6] a month unused, or a year in all, and the device signs in again. */
export const DEFAULT_SESSION_IDLE_DAYS = 30;
export const DEFAULT_SESSION_MAX_DAYS = 365;

function parseDays(env: Env, name: string, fallback: number): number {
  const value = nonEmpty(env[name]);
  if (value === undefined) return fallback;
  const days = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1)) {
    throw new ConfigError(
      `${name} must be a whole number of days, at least 1; got ${JSON.stringify(env[name])}`,
    );
  }
  return days;
}

/** Long enough not to be guessed: a shorter one is refused rather than quietly used. */
function parseFaultsToken(raw: string | undefined): string | undefined {
  const value = nonEmpty(raw);
  if (value !== undefined && value.length < 16) {
    throw new ConfigError('OUTPOST_FAULTS_TOKEN must have at least 16 characters');
  }
  return value;
}

/**
 * A hop count, or a comma-separated list of proxy addresses or CIDR ranges. Not `true`: that
 * believes the leftmost X-Forwarded-For entry, which the client writes itself, so a password
 * guesser would name a new address on every request and escape the per-address limits.
 */
function parseTrustProxy(raw: string | undefined): number | string[] | false {
  const value = nonEmpty(raw);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') {
    throw new ConfigError(
      'OUTPOST_TRUST_PROXY=true would believe addresses clients make up: give the number of proxies in front (1 for one) or their addresses',
    );
  }
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const addresses = value.split(',').map((part) => part.trim());
  if (addresses.every((address) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(address))) return addresses;
  throw new ConfigError(
    `OUTPOST_TRUST_PROXY must be true, a number of proxies, or addresses/CIDRs separated by commas; got ${JSON.stringify(raw)}`,
  );
}

// [S2] only a postgres:// (or postgresql://) URL selects PostgreSQL; anything else is SQLite.
function storageFor(databaseUrl: string | undefined): StorageKind {
  return databaseUrl !== undefined && /^postgres(ql)?:\/\//i.test(databaseUrl)
    ? 'postgres'
    : 'sqlite';
}
