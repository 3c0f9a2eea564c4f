/**
 * summary.csv from runs seen one at a time (issue 13): the rows summarize() computes from every run in memory,
 * from state that does not grow with the runs but by one number per run. Per grid point: counts, and per
 * metric a RunningSample (n, mean, m2: Welch, Cohen's d, the t interval); the sort metric by repeat
 * (RepeatValues, 8 bytes a run), which the paired comparison needs whole (Wilcoxon, the P(A>B) bootstrap); in
 * a paired study, per metric the running differences from the baseline's repeat (PairedDifferences: the paired
 * t's p of the other metrics). For those the baseline's own runs keep each metric by repeat (the baseline's
 * share of the runs only).
 *
 * Runs may come in any order, each run once (the latest row of a run id). A run of a point whose baseline
 * repeat has not come yet waits until it comes (or fails): a sweep's runs come repeat by repeat, so few
 * wait; a reader of runs.csv feeds the baseline's rows first and then calls baselineComplete(), so none do.
 * summarize() (summary.ts) is the definition: rows() equals it to 1e-12 (test/report/stream/summary-stream.test.ts).
 */
import type { GridPoint } from '../../plan/plan.js';
import type { RunResult } from '../../protocol.js';
import { addHolm } from '../../stats/add-holm.js';
import type { Range } from '../../stats/clip-interval.js';
import { comparePaired } from '../../stats/compare-points.js';
import { PairedDifferences } from '../../stats/paired-differences.js';
import { RunningSample } from '../../stats/running-sample.js';
import { groupColumns, summarizeMoments } from '../../stats/summarize-group.js';
import { safeCell } from '../cells.js';
import type { PairedDesign } from '../paired-design.js';
import { raceColumns, raceStateOf, type StudyRace } from '../race.js';
import type { PointRuns } from '../../plan/race/replay.js';
import { comparisonOptions, pairedColumns, type SummaryRow } from '../summary.js';
import { RepeatValues } from './repeat-values.js';

/** What the stream needs of a run: where it belongs, whether it succeeded, its metrics. */
export type StreamedRun = Pick<RunResult, 'pointIndex' | 'repeat' | 'status' | 'metrics'>;

export interface SummaryStreamInput {
  readonly points: readonly GridPoint<unknown>[];
  readonly gridKeys: readonly string[];
  readonly metrics: readonly string[];
  readonly baseline: number | null;
  readonly range?: (metric: string) => Range;
  readonly paired?: PairedDesign | null;
  /** The metric kept by repeat (best per placement compares on it); a paired design's metric when paired. */
  readonly sortMetric: string;
  /** A racing study's race (race.ts): its metric is kept by repeat too (the sort metric's store when the same), and which repeats failed. */
  readonly race?: StudyRace | null;
}

interface PointState {
  ok: number;
  failed: number;
  readonly samples: RunningSample[];
  readonly sort: RepeatValues;
  /** A race on another metric than the sort metric: that metric by repeat (else null: the sort store serves). */
  readonly raced: RepeatValues | null;
  /** Racing: repeats whose run failed (few), which the race counts as run without a value. */
  readonly failedRepeats: Set<number> | null;
  /** Paired study, other than the baseline: running differences from the baseline, per metric (null for the sort metric). */
  readonly diffs: (PairedDifferences | null)[] | null;
}

/** A run waiting for its baseline repeat: its point and its metrics (NaN where it has none). */
interface Waiting {
  readonly point: number;
  readonly values: Float64Array;
}

/** Whether the baseline's run of a repeat has come: ok (matched), failed (never matched), or not yet. */
const OK = 1;
const FAILED = 2;

export class SummaryStream {
  private state: PointState[];
  private sortIndex: number;
  private readonly paired: PairedDesign | null;
  /** Paired: the baseline's metrics by repeat, and whether its run of each repeat came. */
  private baselineValues: RepeatValues[] = [];
  private readonly baselineRuns = new RepeatValues();
  private readonly waiting = new Map<number, Waiting[]>();
  private complete = false;

  constructor(private input: SummaryStreamInput) {
    this.paired = input.paired ?? null;
    const sortMetric = this.paired?.metric ?? input.sortMetric;
    this.sortIndex = input.metrics.indexOf(sortMetric);
    const pairs = this.paired !== null && input.baseline !== null;
    if (pairs) for (let i = 0; i < input.metrics.length; i++) this.baselineValues.push(new RepeatValues());
    this.state = input.points.map((p) => ({
      ok: 0,
      failed: 0,
      samples: input.metrics.map(() => new RunningSample()),
      sort: new RepeatValues(),
      raced: input.race && input.race.metric !== sortMetric ? new RepeatValues() : null,
      failedRepeats: input.race ? new Set<number>() : null,
      diffs: pairs && p.index !== input.baseline ? input.metrics.map((_, i) => (i === this.sortIndex ? null : new PairedDifferences())) : null,
    }));
  }

  /**
   * One run's result.
   * @throws {RangeError} for a point index the study does not have
   * @throws {TypeError} when an ok run's metric is not a finite number (as summarize's statistics)
   */
  add(run: StreamedRun): void {
    const s = this.state[run.pointIndex];
    if (!s) throw new RangeError(`SummaryStream.add: expected a point index below ${this.state.length}, found ${run.pointIndex}`);
    const isBaseline = this.baselineValues.length > 0 && run.pointIndex === this.input.baseline;
    if (run.status !== 'ok') {
      s.failed++;
      s.failedRepeats?.add(run.repeat);
      if (isBaseline && this.baselineRuns.get(run.repeat) === undefined) {
        this.baselineRuns.set(run.repeat, FAILED);
        this.waiting.delete(run.repeat);
      }
      return;
    }
    s.ok++;
    const { metrics } = this.input;
    for (let i = 0; i < metrics.length; i++) {
      const v = run.metrics[metrics[i]!];
      if (v === undefined) continue;
      s.samples[i]!.add(v);
      if (i === this.sortIndex) s.sort.set(run.repeat, v);
      if (s.raced && metrics[i] === this.input.race!.metric) s.raced.set(run.repeat, v);
      if (isBaseline) this.baselineValues[i]!.set(run.repeat, v);
    }
    // A race counts an ok run without its metric as a run without a value, as a failed one.
    if (s.failedRepeats && run.metrics[this.input.race!.metric] === undefined) s.failedRepeats.add(run.repeat);
    if (isBaseline) {
      this.baselineRuns.set(run.repeat, OK);
      for (const w of this.waiting.get(run.repeat) ?? []) this.pair(w.point, run.repeat, (i) => w.values[i]!);
      this.waiting.delete(run.repeat);
    } else if (s.diffs) {
      const come = this.baselineRuns.get(run.repeat);
      if (come === OK) this.pair(run.pointIndex, run.repeat, (i) => run.metrics[metrics[i]!] ?? NaN);
      else if (come === undefined && !this.complete) {
        const values = Float64Array.from(metrics, (m) => run.metrics[m] ?? NaN);
        const list = this.waiting.get(run.repeat) ?? [];
        list.push({ point: run.pointIndex, values });
        this.waiting.set(run.repeat, list);
      }
    }
  }

  /**
   * The same runs under a longer metric list (a run: study learns its metrics from its runs): the runs so far
   * did not report the new ones, whose samples start empty. Returns this stream.
   * @throws {RangeError} when a metric of the stream is missing from `metrics`
   */
  widen(metrics: readonly string[]): SummaryStream {
    const old = this.input.metrics;
    const from = metrics.map((m) => old.indexOf(m));
    const lost = old.find((m) => !metrics.includes(m));
    if (lost !== undefined) throw new RangeError(`SummaryStream.widen: expected every metric of the stream, found "${lost}" missing`);
    const remap = <T>(xs: readonly T[], fresh: (i: number) => T): T[] => from.map((j, i) => (j >= 0 ? xs[j]! : fresh(i)));
    this.input = { ...this.input, metrics };
    this.sortIndex = metrics.indexOf(this.paired?.metric ?? this.input.sortMetric);
    if (this.baselineValues.length > 0) this.baselineValues = remap(this.baselineValues, () => new RepeatValues());
    this.state = this.state.map((s) => ({
      ...s,
      samples: remap(s.samples, () => new RunningSample()),
      diffs: s.diffs ? remap(s.diffs, (i) => (i === this.sortIndex ? null : new PairedDifferences())) : null,
    }));
    for (const list of this.waiting.values()) {
      list.forEach((w, k) => (list[k] = { point: w.point, values: Float64Array.from(from, (j) => (j >= 0 ? w.values[j]! : NaN)) }));
    }
    return this;
  }

  /** Every baseline run has been added: a later run whose baseline repeat is missing waits no more. */
  baselineComplete(): void {
    this.complete = true;
    this.waiting.clear();
  }

  /** Adds the differences of a point's repeat from the baseline's, per metric both have. */
  private pair(point: number, repeat: number, valueOf: (metric: number) => number): void {
    const diffs = this.state[point]!.diffs!;
    for (let i = 0; i < diffs.length; i++) {
      const b = this.baselineValues[i]!.get(repeat);
      const a = valueOf(i);
      if (diffs[i] && b !== undefined && !Number.isNaN(a)) diffs[i]!.add(a, b);
    }
  }

  /** A point's successful runs so far. */
  okRuns(pointIndex: number): number {
    return this.state[pointIndex]?.ok ?? 0;
  }

  /** A point's mean of a metric so far, or null before its first value. */
  mean(pointIndex: number, metric: string): number | null {
    const i = this.input.metrics.indexOf(metric);
    return i < 0 ? null : (this.state[pointIndex]?.samples[i]!.mean() ?? null);
  }

  /** A point's sort metric by repeat (its successful runs). */
  sortValues(pointIndex: number): Map<number, number> {
    return this.state[pointIndex]?.sort.toMap() ?? new Map();
  }

  /** Each point's runs as a race reads them: repeat → the race metric's value, null for a run without one. */
  pointRuns(): PointRuns[] {
    return this.state.map((s) => {
      const runs = new Map<number, number | null>((s.raced ?? s.sort).toMap());
      for (const repeat of s.failedRepeats ?? []) if (!runs.has(repeat)) runs.set(repeat, null);
      return runs;
    });
  }

  /** summary.csv's rows for the runs so far, as summarize() gives them for the same runs. */
  rows(): SummaryRow[] {
    const { points, gridKeys, metrics, baseline, range } = this.input;
    const paired = this.paired;
    const race = this.input.race ?? null;
    const raced = race ? raceStateOf(race, points.length, { pointRuns: this.pointRuns() }) : null;
    const rows = points.map((p) => {
      const s = this.state[p.index]!;
      const row: SummaryRow = {};
      for (const k of gridKeys) row[k] = safeCell(p.values[k]);
      row.n = s.ok;
      row.failed = s.failed;
      if (raced) Object.assign(row, raceColumns(raced, p.index));
      metrics.forEach((m, i) => {
        const reference = baseline === null || baseline === p.index ? null : this.state[baseline]!.samples[i]!.moments();
        Object.assign(row, groupColumns(m, summarizeMoments(reference, s.samples[i]!.moments(), range?.(m))));
        if (paired && reference !== null) {
          const options = comparisonOptions(paired, p.index, m);
          if (i === this.sortIndex) {
            const c = comparePaired(s.sort.toMap(), this.state[baseline!]!.sort.toMap(), options);
            row[`${m}_p_value`] = c.pValue;
            Object.assign(row, pairedColumns(m, c));
          } else row[`${m}_p_value`] = s.diffs![i]!.pValue(options.testTrainRatio);
        }
      });
      if (paired && !(`${paired.metric}_diff` in row)) Object.assign(row, pairedColumns(paired.metric, null));
      return row;
    });
    return addHolm(rows, metrics);
  }
}
