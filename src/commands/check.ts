/**
 * `sweep check DIR [--config FILE] [--junit FILE]`: judge `expect:` bounds on saved results without running
 * anything: the bounds of the study that ran (DIR/config.yaml), or those of another config file (e.g. bounds
 * tightened in a pull request, judged against last night's results). Exit 1 when a bound is violated.
 */
import { writeFileSync } from 'node:fs';
import { parseExpect } from '../check/expect.js';
import { judge, type Verdict } from '../check/judge.js';
import { junitXml } from '../check/junit.js';
import { loadAnyStudy } from '../config/load.js';
import { readResults } from '../report/read-results.js';
import { summaryStatColumns } from '../report/summary.js';
import { summarize } from '../report/summary.js';
import { orderedResults } from '../report/write-results.js';
import { throwIfViolated } from './finish.js';

export interface CheckOptions {
  readonly dir: string;
  /** Take the bounds from this config instead of DIR/config.yaml. */
  readonly config?: string;
  readonly junit?: string;
  readonly quiet?: boolean;
  readonly log?: (line: string) => void;
}

export async function checkCommand(opts: CheckOptions): Promise<Verdict[]> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const saved = readResults(opts.dir);
  const { plan, metrics } = saved.set;
  const source = opts.config ?? saved.configPath;
  const rawExpect = opts.config ? loadAnyStudy(opts.config).study.expect : plan.study.expect;
  const expectations = parseExpect(rawExpect.length ? rawExpect : undefined, source, { gridKeys: plan.gridKeys, columns: summaryStatColumns(metrics), points: plan.points.map((p) => p.values) });
  const summary = summarize({ points: plan.points, gridKeys: plan.gridKeys, metrics, results: orderedResults(saved.set), baseline: saved.set.baseline });
  const verdicts = judge(expectations, summary, plan.gridKeys);
  if (opts.junit) writeFileSync(opts.junit, junitXml(verdicts, plan.study.name));
  if (!opts.quiet) {
    for (const v of verdicts) log(`${v.passed ? 'ok  ' : 'FAIL'} ${v.message}`);
    log(`${verdicts.filter((v) => v.passed).length} of ${verdicts.length} bounds met (${source})`);
  }
  throwIfViolated(verdicts);
  return verdicts;
}
