import { cpus, loadavg } from 'node:os';

/** Small statistics for benchmark tables. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export const median = (values: number[]) => percentile(values, 50);

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}

export interface Row {
  measure: string;
  result: string;
  baseline: string;
  ratio: string;
  target: string;
}

export function printTable(rows: Row[]): void {
  const keys: (keyof Row)[] = ['measure', 'result', 'baseline', 'ratio', 'target'];
  printColumns(
    ['measure', 'result', 'baseline (same run)', 'ratio', 'target'],
    rows.map((row) => keys.map((key) => row[key])),
  );
}

/** A Markdown table: a header row, then one row of cells each. */
export function printColumns(headers: string[], rows: string[][]): void {
  const widths = headers.map((_, column) =>
    Math.max(...[headers, ...rows].map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    `| ${widths.map((width, column) => (row[column] ?? '').padEnd(width)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  rows.forEach((row) => console.log(line(row)));
}

/** The first lines of every benchmark's conditions: when, and on what machine under what load. */
export function machineConditions(): string[] {
  const cpu = cpus();
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return [
    `date: ${new Date().toISOString()}`,
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, load average ${load}`,
  ];
}
