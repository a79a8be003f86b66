import type { VerifyReport } from '../../sync/verify.ts';
import { counted } from '../common/counted.ts';

/**
 * [V3] What a check found, in a person's words: "Checked 10,214 records: in sync." Repairs
 * are said plainly, since they mean this device had been showing something out of date.
 */
export function describeCheck(report: VerifyReport): string {
  const checked = `Checked ${counted(report.checked, 'record')}`;
  const found: string[] = [];
  if (report.repaired > 0) {
    found.push(
      `${counted(report.repaired, 'record')} on this device ${were(report.repaired)} out of date and ${were(report.repaired)} updated from the server`,
    );
  }
  if (report.resent > 0) {
    found.push(
      `${counted(report.resent, 'record')} the server had lost ${were(report.resent)} sent to it again`,
    );
  }
  const skipped =
    report.unsent > 0
      ? ` ${counted(report.unsent, 'record')} with changes not yet sent will be checked once they are.`
      : '';
  if (found.length === 0) return `${checked}: in sync.${skipped}`;
  return `${checked}: ${found.join('; ')}.${skipped}`;
}

function were(n: number): string {
  return n === 1 ? 'was' : 'were';
}
