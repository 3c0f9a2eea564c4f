/**
 * `sweep check DIR [--config FILE] [--junit FILE]`: judge `expect:` bounds on saved results without running
 * anything: the bounds of the study that ran (DIR/config.yaml), or those of another config file (e.g. bounds
 * tightened in a pull request, judged against last night's results). Exit 1 when a bound is violated.
 */
import { parseExpect } from '../check/expect.js';
import { judge, type Verdict } from '../check/judge.js';
import { junitXml } from '../check/junit.js';
import { loadAnyStudy } from '../config/load.js';
import { readResults } from '../report/read-results.js';
import { writeFileAtomic } from '../report/results-dir.js';
import { checkOutputFile } from '../store/output-file.js';
import { InputError } from '../errors.js';
import { join } from 'node:path';
import { rangesOf, summarize, summaryStatColumns } from '../report/summary.js';
import { orderedResults } from '../report/write-results.js';
import { throwIfViolated } from './finish.js';
import { studyRaceOf } from '../report/race.js';
import { pairedDesignOf } from '../report/paired-design.js';

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
  if (opts.junit) checkOutputFile(opts.junit, '--junit');
  const saved = readResults(opts.dir);
  const { plan, metrics } = saved.set;
  const shard = saved.meta.shard;
  // Bounds hold for a whole study: judged on one shard, every point would see a fraction of its runs.
  if (shard) throw new InputError(`${join(opts.dir, 'meta.json')}: shard: expected the results of a whole study, found shard ${shard.index}/${shard.count}; merge the shards (sweep merge ... --out DIR) and check DIR`);
  const source = opts.config ?? saved.configPath;
  const rawExpect = opts.config ? loadAnyStudy(opts.config).study.expect : plan.study.expect;
  const expectations = parseExpect(rawExpect.length ? rawExpect : undefined, source, { gridKeys: plan.gridKeys, columns: summaryStatColumns(metrics), points: plan.points.map((p) => p.values) });
  // range: the same bounded intervals summary.csv shows, so a bound on ci95_low is judged on what the user sees.
  const summary = summarize({ points: plan.points, gridKeys: plan.gridKeys, metrics, results: orderedResults(saved.set), baseline: saved.set.baseline, range: rangesOf(plan), paired: pairedDesignOf(plan, metrics), race: studyRaceOf(plan, metrics, saved.set.baseline, saved.configPath) });
  const verdicts = judge(expectations, summary, plan.gridKeys);
  if (opts.junit) writeFileAtomic(opts.junit, junitXml(verdicts, plan.study.name));
  if (!opts.quiet) {
    for (const v of verdicts) log(`${v.passed ? 'ok  ' : 'FAIL'} ${v.message}`);
    log(`${verdicts.filter((v) => v.passed).length} of ${verdicts.length} bounds met (${source})`);
  }
  throwIfViolated(verdicts);
  return verdicts;
}
