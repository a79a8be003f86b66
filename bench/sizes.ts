import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Row } from './stats.ts';

/**
 * What the built app ships (dist/): the script a first visit must download before anything
 * shows, the rest of the page's code (loaded on demand), and the service worker, each raw and
 * as sent compressed (the .br/.gz copies scripts/precompress.mjs writes, which the server sends).
 */
const DIST = 'dist';
const KB = 1000;
/** Issue 12: the script of the first paint, compressed, on a mid-range phone's connection. */
const INITIAL_SCRIPT_BUDGET = 120 * KB;

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

function sizeOf(file: string): Size {
  const path = join(DIST, file);
  const body = readFileSync(path);
  // The build's own copies where written; a file too small to be worth one is sent as it is.
  const copy = (suffix: string, compress: (input: Buffer) => Buffer) =>
    existsSync(`${path}${suffix}`) ? statSync(`${path}${suffix}`).size : compress(body).length;
  return {
    raw: body.length,
    gzip: Math.min(body.length, copy('.gz', gzipSync)),
    brotli: Math.min(body.length, copy('.br', brotliCompressSync)),
  };
}

function total(files: string[]): Size {
  return files.map(sizeOf).reduce(
    (sum, size) => ({
      raw: sum.raw + size.raw,
      gzip: sum.gzip + size.gzip,
      brotli: sum.brotli + size.brotli,
    }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

/** Scripts index.html loads at once: the entry and every chunk it preloads. */
function initialScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  return tags
    .filter((tag) => tag.startsWith('<script') || /rel="modulepreload"/.test(tag))
    .map((tag) => /(?:src|href)="\/([^"]+)"/.exec(tag)?.[1])
    .filter((file): file is string => file !== undefined && file.endsWith('.js'));
}

const pageScripts = () =>
  readdirSync(join(DIST, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

function row(measure: string, size: Size, target = ''): Row {
  return {
    measure,
    result: `${kb(size.brotli)} br · ${kb(size.gzip)} gzip`,
    baseline: `raw: ${kb(size.raw)}`,
    ratio: (size.brotli / size.raw).toFixed(2),
    target,
  };
}

const files = (count: number) => `${count} ${count === 1 ? 'file' : 'files'}`;

export function shippedSizes(): Row[] {
  const first = initialScripts();
  const later = pageScripts().filter((file) => !first.includes(file));
  const initial = total(first);
  const verdict = initial.brotli <= INITIAL_SCRIPT_BUDGET ? 'within' : 'OVER';
  return [
    row(
      `initial page script (${files(first.length)}, sent at first load)`,
      initial,
      `≤ ${kb(INITIAL_SCRIPT_BUDGET)} compressed: ${verdict} budget`,
    ),
    row(`page code loaded on demand (${files(later.length)})`, total(later)),
    row('the page (index.html, with its start-up CSS inline)', sizeOf('index.html')),
    row('service worker (sw.js)', sizeOf('sw.js')),
  ];
}
