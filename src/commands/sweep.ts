/**
 * `sweep CONFIG`: load the study, plan its runs, launch them, stream every result to runs.csv, then write
 * summary.csv and print the table. The plan decides what runs; the launcher decides where; this function
 * only connects them to the output.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import YAML from 'yaml';
import { loadStudy } from '../config/load.js';
import { metricNames } from '../engine/metrics.js';
import { RunsFailed } from '../errors.js';
import { chooseLauncher } from '../launch/choose.js';
import { makePlan, type GridPoint, type Plan } from '../plan/plan.js';
import type { RunResult } from '../protocol.js';
import { renderValue, safeCell } from '../report/cells.js';
import { createFreshDir, defaultOutDir, writeFileAtomic } from '../report/output-dir.js';
import { createProgress } from '../report/progress.js';
import { AppendCsv, runColumns, runRow } from '../report/runs-csv.js';
import { summarize, type SummaryRow } from '../report/summary.js';
import { renderTable } from '../report/table.js';

export interface SweepOptions {
  readonly config: string;
  readonly out?: string;
  readonly workers: number;
  readonly repeats?: number;
  readonly set: readonly string[];
  readonly quiet: boolean;
  /** Where the table and messages go (stdout in the CLI). */
  readonly log?: (line: string) => void;
  /** 'bar' on a terminal, 'lines' in logs. */
  readonly progress?: 'bar' | 'lines' | 'quiet';
}

export interface SweepOutcome {
  readonly outDir: string;
  readonly plan: Plan;
  readonly metrics: readonly string[];
  readonly results: readonly RunResult[];
  readonly summary: readonly SummaryRow[];
}

/** The metric columns of a plan: every metric any of its points produces, in a stable order. */
export function planMetrics(plan: Plan): string[] {
  return [...new Set(plan.points.flatMap((p) => metricNames(p.config)))];
}

/** "noise.placement=pre noise.stddev=0.1" for messages. */
export function pointLabel(point: GridPoint, gridKeys: readonly string[]): string {
  return gridKeys.map((k) => `${k}=${renderValue(point.values[k]) || '·'}`).join(' ') || 'the study';
}

export async function sweepCommand(opts: SweepOptions): Promise<SweepOutcome> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const loaded = loadStudy(opts.config, { set: opts.set, ...(opts.repeats !== undefined ? { repeats: opts.repeats } : {}) });
  const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
  const metrics = planMetrics(plan);
  const outDir = opts.out ?? defaultOutDir(plan.study.name);
  createFreshDir(outDir);
  writeFileAtomic(join(outDir, 'config.yaml'), `# resolved study, as run by: sweep ${opts.config}\n` + YAML.stringify(plan.study));

  const runsCsv = new AppendCsv(join(outDir, 'runs.csv'), runColumns(plan.gridKeys, metrics));
  let historyCsv: AppendCsv | undefined;
  const results: RunResult[] = [];
  const sums = new Map<number, { total: number; n: number }>();
  const sortMetric = metrics.includes('test_accuracy') ? 'test_accuracy' : metrics.find((m) => m.startsWith('test_accuracy')) ?? metrics[0]!;
  let failed = 0;
  const progress = createProgress(plan.runs.length, opts.quiet ? 'quiet' : opts.progress ?? (process.stderr.isTTY ? 'bar' : 'lines'));
  const bestSoFar = (): string => {
    let best: { mean: number; index: number } | undefined;
    for (const [index, s] of sums) if (!best || s.total / s.n > best.mean) best = { mean: s.total / s.n, index };
    return best ? `${best.mean.toFixed(3)} (${pointLabel(plan.points[best.index]!, plan.gridKeys)})` : '—';
  };

  const launcher = chooseLauncher(opts.workers);
  try {
    await launcher.run(plan.runs, {
      onResult(result) {
        const point = plan.points[result.pointIndex]!;
        runsCsv.append(runRow(point, plan.gridKeys, metrics, result));
        if (result.history?.length) {
          historyCsv ??= new AppendCsv(join(outDir, 'history.csv'), [...plan.gridKeys, 'repeat', 'epoch', 'metric', 'value']);
          const keys = plan.gridKeys.map((k) => safeCell(point.values[k]));
          for (const h of result.history) historyCsv.append([...keys, result.repeat, h.epoch, h.metric, h.value]);
        }
        results.push(result);
        if (result.status === 'ok') {
          const s = sums.get(result.pointIndex) ?? { total: 0, n: 0 };
          s.total += result.metrics[sortMetric] ?? 0;
          s.n++;
          sums.set(result.pointIndex, s);
        } else failed++;
        progress.tick(bestSoFar(), failed);
      },
    });
  } finally {
    progress.stop();
    runsCsv.close();
    historyCsv?.close();
    await launcher.close();
  }

  const summary = summarize(plan.points, plan.gridKeys, metrics, results);
  const columns = Object.keys(summary[0] ?? {});
  writeFileAtomic(join(outDir, 'summary.csv'), stringify(summary, { header: true, columns, record_delimiter: '\n' }));

  if (!opts.quiet) {
    const shown = ['test_accuracy', 'train_accuracy'].filter((m) => metrics.includes(m));
    log('');
    log(renderTable(summary, { gridKeys: plan.gridKeys, metrics: shown.length ? shown : metrics.slice(0, 2), sortBy: sortMetric }));
    log('');
    log(`${results.length - failed} runs ok${failed ? `, ${failed} failed` : ''}; results in ${outDir}/ (runs.csv, summary.csv${historyCsv ? ', history.csv' : ''}, config.yaml)`);
  }
  if (failed > 0) throw new RunsFailed(`${failed} of ${results.length} runs failed; see the status and error columns of ${join(outDir, 'runs.csv')}`);
  return { outDir, plan, metrics, results, summary };
}
