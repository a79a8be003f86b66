import { diff3Merge } from 'node-diff3';
import { mergeText } from '../src/model/merge/text.ts';
import { formatMs, machineConditions, median, type Row } from './stats.ts';

/**
 * The `merge` section of `npm run bench`: the server's line merge of a text field (R3, P3) on
 * the texts src/model/merge/text.test.ts checks for correctness, each timed against a baseline
 * in the same run. Pure computation in this process: no build, browser or database needed.
 */
const RUNS = 15;
/** Raw diff3 takes about half a second on the long note: fewer runs keep the section short. */
const SLOW_RUNS = 5;

/** About 95,000 characters: paragraphs of four lines separated by blank lines. */
const journal = Array.from({ length: 1_900 }, (_, index) =>
  index % 5 === 4 ? '' : `Line ${index} of the journal, with a few more words in it, and more.`,
);
const journalText = journal.join('\n');
const editLine = (at: number, line: string) =>
  journal.map((old, index) => (index === at ? line : old)).join('\n');

interface Case {
  measure: string;
  texts: [base: string, current: string, incoming: string];
  baseline: 'raw diff3' | 'split and join';
  target: string;
}

const CASES: Case[] = [
  {
    measure: '100,000-char note, edited at both ends (clean)',
    texts: [
      journalText,
      ['Fixed title', ...journal.slice(1)].join('\n'),
      [...journal, 'Appended today.'].join('\n'),
    ],
    baseline: 'raw diff3',
    target: '< 100 ms',
  },
  {
    measure: '100,000-char note, same line edited on both sides (conflict)',
    texts: [journalText, editLine(950, 'mine'), editLine(950, 'theirs')],
    baseline: 'raw diff3',
    target: '< 100 ms',
  },
  {
    measure: '100,000 identical lines, edited at both ends (one conflict)',
    texts: ['\n'.repeat(100_000), 'top' + '\n'.repeat(100_000), '\n'.repeat(100_000) + 'bottom'],
    baseline: 'split and join',
    target: '< 100 ms',
  },
];

/** The median of `runs` timings in ms, after one warm-up run. */
function timed(run: () => unknown, runs: number): number {
  run();
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  });
  return median(times);
}

/**
 * The baselines: node-diff3 on the raw lines (what text.ts did before cutting texts at anchor
 * lines and setting common ends aside), and, where that would take minutes (its LCS is cubic on
 * repeated lines), the least any line merge does: split the three texts into lines and join one.
 */
function baselineOf({ baseline, texts: [base, current, incoming] }: Case): () => unknown {
  if (baseline === 'raw diff3') {
    return () =>
      diff3Merge(current.split('\n'), base.split('\n'), incoming.split('\n'), {
        excludeFalseConflicts: true,
      });
  }
  return () => [base, current, incoming].map((text) => text.split('\n')).map((l) => l.join('\n'));
}

export function mergeConditions(): string[] {
  return [
    ...machineConditions(),
    `node ${process.version}; each figure the median of ${RUNS} runs (raw diff3: ${SLOW_RUNS}) after one warm-up`,
    `texts: a 1,900-line journal (~95,000 characters, a blank line every 5th), and 100,001 empty lines`,
  ];
}

export function mergeBenchmarks(): Row[] {
  return CASES.map((entry) => {
    const [base, current, incoming] = entry.texts;
    const result = timed(() => mergeText(base, current, incoming), RUNS);
    const baseline = timed(baselineOf(entry), entry.baseline === 'raw diff3' ? SLOW_RUNS : RUNS);
    const ratio = result / baseline;
    return {
      measure: `(m) mergeText, ${entry.measure}`,
      result: formatMs(result),
      baseline: `${entry.baseline}: ${formatMs(baseline)}`,
      // Two significant digits: the merge is a small fraction of raw diff3.
      ratio: ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2),
      target: entry.target,
    };
  });
}
