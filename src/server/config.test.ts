import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_HOST, DEFAULT_PORT, loadConfig } from './config.ts';

const CWD = '/srv/outpost';

describe('loadConfig', () => {
  it('[S2] uses the defaults for an empty environment', () => {
    const config = loadConfig({}, CWD);
    expect(config).toMatchObject({
      port: DEFAULT_PORT,
      host: DEFAULT_HOST,
      storage: 'sqlite',
      databaseUrl: undefined,
      dataDir: path.join(CWD, 'data'),
      faults: false,
    });
    expect(DEFAULT_PORT).toBe(8787);
    expect(DEFAULT_HOST).toBe('127.0.0.1');
  });

  it('[S2] reads PORT, HOST, OUTPOST_DATA_DIR and OUTPOST_APP_DIR', () => {
    const config = loadConfig(
      { PORT: '9000', HOST: '0.0.0.0', OUTPOST_DATA_DIR: 'var/db', OUTPOST_APP_DIR: '/opt/app' },
      CWD,
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: path.join(CWD, 'var/db'),
      appDir: '/opt/app',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', HOST: ' ' }, CWD)).toMatchObject({
      port: DEFAULT_PORT,
      host: DEFAULT_HOST,
    });
  });

  it('allows PORT=0 so the OS picks a free port', () => {
    expect(loadConfig({ PORT: '0' }, CWD).port).toBe(0);
  });

  it.each(['abc', '-1', '65536', '80.5', '8080x', '1e3'])(
    'rejects PORT=%s with a coded error',
    (port) => {
      expect(() => loadConfig({ PORT: port }, CWD)).toThrow(ConfigError);
      try {
        loadConfig({ PORT: port }, CWD);
      } catch (err) {
        expect((err as ConfigError).code).toBe('config_invalid');
        expect((err as ConfigError).message).toContain('PORT');
      }
    },
  );

  it.each(['postgres://u@db:5432/outpost', 'postgresql://u@db/outpost', 'POSTGRES://db/x'])(
    '[S2] DATABASE_URL=%s selects PostgreSQL',
    (url) => {
      const config = loadConfig({ DATABASE_URL: url }, CWD);
      expect(config.storage).toBe('postgres');
      expect(config.databaseUrl).toBe(url);
    },
  );

  it.each(['', 'sqlite:./data/x.db', 'mysql://db/x'])(
    '[S2] DATABASE_URL=%j keeps SQLite',
    (url) => {
      const config = loadConfig({ DATABASE_URL: url }, CWD);
      expect(config.storage).toBe('sqlite');
      expect(config.databaseUrl).toBeUndefined();
    },
  );

  it('[F1] enables faults only for OUTPOST_FAULTS=1', () => {
    expect(loadConfig({ OUTPOST_FAULTS: '1' }, CWD).faults).toBe(true);
    for (const value of ['0', 'true', 'yes', '']) {
      expect(loadConfig({ OUTPOST_FAULTS: value }, CWD).faults).toBe(false);
    }
  });

  it('[F1] reads OUTPOST_FAULTS_TOKEN, and refuses one shorter than 16 characters', () => {
    expect(loadConfig({}, CWD).faultsToken).toBeUndefined();
    const token = 'a-long-enough-secret';
    expect(loadConfig({ OUTPOST_FAULTS_TOKEN: token }, CWD).faultsToken).toBe(token);
    expect(() => loadConfig({ OUTPOST_FAULTS_TOKEN: 'short' }, CWD)).toThrow(
      /OUTPOST_FAULTS_TOKEN/,
    );
  });

  it('serves source maps only for OUTPOST_SOURCE_MAPS=1', () => {
    expect(loadConfig({}, CWD).serveSourceMaps).toBe(false);
    expect(loadConfig({ OUTPOST_SOURCE_MAPS: '1' }, CWD).serveSourceMaps).toBe(true);
    expect(loadConfig({ OUTPOST_SOURCE_MAPS: 'true' }, CWD).serveSourceMaps).toBe(false);
  });

  it('defaults the app dir to <repo>/dist', () => {
    const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
    expect(loadConfig({}, CWD).appDir).toBe(path.join(repoRoot, 'dist'));
  });
});

describe('tombstone retention', () => {
  it('[L4] defaults to 90 days and reads OUTPOST_TOMBSTONE_RETENTION_DAYS', () => {
    expect(loadConfig({}).tombstoneRetentionDays).toBe(90);
    expect(loadConfig({ OUTPOST_TOMBSTONE_RETENTION_DAYS: '7' }).tombstoneRetentionDays).toBe(7);
  });

  it('refuses a retention that is not a whole number of days', () => {
    for (const value of ['0', '-1', '1.5', 'week']) {
      expect(() => loadConfig({ OUTPOST_TOMBSTONE_RETENTION_DAYS: value })).toThrow(ConfigError);
    }
  });
});

describe('session lifetimes', () => {
  it('[A6] default to 30 days unused and 365 in all, and read their variables', () => {
    expect(loadConfig({})).toMatchObject({ sessionIdleDays: 30, sessionMaxDays: 365 });
    const config = loadConfig({ OUTPOST_SESSION_IDLE_DAYS: '1', OUTPOST_SESSION_MAX_DAYS: '7' });
    expect(config).toMatchObject({ sessionIdleDays: 1, sessionMaxDays: 7 });
  });

  it('[A6] refuses a lifetime that is not a whole number of days, naming the variable', () => {
    for (const value of ['0', '1.5', 'month']) {
      expect(() => loadConfig({ OUTPOST_SESSION_IDLE_DAYS: value })).toThrow(
        /OUTPOST_SESSION_IDLE_DAYS/,
      );
    }
  });
});

describe('trusted proxies', () => {
  it('[A3] trusts no proxy unless told, then a hop count or addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ OUTPOST_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ OUTPOST_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ OUTPOST_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
    ]);
  });

  it('[A3] refuses a value it cannot read, with a coded error', () => {
    expect(() => loadConfig({ OUTPOST_TRUST_PROXY: 'yes please' })).toThrow(ConfigError);
    // `true` would believe the client-written end of X-Forwarded-For (a new address per guess).
    expect(() => loadConfig({ OUTPOST_TRUST_PROXY: 'true' })).toThrow(/number of proxies/);
  });
});
