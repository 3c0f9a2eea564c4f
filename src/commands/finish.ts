/**
 * The end of every command that produces results (sweep, merge, report, check): write the final files from
 * the result set, judge the `expect:` bounds, and tell the user. One function, so a sweep, a resumed sweep, a
 * merge of shards and a rebuild from saved results all end with the same files and the same verdicts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Expectation } from '../check/expect.js';
import { parseExpect } from '../check/expect.js';
import { judge, type Verdict } from '../check/judge.js';
import { junitXml } from '../check/junit.js';
import { lowerIsBetter } from '../engine/metrics.js';
import { BoundsViolated } from '../errors.js';
import { type AnyPlan, isCommandPlan } from '../plan/plan.js';
import { renderValue, safeCell } from '../report/cells.js';
import { planSortOf, type SortBy } from '../report/columns.js';
import { writeFileAtomic } from '../report/results-dir.js';
import { rangesOf, summarize, summaryStatColumns, type SummaryRow } from '../report/summary.js';
import { renderTable } from '../report/table.js';
import { orderedResults, type ResultSet, writeFinalResults } from '../report/write-results.js';
import { bestPerGroup, type BestInGroup } from '../stats/best-per-group.js';
import type { TableRow } from '../stats/table-row.js';
import { pointLabel } from '../check/where.js';
import type { LiveProgress } from '../report/html.js';
import { readCsvLog } from '../report/runs-csv.js';
import { pairedDesignOf } from '../report/paired-design.js';
import { isVariancePlan, renderVarianceTable, skippedSources, varianceCsvRows, varianceRows, type VarianceRow } from '../report/variance-rows.js';
import { stringify } from 'csv-stringify/sync';
import { budgetLine, raceLines, raceStateOf, rulesInWords, studyRaceOf } from '../report/race.js';

export interface FinishOptions {
  readonly dir: string;
  /** The study; its results are read back from dir/runs.csv (the log on disk), never taken from memory. */
  readonly set: Pick<ResultSet, 'plan' | 'metrics' | 'baseline'>;
  readonly expectations: readonly Expectation[];
  /** Write JUnit XML of the bounds here. */
  readonly junit?: string;
  /** Also write summary.json. */
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly log: (line: string) => void;
}

export interface Finished {
  readonly summary: SummaryRow[];
  readonly best: BestInGroup[];
  readonly verdicts: Verdict[];
  /** The results as read back from the rewritten runs.csv. */
  readonly set: ResultSet;
}

/** Validates the study's `expect:` list against the plan (before any run, so a typo costs a second). */
export function expectationsOf(plan: AnyPlan, metrics: readonly string[], file: string, moreColumns: readonly string[] = []): Expectation[] {
  return parseExpect(plan.study.expect.length ? plan.study.expect : undefined, file, {
    gridKeys: plan.gridKeys,
    columns: [...summaryStatColumns(metrics), ...moreColumns],
    points: plan.points.map((p) => p.values),
  });
}

/** Metrics of a run: study in the terminal table (all of them are in summary.csv and report.html). */
const OWN_CODE_SHOWN = 4;

/** The metrics the terminal table shows: the sort metric, its noise-on (or noise-off) twin, its train twin. */
export function shownMetrics(metrics: readonly string[], sortMetric: string): string[] {
  const twin = sortMetric.endsWith('_noisy') ? sortMetric.slice(0, -'_noisy'.length) : `${sortMetric}_noisy`;
  const train = sortMetric.replace(/^test_/, 'train_');
  return [...new Set([sortMetric, twin, train])].filter((m) => metrics.includes(m));
}

/** "Which stddev is best for each placement", when the grid varies the placement and something else. */
function bestPerPlacement(set: ResultSet, summary: SummaryRow[], runs: readonly TableRow[], { metric, lowerIsBetter }: SortBy): BestInGroup[] {
  const { gridKeys } = set.plan;
  if (!gridKeys.includes('noise.placement') || gridKeys.length < 2) return [];
  const paired = pairedDesignOf(set.plan, set.metrics);
  const ratio = paired?.testTrainRatio(0);
  return bestPerGroup(summary, runs, {
    gridKeys, groupBy: 'noise.placement', metric, lowerIsBetter,
    ...(paired ? { paired: { gamma: paired.gamma, seed: paired.seed, ...(paired.equivalence !== undefined ? { equivalence: paired.equivalence } : {}), ...(ratio !== undefined ? { testTrainRatio: ratio } : {}) } } : {}),
  });
}

function describeBest(b: BestInGroup, gridKeys: readonly string[], metric: string): string {
  const others = gridKeys.filter((k) => k !== 'noise.placement');
  const label = (row: SummaryRow | Readonly<Record<string, unknown>>) => others.map((k) => `${k}=${renderValue(row[k]) || '·'}`).join(' ');
  const mean = (row: Readonly<Record<string, unknown>>) => Number(row[`${metric}_mean`]).toFixed(3);
  if (!b.runnerUp) return `  ${b.group || '·'}: ${label(b.best)} (${metric} ${mean(b.best)}; the only point)`;
  const verdict = b.distinguishable === null ? 'not testable' : b.distinguishable ? 'distinguishable' : 'not distinguishable';
  // The set of reliably best points: every point not shown worse than the best (the best itself first).
  const set = b.contenders.length > 1 ? `; not shown worse than the best: ${b.contenders.slice(1).map(label).join(', ')}` : '; every other point shown worse';
  return `  ${b.group || '·'}: ${label(b.best)} (${mean(b.best)}) vs runner-up ${label(b.runnerUp)} (${mean(b.runnerUp)}): p (Holm within ${b.group || '·'}) = ${b.pValue === null ? '—' : b.pValue.toPrecision(2)}, ${verdict}${set}`;
}

/**
 * The sources of randomness an unpaired model study changed between repeats (paired ones say so in their
 * design; a variance study varies one per arm; a run: study's command draws from its one {seed}).
 */
function factorsOf(plan: AnyPlan): readonly string[] | undefined {
  const study = plan.study as { pairing?: string; vary?: readonly string[] };
  if (isCommandPlan(plan) || isVariancePlan(plan) || study.pairing === 'paired') return undefined;
  return study.vary;
}

/** runs.csv rows as the report reads them: grid-key cells, then numbers. */
function runRows(set: ResultSet): TableRow[] {
  return orderedResults(set).map((r) => {
    const point = set.plan.points[r.pointIndex]!;
    return {
      ...Object.fromEntries(set.plan.gridKeys.map((k) => [k, safeCell(point.values[k])])),
      repeat: r.repeat,
      seed: r.seed,
      ...Object.fromEntries(set.metrics.map((m) => [m, r.metrics[m] ?? null])),
      seconds: r.seconds,
      engine: r.engine,
      status: r.status,
      error: r.error ?? '',
      run_id: r.runId,
    };
  });
}

/** history.csv rows with numbers as numbers, or undefined when no history was recorded. */
function historyRows(dir: string, gridKeys: readonly string[]): TableRow[] | undefined {
  const path = join(dir, 'history.csv');
  if (!existsSync(path)) return undefined;
  const keys = new Set(gridKeys);
  return readCsvLog(path).rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, keys.has(k) || k === 'metric' || k === 'run_id' || v === '' ? v : Number(v)])));
}

/** report.html's text: the summary table, charts of accuracy against the grid, box plots, learning curves. */
async function reportHtml(dir: string, set: ResultSet, summary: SummaryRow[], runs: TableRow[], best: BestInGroup[], { metric, lowerIsBetter: sortLower }: SortBy, live?: LiveProgress): Promise<string> {
  const variance = isVariancePlan(set.plan) ? { rows: varianceRows(set.plan, orderedResults(set), metric), metric, skipped: skippedSources(set.plan) } : undefined;
  const race = raceReport(set);
  const baselineRow = set.baseline === null ? undefined : summary[set.baseline];
  const history = historyRows(dir, set.plan.gridKeys);
  // Loaded when a report is written: vega is the heaviest import, and a dry run or a bad config never needs it.
  const { renderReport } = await import('../report/html.js');
  const paired = pairedDesignOf(set.plan, set.metrics);
  return renderReport({
    name: set.plan.study.name,
    gridKeys: set.plan.gridKeys,
    summary,
    runs,
    // The dots' sample is seeded by the study: the same results draw the same dots.
    seed: set.plan.study.seed,
    lowerIsBetter: (m: string) => (m === metric ? sortLower : lowerIsBetter(m)),
    sortMetric: metric,
    ...(history ? { history } : {}),
    ...(best.length > 0 ? { best: { metric, groupBy: 'noise.placement', groups: best } } : {}),
    ...(baselineRow ? { isBaseline: (row: TableRow) => row === baselineRow, baselineLabel: pointLabel(set.plan.points[set.baseline!]!.values, set.plan.gridKeys) } : {}),
    ...(live ? { live } : {}),
    ...(variance ? { variance } : {}),
    ...(factorsOf(set.plan) ? { factors: factorsOf(set.plan)! } : {}),
    ...(paired ? { paired: { vary: paired.vary, gamma: paired.gamma, ...(paired.equivalence !== undefined ? { equivalence: paired.equivalence } : {}) } } : {}),
    ...(race ? { race } : {}),
  });
}

/** report.html's account of a race: the rules, each round, the winner, what it spent (none for a study that does not race). */
function raceReport(set: ResultSet): { rules: string; rounds: string[]; budget: string } | undefined {
  const race = studyRaceOf(set.plan, set.metrics, set.baseline);
  if (race === null) return undefined;
  const results = orderedResults(set);
  const label = (i: number) => pointLabel(set.plan.points[i]!.values, set.plan.gridKeys);
  const [, ...rounds] = raceLines(race, raceStateOf(race, set.plan.points.length, results), label);
  return { rules: `Race on ${race.metric}: ${rulesInWords(race)}.`, rounds: rounds.map((l) => l.trim()), budget: budgetLine(race, set.plan.points.length, results) };
}

/** report.html while a sweep runs: the final page's content from the results so far, with a banner and a reload. */
export async function liveReportHtml(dir: string, set: ResultSet, live: LiveProgress): Promise<string> {
  const summary = summarize({ points: set.plan.points, gridKeys: set.plan.gridKeys, metrics: set.metrics, results: orderedResults(set), baseline: set.baseline, range: rangesOf(set.plan), paired: pairedDesignOf(set.plan, set.metrics), race: studyRaceOf(set.plan, set.metrics, set.baseline) });
  const sort = planSortOf(set.plan, set.metrics);
  const runs = runRows(set);
  return reportHtml(dir, set, summary, runs, bestPerPlacement(set, summary, runs, sort), sort, live);
}

export async function finishResults(opts: FinishOptions): Promise<Finished> {
  const { dir, log } = opts;
  const { summary, set } = writeFinalResults(dir, opts.set);
  const sort = planSortOf(set.plan, set.metrics);
  const { metric } = sort;
  const runs = runRows(set);
  const best = bestPerPlacement(set, summary, runs, sort);
  const verdicts = judge(opts.expectations, summary, set.plan.gridKeys);
  writeFileAtomic(join(dir, 'report.html'), await reportHtml(dir, set, summary, runs, best, sort));
  // A study of where the variance comes from (sweep variance): its table, in variance.csv and below the summary.
  const variance: VarianceRow[] | undefined = isVariancePlan(set.plan) ? varianceRows(set.plan, orderedResults(set), metric) : undefined;
  if (variance) writeFileAtomic(join(dir, 'variance.csv'), stringify(varianceCsvRows(variance, metric), { header: true, record_delimiter: '\n', cast: { number: (x) => String(x) } }));
  if (opts.json) writeFileAtomic(join(dir, 'summary.json'), JSON.stringify({ name: set.plan.study.name, gridKeys: set.plan.gridKeys, metrics: set.metrics, baseline: set.baseline, summary, best, verdicts }, null, 2) + '\n');
  if (opts.junit) writeFileAtomic(opts.junit, junitXml(verdicts, set.plan.study.name));

  if (!opts.quiet) {
    log('');
    // A run: study's metrics follow no naming scheme: the table shows the sort metric and the next few.
    const shown = isCommandPlan(set.plan) ? [metric, ...set.metrics.filter((m) => m !== metric)].slice(0, OWN_CODE_SHOWN) : shownMetrics(set.metrics, metric);
    const varied = factorsOf(set.plan);
    log(renderTable(summary, { gridKeys: set.plan.gridKeys, metrics: shown, sortBy: metric, lowerIsBetter: sort.lowerIsBetter, baseline: set.baseline, paired: pairedDesignOf(set.plan, set.metrics), ...(varied ? { varied } : {}) }));
    const race = studyRaceOf(set.plan, set.metrics, set.baseline);
    if (race) {
      log('');
      for (const line of raceLines(race, raceStateOf(race, set.plan.points.length, orderedResults(set)), (i) => pointLabel(set.plan.points[i]!.values, set.plan.gridKeys))) log(line);
    }
    if (set.baseline === null && set.plan.points.length > 1 && isCommandPlan(set.plan)) {
      log(`no baseline: name the point the others are compared with (p-values, Cohen's d), e.g. baseline: { ${set.plan.gridKeys[0]}: ${renderValue(set.plan.points[0]!.values[set.plan.gridKeys[0]!])} }`);
    }
    if (variance) {
      log('');
      log(`where the variance of ${metric} comes from (each arm varies one source of randomness, the others fixed):`);
      log(renderVarianceTable(variance, metric));
      for (const line of skippedSources(set.plan)) log(`  ${line}`);
    }
    if (best.length > 0) {
      log('');
      log(`best per noise.placement (${sort.lowerIsBetter ? 'lowest' : 'highest'} ${metric} mean; ${pairedDesignOf(set.plan, set.metrics) ? 'paired t-test and verdicts on matched repeats' : "Welch's p"} against the runner-up):`);
      for (const b of best) log(describeBest(b, set.plan.gridKeys, metric));
    }
    if (verdicts.length > 0) {
      const failed = verdicts.filter((v) => !v.passed);
      log('');
      log(`expect: ${verdicts.length - failed.length} of ${verdicts.length} bounds met`);
      for (const v of failed) log(`  FAIL ${v.message}`);
    }
  }
  return { summary, best, verdicts, set };
}

/** Exit code 1 when a bound is violated (after everything is written). */
export function throwIfViolated(verdicts: readonly Verdict[]): void {
  const failed = verdicts.filter((v) => !v.passed);
  if (failed.length > 0) throw new BoundsViolated(`${failed.length} of ${verdicts.length} expect: bounds violated; first: ${failed[0]!.message}`);
}
