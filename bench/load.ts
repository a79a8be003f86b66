import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../src/protocol/version.ts';
import { MAX_STREAMS_PER_USER } from '../src/server/routes/events.ts';
import { testConfig } from '../src/server/testing.ts';
import { listen } from '../test/server.ts';
import { formatMs, percentile, type Row } from './stats.ts';

/**
 * `npm run bench -- load`: one server under many devices (issue 15). Accounts each hold the
 * most event streams a user may (10), so 100 accounts hold 1,000 streams; one device per
 * account pushes one note and pulls, in rounds, all 100 at once. Traffic goes to loopback
 * only, bounded in count (ROUNDS) and time (MAX_MS). The baseline is the same device alone,
 * with no other streams or devices, in the same run. Then the same on PostgreSQL with one
 * instance, and with two instances on one database (devices and streams split between them;
 * both in this Node process, on this machine's two cores).
 */
const ACCOUNTS = 100;
const ROUNDS = 15;
const MAX_MS = 20_000;
/** Sign-ups and requests of the bench are not what the limits are for. */
const UNLIMITED = { limit: 1_000_000, windowMs: 60_000 };
const RATE_LIMITS = {
  auth: UNLIMITED,
  push: UNLIMITED,
  sync: UNLIMITED,
  events: UNLIMITED,
  account: UNLIMITED,
};
const CHEAP_PASSWORDS = { N: 2 ** 10, r: 8, p: 1 };

interface Device {
  baseUrl: string;
  headers: Record<string, string>;
  cursor: number;
}

interface LoadFigures {
  pushesPerSecond: number;
  pushMs: number[];
  pokeMs: number[];
}

export async function loadBenchmarks(): Promise<Row[]> {
  const rows: Row[] = [];
  const setups: { label: string; backend: 'sqlite' | 'postgres'; instances: number }[] = [
    { label: 'sqlite', backend: 'sqlite', instances: 1 },
  ];
  if (process.env.TEST_DATABASE_URL) {
    setups.push({ label: 'postgres', backend: 'postgres', instances: 1 });
    setups.push({ label: 'postgres, 2 instances', backend: 'postgres', instances: 2 });
  }
  for (const setup of setups) rows.push(...(await loadRows(setup)));
  return rows;
}

async function loadRows({
  label,
  backend,
  instances,
}: {
  label: string;
  backend: 'sqlite' | 'postgres';
  instances: number;
}): Promise<Row[]> {
  const config = testConfig({}, backend);
  const apps: FastifyInstance[] = [];
  for (let index = 0; index < instances; index++) {
    apps.push(await buildApp(config, { rateLimits: RATE_LIMITS, passwordCost: CHEAP_PASSWORDS }));
  }
  try {
    const urls = await Promise.all(apps.map(listen));
    const alone = await run(urls, 1, 1);
    const busy = await run(urls, ACCOUNTS, MAX_STREAMS_PER_USER);
    const streams = ACCOUNTS * MAX_STREAMS_PER_USER;
    const p = (values: number[], at: number) => formatMs(percentile(values, at));
    return [
      {
        measure: `load: ${ACCOUNTS} devices push and pull, ${streams.toLocaleString('en')} streams open (${label})`,
        result: `${busy.pushesPerSecond.toFixed(0)} pushes/s`,
        baseline: `one device alone: ${alone.pushesPerSecond.toFixed(0)} /s`,
        ratio: (busy.pushesPerSecond / alone.pushesPerSecond).toFixed(2),
        target: '',
      },
      {
        measure: `  push latency p50 / p99 (${label})`,
        result: `${p(busy.pushMs, 50)} / ${p(busy.pushMs, 99)}`,
        baseline: `alone: ${p(alone.pushMs, 50)} / ${p(alone.pushMs, 99)}`,
        ratio: (percentile(busy.pushMs, 50) / percentile(alone.pushMs, 50)).toFixed(2),
        target: '',
      },
      {
        measure: `  poke delivery after the push is sent, p50 / p99 (${label})`,
        result: `${p(busy.pokeMs, 50)} / ${p(busy.pokeMs, 99)}`,
        baseline: `alone: ${p(alone.pokeMs, 50)} / ${p(alone.pokeMs, 99)}`,
        ratio: (percentile(busy.pokeMs, 50) / percentile(alone.pokeMs, 50)).toFixed(2),
        target: '',
      },
    ];
  } finally {
    await Promise.all(apps.map((app) => app.close()));
  }
}

/**
 * `accounts` accounts, each with `streamsEach` streams spread over the instances, and one
 * device each pushing and pulling for ROUNDS rounds (or until MAX_MS has passed).
 */
async function run(urls: string[], accounts: number, streamsEach: number): Promise<LoadFigures> {
  const devices: Device[] = [];
  for (let index = 0; index < accounts; index++) {
    devices.push(await signUp(urls[index % urls.length]!));
  }
  const pokes = new Map<Device, Map<number, number[]>>();
  const streams = await Promise.all(
    devices.flatMap((device, index) =>
      Array.from({ length: streamsEach }, (_, n) =>
        openStream(urls[(index + n) % urls.length]!, device, (cursor, at) => {
          const seen = pokes.get(device) ?? new Map<number, number[]>();
          seen.set(cursor, [...(seen.get(cursor) ?? []), at]);
          pokes.set(device, seen);
        }),
      ),
    ),
  );
  const pushMs: number[] = [];
  const pokeMs: number[] = [];
  const started = performance.now();
  let pushes = 0;
  for (let round = 0; round < ROUNDS && performance.now() - started < MAX_MS; round++) {
    await Promise.all(
      devices.map(async (device) => {
        const sentAt = performance.now();
        const cursor = await pushOne(device);
        pushMs.push(performance.now() - sentAt);
        pushes++;
        await pullFrom(device);
        // Every stream of the account is poked with this cursor (or a later one).
        const arrived = await waitForPokes(pokes, device, cursor, streamsEach);
        pokeMs.push(...arrived.map((at) => at - sentAt));
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  streams.forEach((close) => close());
  return { pushesPerSecond: pushes / seconds, pushMs, pokeMs };
}

async function signUp(baseUrl: string): Promise<Device> {
  const response = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: `load-${randomUUID().slice(0, 12)}`, password: 'load test!' }),
  });
  const { token } = (await response.json()) as { token: string };
  return {
    baseUrl,
    headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    cursor: 0,
  };
}

async function pushOne(device: Device): Promise<number> {
  const mutation = {
    id: randomUUID(),
    collection: 'notes',
    recordId: randomUUID(),
    op: 'put',
    baseVersion: 0,
    set: { title: 'Under load', body: 'A line of text.\nAnother.', pinned: false },
    clientTime: Date.now(),
  };
  const response = await fetch(`${device.baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: { ...device.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: 'load', mutations: [mutation] }),
  });
  if (!response.ok) throw new Error(`push answered ${response.status}`);
  return ((await response.json()) as { cursor: number }).cursor;
}

async function pullFrom(device: Device): Promise<void> {
  const response = await fetch(`${device.baseUrl}/api/sync/pull?cursor=${device.cursor}`, {
    headers: device.headers,
  });
  if (!response.ok) throw new Error(`pull answered ${response.status}`);
  device.cursor = ((await response.json()) as { cursor: number }).cursor;
}

/** Opens an event stream and reports each poke's cursor and when it arrived; answers close. */
async function openStream(
  baseUrl: string,
  device: Device,
  onPoke: (cursor: number, at: number) => void,
): Promise<() => void> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/sync/events?protocol=1`, {
    headers: { authorization: device.headers.authorization! },
    signal: controller.signal,
  });
  if (!response.body) throw new Error(`no stream: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let text = '';
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += chunk.value;
        // Whole events only: a chunk may end in the middle of one.
        const events = text.split('\n\n');
        text = events.pop() ?? '';
        for (const event of events) {
          const cursor = /"cursor":(\d+)/.exec(event)?.[1];
          if (cursor) onPoke(Number(cursor), performance.now());
        }
      }
    } catch {
      // closed
    }
  })();
  return () => controller.abort();
}

/** When each of the account's streams first saw `cursor` or later; waits up to 5 s. */
async function waitForPokes(
  pokes: Map<Device, Map<number, number[]>>,
  device: Device,
  cursor: number,
  streams: number,
): Promise<number[]> {
  const deadline = performance.now() + 5_000;
  for (;;) {
    const arrived = pokes.get(device)?.get(cursor) ?? [];
    if (arrived.length >= streams || performance.now() > deadline) return arrived;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
