import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from './config.ts';

/**
 * A configuration for a server under test: its own empty SQLite directory, or the
 * PostgreSQL database named by TEST_DATABASE_URL when `postgres` is asked for.
 */
export function testConfig(
  overrides: Partial<Config> = {},
  backend: 'sqlite' | 'postgres' = 'sqlite',
): Config {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'outpost-server-test-'));
  const env = backend === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {};
  return { ...loadConfig({ ...env, OUTPOST_DATA_DIR: dataDir }), ...overrides };
}
