import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { chromiumLaunchOptions } from '../e2e/support/browser.ts';
import { machineConditions, median, printColumns } from './stats.ts';

/**
 * `npm run bench -- peers`: Outpost against RxDB (its free Dexie storage) and PouchDB (its idb
 * adapter), the same note-like documents through each in one headless Chromium, every figure a
 * ratio to a raw Dexie call of the same shape in the same run. The peers live in a package of
 * their own (bench/peers, with its own lockfile), installed here on first use, so the app's own
 * install stays lean.
 */
const PEERS = 'bench/peers';
const ORIGIN = 'http://peers.localhost';
const DOCS = 10_000;
const UPDATES = 1_000;
const RUNS = 3;
const SYSTEMS = ['raw', 'outpost', 'rxdb', 'pouchdb'] as const;
type System = (typeof SYSTEMS)[number];
type Figures = Record<
  'bulkInsert' | 'update' | 'firstNewest' | 'newest50' | 'titleContains' | 'pull',
  number
>;

declare global {
  interface Window {
    /** bench/peers/page/peers.ts, in the page. */
    outpostPeers: {
      measure(system: System, docs: number, updates: number): Promise<Figures>;
    };
  }
}

function installPeers(): void {
  if (existsSync(join(PEERS, 'node_modules'))) return;
  console.log(`Installing the peers into ${PEERS}/node_modules (first use only)…`);
  execFileSync('npm', ['ci', '--prefix', PEERS, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

function version(name: string): string {
  const manifest = JSON.parse(
    readFileSync(join(PEERS, 'node_modules', name, 'package.json'), 'utf8'),
  );
  return `${name} ${(manifest as { version: string }).version}`;
}

async function openPage(): Promise<{
  page: Page;
  close: () => Promise<void>;
  browserVersion: string;
}> {
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  const context = await browser.newContext();
  // Served from disk on an origin of its own: IndexedDB and crypto.randomUUID need one.
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/peers\//, '') || 'index.html';
    const type = extname(path) === '.js' ? 'text/javascript' : 'text/html';
    await route.fulfill({ body: await readFile(join('dist-peers', path)), contentType: type });
  });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  await page.goto(`${ORIGIN}/peers/index.html`);
  await page
    .waitForFunction(() => 'outpostPeers' in window, undefined, { timeout: 10_000 })
    .catch(() => {
      throw new Error(
        `The peers page did not start: ${failures.join('; ') || 'no error reported'}`,
      );
    });
  return { page, close: () => browser.close(), browserVersion: browser.version() };
}

/** Every system, run after run, interleaved so drift in the machine's load touches all alike. */
async function measureAll(page: Page): Promise<Record<System, Figures[]>> {
  const runs = Object.fromEntries(SYSTEMS.map((system) => [system, [] as Figures[]])) as Record<
    System,
    Figures[]
  >;
  for (let run = 0; run < RUNS; run++) {
    for (const system of SYSTEMS) {
      runs[system].push(
        await page.evaluate(
          ([name, docs, updates]) => window.outpostPeers.measure(name, docs, updates),
          [system, DOCS, UPDATES] as const,
        ),
      );
    }
  }
  return runs;
}

function table(runs: Record<System, Figures[]>): void {
  const of = (system: System, measure: keyof Figures) =>
    median(runs[system].map((figures) => figures[measure]));
  const ratio = (system: System, measure: keyof Figures) =>
    `${(of(system, measure) / of('raw', measure)).toFixed(2)}×`;
  const row = (
    label: string,
    measure: keyof Figures,
    extra: (system: System) => string = () => '',
  ) => [
    label,
    `${of('raw', measure).toFixed(1)} ms`,
    ...(['outpost', 'rxdb', 'pouchdb'] as const).map(
      (system) => `${ratio(system, measure)}${extra(system)}`,
    ),
  ];
  const count = DOCS.toLocaleString('en');
  printColumns(
    ['measure', 'raw Dexie (same run)', 'Outpost', 'RxDB (Dexie storage)', 'PouchDB (idb)'],
    [
      row(`bulk insert ${count}`, 'bulkInsert'),
      row(`one awaited update, median of ${UPDATES.toLocaleString('en')}`, 'update'),
      row('newest 50 by updatedAt, median of 5', 'newest50', (system) =>
        system === 'pouchdb' ? ` (+ ${of(system, 'firstNewest').toFixed(0)} ms index build)` : '',
      ),
      row('title contains a term, median of 5', 'titleContains'),
      row(
        `pull ${count} into a fresh database`,
        'pull',
        (system) => ` (${Math.round(DOCS / (of(system, 'pull') / 1000)).toLocaleString('en')}/s)`,
      ),
    ],
  );
}

export async function peerBenchmarks(): Promise<void> {
  installPeers();
  execFileSync('npx', ['vite', 'build', '--config', `${PEERS}/vite.config.ts`], {
    stdio: 'inherit',
  });
  const { page, close, browserVersion } = await openPage();
  try {
    const runs = await measureAll(page);
    console.log('\nOutpost benchmark — against RxDB and PouchDB, in one headless Chromium');
    machineConditions().forEach((line) => console.log(`  ${line}`));
    console.log(
      `  Chromium ${browserVersion}; ${['rxdb', 'pouchdb-browser', 'pouchdb-find'].map(version).join(', ')}; Dexie for all from the app`,
    );
    console.log(
      `  ${DOCS.toLocaleString('en')} note-like documents (~130 characters of body, 1–2 tags); medians of ${RUNS} runs, each on fresh databases`,
    );
    console.log('  Outpost: its repository (record + outbox), list index, search and pull code');
    console.log("  each figure: the system's time ÷ the raw Dexie call of the same shape\n");
    table(runs);
  } finally {
    await close();
  }
}
