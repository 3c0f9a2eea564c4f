/**
 * How a study's points are compared (issue 15): paired on repeats when the study is paired (the default), with
 * the Nadeau–Bengio correction when the repeats re-split the same data, or unpaired (Welch) when it is not.
 * What summary.ts needs of the plan, worked out once.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_VARY, type DataSpec, type VarianceSource } from '../config/schema.js';
import { DEFAULT_GAMMA } from '../stats/verdict.js';
import { isFraction, trainRows } from '../data/train-rows.js';
import type { AnyPlan } from '../plan/plan.js';
import { planSortOf } from './columns.js';

export interface PairedDesign {
  /** The metric the verdicts are about (the sort metric). */
  readonly metric: string;
  readonly lowerIsBetter: boolean;
  readonly gamma: number;
  readonly equivalence?: number;
  /** Seeds the bootstrap intervals (with the point's index). */
  readonly seed: number;
  /** n_test / n_train of a point whose repeats re-split overlapping data (Nadeau–Bengio); undefined for a fixed split. */
  readonly testTrainRatio: (pointIndex: number) => number | undefined;
  /** The sources that varied between repeats, for the table's and report's note. */
  readonly vary: readonly VarianceSource[];
}

/**
 * Designs already worked out, per plan and metric list: the end of a sweep asks for one in several places (the
 * summary, the table, best per placement, the report), and the live report every few seconds, while working one
 * out may read a data file's row count (testTrainRatio).
 */
const designs = new WeakMap<AnyPlan, Map<string, PairedDesign | null>>();

/** The paired design of a plan, or null when its points are compared unpaired (pairing: independent). */
export function pairedDesignOf(plan: AnyPlan, metrics: readonly string[]): PairedDesign | null {
  const byMetrics = designs.get(plan) ?? new Map<string, PairedDesign | null>();
  designs.set(plan, byMetrics);
  const key = metrics.join('\u0000');
  if (!byMetrics.has(key)) byMetrics.set(key, designOf(plan, metrics));
  return byMetrics.get(key)!;
}

function designOf(plan: AnyPlan, metrics: readonly string[]): PairedDesign | null {
  const study = plan.study as { pairing?: string; vary?: readonly VarianceSource[]; gamma?: number; equivalence?: number; seed: number };
  if (study.pairing !== 'paired' || metrics.length === 0) return null;
  const sort = planSortOf(plan, metrics);
  const vary = study.vary ?? DEFAULT_VARY;
  const resplit = vary.includes('split');
  const baseDir = (plan.runs.at(0) as { baseDir?: string } | undefined)?.baseDir ?? '.';
  const ratios = plan.points.map((p) => {
    const data = (p.config as { data?: DataSpec }).data;
    return resplit && data?.split !== undefined ? testTrainRatio(data, baseDir) : undefined;
  });
  return {
    metric: sort.metric,
    lowerIsBetter: sort.lowerIsBetter,
    gamma: study.gamma ?? DEFAULT_GAMMA,
    ...(study.equivalence !== undefined ? { equivalence: study.equivalence } : {}),
    seed: study.seed,
    testTrainRatio: (i) => ratios[i],
    vary,
  };
}

/**
 * n_test / n_train of a data.split: kfold 1/(k − 1); shuffle and stratified (n − t)/t; bootstrap the expected
 * out-of-bootstrap share n(1 − 1/n)^t over t. A file's row count is read from the file when trainSize is a
 * count (undefined when the file cannot be read: the comparison is then left uncorrected, and says so).
 */
export function testTrainRatio(data: DataSpec, baseDir: string): number | undefined {
  const split = data.split!;
  if (split.kind === 'kfold') return 1 / (split.k - 1);
  const n = 'file' in data ? fileRows(data.file, baseDir) : data.samples;
  if (n === undefined) return isFraction(data.trainSize) && split.kind !== 'bootstrap' ? (1 - data.trainSize) / data.trainSize : undefined;
  const t = trainRows(data.trainSize, n);
  if (split.kind === 'bootstrap') return (n * Math.pow(1 - 1 / n, t)) / t;
  return (n - t) / t;
}

/** Data rows of a CSV file: its non-empty lines less the header; undefined when it cannot be read. */
function fileRows(file: string, baseDir: string): number | undefined {
  try {
    const text = readFileSync(resolve(baseDir, file), 'utf8');
    return text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
  } catch {
    return undefined;
  }
}
