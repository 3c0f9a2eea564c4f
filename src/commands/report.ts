/**
 * `sweep report DIR`: rebuild summary.csv and report.html of a results directory from its runs.csv (and
 * history.csv), e.g. after a newer noise-sweep improved the report, or after runs.csv was merged by hand.
 * It rewrites runs.csv in plan order too, so it takes the directory's lock like a sweep.
 */
import { readResults } from '../report/read-results.js';
import { lockResultsDir } from '../store/lock.js';
import { checkOutPathIsDir } from '../report/results-dir.js';
import { expectationsOf, finishResults } from './finish.js';

export interface ReportOptions {
  readonly dir: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly log?: (line: string) => void;
}

export async function reportCommand(opts: ReportOptions): Promise<void> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  checkOutPathIsDir(opts.dir);
  const lock = await lockResultsDir(opts.dir, `sweep report ${opts.dir}`);
  try {
    const saved = await readResults(opts.dir);
    const { plan, metrics } = saved.set;
    await finishResults({ dir: opts.dir, set: saved.set, expectations: expectationsOf(plan, metrics, saved.configPath), log, ...(opts.quiet ? { quiet: true } : {}), ...(opts.json ? { json: true } : {}) });
  } finally {
    await lock.release();
  }
  if (!opts.quiet) log(`wrote ${opts.dir}/summary.csv and ${opts.dir}/report.html`);
}
