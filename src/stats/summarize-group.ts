import { ci95 } from './ci95.js';
import { clipInterval, type Range, UNBOUNDED } from './clip-interval.js';
import { cohensD } from './cohens-d.js';
import { mean } from './mean.js';
import { ci95FromMoments, cohensDFromMoments, type Moments, varianceOf, welchFromMoments } from './moments.js';
import { sampleStd } from './sample-std.js';
import { welchPValue } from './welch-p-value.js';

/** One metric of one grid point: what summary.csv shows for it (before Holm's adjustment across points). */
export interface GroupSummary {
  readonly mean: number | null;
  readonly std: number | null;
  /** The 95 % Student t interval of the mean, clipped to the metric's range (clip-interval.ts). */
  readonly ci95Low: number | null;
  readonly ci95High: number | null;
  /** Welch's two-sided p against the baseline. */
  readonly pValue: number | null;
  /** Cohen's d against the baseline: positive when this point scores higher. */
  readonly cohensD: number | null;
}

/** Suffixes of the summary.csv columns of a metric m (`m_mean`, ..., `m_p_holm`), in column order. */
export const STAT_SUFFIXES = ['mean', 'std', 'ci95_low', 'ci95_high', 'p_value', 'cohens_d', 'p_holm'] as const;

/**
 * Every statistic of one metric at one grid point, tolerant of what a sweep can leave: no successful run
 * (everything null), one run (no std, interval or test), no baseline (no p-value or d).
 *
 * @param baselineSamples the metric over the baseline point's runs; null for no baseline, and for the baseline
 *   point itself (comparing a sample with itself gives p = 1 and d = 0: true, but no information, and it would
 *   count in Holm's family)
 * @param samples the metric over this point's successful runs
 * @param range the values the metric can take (accuracy [0, 1]): the interval is clipped to it; default unbounded
 * @throws {TypeError} when a value is not a finite number
 * @example
 * summarizeGroup([0.8, 0.82, 0.79], [0.85, 0.86, 0.88]).pValue; // => 0.00858...
 */
export function summarizeGroup(baselineSamples: readonly number[] | null, samples: readonly number[], range: Range = UNBOUNDED): GroupSummary {
  if (samples.length === 0) return { mean: null, std: null, ci95Low: null, ci95High: null, pValue: null, cohensD: null };
  const interval = clipInterval(ci95(samples), range);
  const compared = baselineSamples !== null && baselineSamples.length > 0;
  return {
    mean: mean(samples),
    std: sampleStd(samples),
    ci95Low: interval.low,
    ci95High: interval.high,
    pValue: compared ? welchPValue(baselineSamples, samples) : null,
    cohensD: compared ? cohensD(baselineSamples, samples) : null,
  };
}

/**
 * summarizeGroup from the moments of the samples instead of the samples (a summary streamed from runs.csv,
 * issue 13): the same statistics, equal to 1e-12 (moments.ts), the same nulls. The moments must have a constant
 * sample's m2 exactly 0 (RunningSample's do), as summarizeGroup treats a constant sample exactly.
 *
 * @param baseline the baseline point's moments; null for no baseline and for the baseline point itself
 * @param sample this point's moments
 * @param range the values the metric can take; default unbounded
 * @example
 * summarizeMoments(momentsOf([0.8, 0.82, 0.79]), momentsOf([0.85, 0.86, 0.88])).pValue; // => 0.00858...
 */
export function summarizeMoments(baseline: Moments | null, sample: Moments, range: Range = UNBOUNDED): GroupSummary {
  if (sample.n === 0) return { mean: null, std: null, ci95Low: null, ci95High: null, pValue: null, cohensD: null };
  const interval = clipInterval(ci95FromMoments(sample), range);
  const compared = baseline !== null && baseline.n > 0;
  const variance = varianceOf(sample);
  return {
    mean: sample.mean,
    std: variance === null ? null : Math.sqrt(variance),
    ci95Low: interval.low,
    ci95High: interval.high,
    pValue: compared ? welchFromMoments(baseline, sample) : null,
    cohensD: compared ? cohensDFromMoments(baseline, sample) : null,
  };
}

/**
 * A GroupSummary as summary.csv cells `m_mean` ... `m_p_holm` (p_holm null until addHolm fills it).
 *
 * @example
 * groupColumns('test_accuracy', s); // => { test_accuracy_mean: ..., ..., test_accuracy_p_holm: null }
 */
export function groupColumns(metric: string, s: GroupSummary): Record<string, number | null> {
  return {
    [`${metric}_mean`]: s.mean,
    [`${metric}_std`]: s.std,
    [`${metric}_ci95_low`]: s.ci95Low,
    [`${metric}_ci95_high`]: s.ci95High,
    [`${metric}_p_value`]: s.pValue,
    [`${metric}_cohens_d`]: s.cohensD,
    [`${metric}_p_holm`]: null,
  };
}
