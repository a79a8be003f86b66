import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { chromiumLaunchOptions } from '../e2e/support/browser.ts';
import { startServer, type RunningServer } from '../e2e/support/server.ts';
import { mergeBenchmarks, mergeConditions } from './merge.ts';
import { lighthouseScores } from './lighthouse.ts';
import { loadBenchmarks } from './load.ts';
import { peerBenchmarks } from './peers.ts';
import { serverBenchmarks } from './server.ts';
import { shippedSizes } from './sizes.ts';
import { formatMs, machineConditions, median, percentile, printTable, type Row } from './stats.ts';

/**
 * `npm run bench`: measures the device-side data layer and the first render in headless
 * Chromium, each against a baseline measured in the same run, and prints one table.
 * It is not a test: nothing here fails on a slow figure; the figures go in the issue notes.
 */
const EDITS = 1_000;
const NOTES = 10_000;
const RENDER_RUNS = 5;
const BULK_RUNS = 3;

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

async function harnessContext(browser: Browser, server: RunningServer): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.baseURL, serviceWorkers: 'allow' });
  // The harness page is served from disk on the app's origin, so it shares the app's IndexedDB.
  await context.route(`${server.baseURL}/bench/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/bench\//, '') || 'index.html';
    const body = await readFile(join('dist-bench', path));
    await route.fulfill({
      body,
      contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    });
  });
  return context;
}

async function measureEdits(context: BrowserContext): Promise<Row[]> {
  const page = await context.newPage();
  await page.goto('/bench/index.html');
  const { repository, rawPut, twoPuts, readThenPut } = await page.evaluate(
    (count) => window.outpostBench.editLatencies(count),
    EDITS,
  );
  const keystrokes = await page.evaluate(
    (count) => window.outpostBench.keystrokeLatencies(count),
    EDITS,
  );
  await page.close();
  return [
    {
      measure: `(a) one local edit, median of ${EDITS}`,
      result: formatMs(median(repository)),
      baseline: `raw Dexie put: ${formatMs(median(rawPut))}`,
      ratio: (median(repository) / median(rawPut)).toFixed(2),
      target: 'ratio ≤ 1.5',
    },
    {
      measure: `(a) one local edit, p95 of ${EDITS}`,
      result: formatMs(percentile(repository, 95)),
      baseline: `raw Dexie put: ${formatMs(percentile(rawPut, 95))}`,
      ratio: (percentile(repository, 95) / percentile(rawPut, 95)).toFixed(2),
      target: 'ratio ≤ 2',
    },
    {
      measure: `(a) floor: note + outbox row put in one transaction, no reads, median of ${EDITS}`,
      result: formatMs(median(twoPuts)),
      baseline: `raw Dexie put: ${formatMs(median(rawPut))}`,
      ratio: (median(twoPuts) / median(rawPut)).toFixed(2),
      target: '',
    },
    {
      measure: `(a) floor under the rules: read record + unsent entry + watermark, then both puts`,
      result: formatMs(median(readThenPut)),
      baseline: `raw Dexie put: ${formatMs(median(rawPut))}`,
      ratio: (median(readThenPut) / median(rawPut)).toFixed(2),
      target: '',
    },
    {
      measure: `(a) one keystroke as the editor writes it (journal + edit), median of ${EDITS}`,
      result: formatMs(median(keystrokes)),
      baseline: `raw Dexie put: ${formatMs(median(rawPut))}`,
      ratio: (median(keystrokes) / median(rawPut)).toFixed(2),
      target: '≤ 2 ms',
    },
  ];
}

async function measureBulkLoad(context: BrowserContext): Promise<Row[]> {
  const page = await context.newPage();
  await page.goto('/bench/index.html');
  const runs: Awaited<ReturnType<typeof window.outpostBench.bulkLoad>>[] = [];
  for (let run = 0; run < BULK_RUNS; run++) {
    runs.push(await page.evaluate((count) => window.outpostBench.bulkLoad(count), NOTES));
  }
  await page.close();
  const repository = median(runs.map((run) => run.repositoryMs));
  const raw = median(runs.map((run) => run.rawBulkPutMs));
  const rawBoth = median(runs.map((run) => run.rawBothTablesMs));
  const measure = `(b) bulk-load ${NOTES.toLocaleString('en')} notes via repository, median of ${BULK_RUNS}`;
  return [
    {
      measure,
      result: formatMs(repository),
      baseline: `raw notes bulkPut: ${formatMs(raw)}`,
      ratio: (repository / raw).toFixed(2),
      target: 'ratio ≤ 1.5',
    },
    {
      measure: '(b) same, against raw notes + outbox bulkAdd',
      result: formatMs(repository),
      baseline: `raw two tables: ${formatMs(rawBoth)}`,
      ratio: (repository / rawBoth).toFixed(2),
      target: '',
    },
  ];
}

async function measureSync(context: BrowserContext): Promise<Row[]> {
  const page = await context.newPage();
  await page.goto('/bench/index.html');
  const small = await page.evaluate((count) => window.outpostBench.syncFigures(count), NOTES);
  const large = await page.evaluate((count) => window.outpostBench.syncFigures(count), 10 * NOTES);
  await page.close();
  const perSecond = (count: number, ms: number) =>
    `${Math.round(count / (ms / 1000)).toLocaleString('en')} records/s`;
  return [
    {
      measure: `(4a) push ${NOTES.toLocaleString('en')} queued mutations, end to end`,
      result: formatMs(small.pushMs),
      baseline: `waiting on the server: ${formatMs(small.pushWaitMs)}`,
      ratio: (small.pushMs / small.pushWaitMs).toFixed(2),
      target: '≤ 3 s',
    },
    {
      measure: `(4a) whole sync after ${NOTES.toLocaleString('en')} new notes (push, pull the echo, clear markers)`,
      result: formatMs(small.wholeSyncMs),
      baseline: `push alone: ${formatMs(small.pushMs)}`,
      ratio: (small.wholeSyncMs / small.pushMs).toFixed(2),
      target: '',
    },
    {
      measure: `(4b) initial pull of ${NOTES.toLocaleString('en')} records into IndexedDB`,
      result: perSecond(NOTES, small.initialPullMs),
      baseline: formatMs(small.initialPullMs),
      ratio: '',
      target: '≥ 10,000 records/s',
    },
    {
      measure: `(4b) initial pull of ${(10 * NOTES).toLocaleString('en')} records into IndexedDB`,
      result: perSecond(10 * NOTES, large.initialPullMs),
      baseline: formatMs(large.initialPullMs),
      ratio: '',
      target: '≥ 10,000 records/s',
    },
    ...[small, large].map((figures, index) => {
      const count = (index === 0 ? NOTES : 10 * NOTES).toLocaleString('en');
      return {
        measure: `(V3) check a device of ${count} records that is in sync (digests, nothing fetched)`,
        result: formatMs(figures.verifyMs),
        baseline: `initial pull of the same: ${formatMs(figures.initialPullMs)}`,
        ratio: (figures.verifyMs / figures.initialPullMs).toFixed(2),
        target: '',
      };
    }),
    {
      measure: `(4c) apply a pull of ${NOTES.toLocaleString('en')} changes`,
      result: formatMs(small.applyMs),
      baseline: `raw bulkPut: ${formatMs(small.rawBulkPutMs)}`,
      ratio: (small.applyMs / small.rawBulkPutMs).toFixed(2),
      target: 'ratio ≤ 2',
    },
  ];
}

async function measureListReads(context: BrowserContext): Promise<Row[]> {
  const page = await context.newPage();
  await page.goto('/bench/index.html');
  const reads = await page.evaluate((count) => window.outpostBench.listReads(count), NOTES);
  await page.close();
  const of = `${NOTES.toLocaleString('en')} notes, median of 21`;
  return [
    {
      measure: `(c) the list's first window: newest 50 and the length, ${of}`,
      result: formatMs(reads.newest50),
      baseline: `raw updatedAt read of 50: ${formatMs(reads.rawNewest50)}`,
      ratio: (reads.newest50 / reads.rawNewest50).toFixed(2),
      target: 'ratio ≤ 5',
    },
    {
      measure: '(c) what a save makes the notes list read again: that window',
      result: formatMs(reads.newest50),
      baseline: `whole table + sort, as before: ${formatMs(reads.wholeTable)}`,
      ratio: (reads.newest50 / reads.wholeTable).toFixed(3),
      target: '',
    },
  ];
}

async function measureSearch(context: BrowserContext): Promise<Row[]> {
  const page = await context.newPage();
  await page.goto('/bench/index.html');
  const search = await page.evaluate((count) => window.outpostBench.searchFigures(count), NOTES);
  await page.close();
  const over = `${NOTES.toLocaleString('en')} notes and ${(NOTES / 10).toLocaleString('en')} contacts`;
  return [
    {
      measure: `(d) one search query over ${over}, median of ${search.terms.length} terms × 21`,
      result: formatMs(search.query),
      baseline: `normalizing every text per query, as before: ${formatMs(search.before)}`,
      ratio: (search.query / search.before).toFixed(2),
      target: '≤ 50 ms',
    },
    {
      measure: `(d) opening search: read both tables, normalize once, median of 5`,
      result: formatMs(search.open),
      baseline: '',
      ratio: '',
      target: '',
    },
  ];
}

/** Milliseconds from navigation start until the first list row is in the DOM, per reload. */
async function firstRenderTimes(
  context: BrowserContext,
  notes: number,
  synced: boolean,
): Promise<number[]> {
  const seeder = await context.newPage();
  await seeder.goto('/bench/index.html');
  await seeder.evaluate(([count, all]) => window.outpostBench.seedNotes(count, all), [
    notes,
    synced,
  ] as const);
  await seeder.evaluate(() => window.outpostBench.close());
  await seeder.close();

  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('.list-item')) {
        (window as unknown as { firstRow: number }).firstRow = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const times: number[] = [];
  // The first load installs the service worker; the measured loads are the warm ones after it.
  await page.goto('/notes');
  for (let run = 0; run < RENDER_RUNS; run++) {
    await page.reload();
    await page.waitForFunction(() => 'firstRow' in window);
    times.push(await page.evaluate(() => (window as unknown as { firstRow: number }).firstRow));
  }
  await page.close();
  return times;
}

/**
 * Frame intervals on /notes: idle, then while the list scrolls 200 px a frame (three rows),
 * as a flick does. A frame is dropped when its interval is over 1.5 times the idle median.
 */
async function scrollFrames(
  context: BrowserContext,
): Promise<{ idle: number[]; scrolling: number[] }> {
  const page = await context.newPage();
  await page.goto('/notes');
  await page.locator('.list-item').first().waitFor();
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const frames = await page.evaluate(async (scrollFrames) => {
    const box = document.querySelector<HTMLElement>('.virtual-list')!;
    const idle: number[] = [];
    const scrolling: number[] = [];
    for (const [times, count, step] of [
      [idle, 120, 0],
      [scrolling, scrollFrames, 200],
    ] as const) {
      let last = performance.now();
      for (let frame = 0; frame < count; frame++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        times.push(now - last);
        last = now;
        box.scrollTop += step;
      }
    }
    return { idle, scrolling };
  }, SCROLL_FRAMES);
  await page.close();
  return frames;
}

const SCROLL_FRAMES = 300;

async function measureFirstRender(browser: Browser, server: RunningServer): Promise<Row[]> {
  const measure = async (notes: number, synced: boolean) => {
    const context = await harnessContext(browser, server);
    const times = await firstRenderTimes(context, notes, synced);
    const frames = notes === NOTES && synced ? await scrollFrames(context) : undefined;
    await context.close();
    return { time: median(times), frames };
  };
  const baseline = await measure(10, true);
  const full = await measure(NOTES, true);
  const unsynced = await measure(NOTES, false);
  const { idle, scrolling } = full.frames!;
  const dropped = (times: number[]) => times.filter((time) => time > 1.5 * median(idle)).length;
  return [
    {
      measure: `(c) first render of the notes list, ${NOTES.toLocaleString('en')} synced notes, median of ${RENDER_RUNS}`,
      result: formatMs(full.time),
      baseline: `10 notes: ${formatMs(baseline.time)}`,
      ratio: (full.time / baseline.time).toFixed(2),
      target: 'ratio ≤ 1.3',
    },
    {
      measure: `(c) same, all ${NOTES.toLocaleString('en')} unsynced (the status reads their outbox entries)`,
      result: formatMs(unsynced.time),
      baseline: `10 notes: ${formatMs(baseline.time)}`,
      ratio: (unsynced.time / baseline.time).toFixed(2),
      target: '',
    },
    {
      measure: `(c) scrolling ${NOTES.toLocaleString('en')} notes, 200 px a frame for ${SCROLL_FRAMES} frames`,
      result: `${dropped(scrolling)} frames dropped, median ${formatMs(median(scrolling))}`,
      baseline: `idle: ${dropped(idle)} of ${idle.length}, median ${formatMs(median(idle))}`,
      ratio: '',
      target: '60 fps: none dropped',
    },
  ];
}

function conditions(browserVersion: string): string[] {
  return [
    ...machineConditions(),
    `node ${process.version}, headless Chromium ${browserVersion}, IndexedDB on a fresh profile`,
    `notes: ~130 characters of body, 1–2 tags; edits cycle over 100 synced notes (each folds into its pending mutation)`,
  ];
}

async function main(): Promise<void> {
  if (wanted('merge')) {
    console.log('\nOutpost benchmark — line merge of a text field, in process');
    mergeConditions().forEach((line) => console.log(`  ${line}`));
    console.log('');
    printTable(mergeBenchmarks());
  }
  if (wanted('load')) {
    console.log('\nOutpost benchmark — one server under many devices, over loopback');
    machineConditions().forEach((line) => console.log(`  ${line}`));
    console.log(`  node ${process.version}; Fastify in this process; one note per push\n`);
    printTable(await loadBenchmarks());
  }
  if (wanted('peers')) await peerBenchmarks();
  // The merge and the load need no build or browser: `tsx bench/run.ts merge load` runs them.
  if (!BUILT_SECTIONS.some(wanted)) return;
  if (wanted('sizes')) {
    console.log('\nOutpost benchmark — what the build ships (dist/, as `npm run build` left it)');
    console.log('  ratio: compressed (brotli) ÷ raw\n');
    printTable(shippedSizes());
  }
  if (BROWSER_SECTIONS.some(wanted)) await deviceBenchmarks();
  if (!wanted('server')) return;
  const backends = process.env.TEST_DATABASE_URL
    ? 'SQLite (WAL, synchronous=FULL) and PostgreSQL'
    : 'SQLite (WAL, synchronous=FULL); set TEST_DATABASE_URL for PostgreSQL';
  console.log(`\nOutpost benchmark — sync server in process (Fastify inject, ${backends})\n`);
  printTable(await serverBenchmarks());
}

/** The sections measured in headless Chromium against a running server, in one table. */
async function deviceBenchmarks(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], { stdio: 'inherit' });
  const server = await startServer();
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  try {
    const context = await harnessContext(browser, server);
    const rows: Row[] = [];
    if (wanted('edits')) rows.push(...(await measureEdits(context)));
    if (wanted('bulk')) rows.push(...(await measureBulkLoad(context)));
    if (wanted('sync')) rows.push(...(await measureSync(context)));
    if (wanted('lists')) rows.push(...(await measureListReads(context)));
    if (wanted('search')) rows.push(...(await measureSearch(context)));
    await context.close();
    if (wanted('render')) rows.push(...(await measureFirstRender(browser, server)));
    // Last, with the other browser idle: Lighthouse runs its own Chromium on the same cores.
    if (wanted('lighthouse'))
      rows.push(...(await lighthouseScores(server.baseURL, LIGHTHOUSE_PAGES)));
    console.log('\nOutpost benchmark — device data layer and first render');
    conditions(browser.version()).forEach((line) => console.log(`  ${line}`));
    console.log('');
    printTable(rows);
  } finally {
    await browser.close();
    await server.stop();
  }
}

const LIGHTHOUSE_PAGES = ['/notes', '/settings'];
const BROWSER_SECTIONS = [
  'edits',
  'bulk',
  'sync',
  'lists',
  'search',
  'render',
  'lighthouse',
] as const;
/** Sections that need `npm run build` first (the app the browser loads, the built server). */
const BUILT_SECTIONS = ['sizes', ...BROWSER_SECTIONS, 'server'] as const;
type Section = (typeof BUILT_SECTIONS)[number] | 'merge' | 'load' | 'peers';

/** `npm run bench -- sync render` runs only those sections; no arguments runs them all. */
function wanted(section: Section): boolean {
  const chosen = process.argv.slice(2);
  return chosen.length === 0 || chosen.includes(section);
}

await main();
