import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromiumExecutable } from '../e2e/support/browser.ts';
import type { Row } from './stats.ts';

/**
 * Lighthouse 12 (mobile preset: a mid-range phone on a slow 4G link, simulated) on a first,
 * cold visit to a page of the running app. Fetched from the npm registry on first use rather
 * than kept in devDependencies: only this benchmark needs it, and it is large.
 */
const LIGHTHOUSE = 'lighthouse@12.8.2';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const TARGETS = 'perf ≥ 95 · a11y 100 · best practices 100';

interface Report {
  categories: Record<(typeof CATEGORIES)[number], { score: number | null }>;
  audits: Record<string, { displayValue?: string }>;
}

// Lighthouse now and then fails to record a trace of the load (NO_NAVSTART, seen here about one
// run in fifteen); the next run of the same page records fine.
const ATTEMPTS = 3;

async function audit(url: string, chromePath: string): Promise<Report> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await auditOnce(url, chromePath);
    } catch (error) {
      if (attempt === ATTEMPTS) throw error;
      console.log(
        `Lighthouse failed on ${url} (attempt ${attempt} of ${ATTEMPTS}); running it again`,
      );
    }
  }
}

async function auditOnce(url: string, chromePath: string): Promise<Report> {
  const { stdout } = await promisify(execFile)(
    'npx',
    [
      '--yes',
      LIGHTHOUSE,
      url,
      '--output=json',
      '--output-path=stdout',
      '--quiet',
      `--only-categories=${CATEGORIES.join(',')}`,
      `--chrome-path=${chromePath}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Report;
}

const score = (report: Report, category: (typeof CATEGORIES)[number]) =>
  Math.round((report.categories[category].score ?? 0) * 100);

/** One row per page: the four scores, with the timings behind the performance score. */
export async function lighthouseScores(baseURL: string, paths: string[]): Promise<Row[]> {
  const chromePath = chromiumExecutable();
  if (!chromePath) {
    console.log('Lighthouse skipped: no Chromium found (apt-get install chromium)');
    return [];
  }
  const rows: Row[] = [];
  for (const path of paths) {
    const report = await audit(`${baseURL}${path}`, chromePath);
    const timing = (id: string) => report.audits[id]?.displayValue ?? '?';
    rows.push({
      measure: `Lighthouse 12, mobile, cold visit to ${path}`,
      result:
        `perf ${score(report, 'performance')} · a11y ${score(report, 'accessibility')} · ` +
        `best practices ${score(report, 'best-practices')} · SEO ${score(report, 'seo')}`,
      baseline: `FCP ${timing('first-contentful-paint')}, LCP ${timing('largest-contentful-paint')}, TBT ${timing('total-blocking-time')}`,
      ratio: '',
      target: TARGETS,
    });
  }
  return rows;
}
