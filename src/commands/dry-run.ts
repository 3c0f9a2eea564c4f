/**
 * `sweep CONFIG --dry-run`: what would run, without running it. Prints the grid points with their engine and
 * noise as the study wrote it, the run counts (and how many a resume would reuse), and a time estimate from a
 * short calibration of each distinct kind of run: a run of one epoch and a few longer ones, timed in this
 * process (CPU time); their difference is the cost of an epoch, the rest the fixed cost of a run (building the model,
 * evaluating), and the two scale to the study's epochs. Seconds, not the minute that timing 200 epochs of
 * every kind took on LSTMs and CNNs.
 */
import type { NoiseSpec, RunConfig, Study } from '../config/schema.js';
import { plannedRepeats } from '../config/schema.js';
import { withPath } from '../config/paths.js';
import { type CommandPlan, isCommandPlan, type GridPoint, type Plan } from '../plan/plan.js';
import type { RunResult, RunTask } from '../protocol.js';
import trainRun from '../worker/train.js';
import { describeOwnCode } from './own-code.js';
import { detectableProbability, noetherSampleSize } from '../stats/noether.js';
import { renderValue } from '../report/cells.js';
import { canonicalJson } from '../plan/identity.js';

/** The longer calibration run is lengthened (×4 epochs) until it takes this much longer than the one-epoch run. */
const MIN_TIMED_SECONDS = 0.1;
/** Epochs of the untimed first run of each structure: loads the engine and data, and lets the JIT warm up. */
const WARM_UP_EPOCHS = 2;
/** Calibration stops starting new kinds after this long; the kinds left borrow the timing of the closest one timed. */
const BUDGET_SECONDS = 1.5;

/**
 * CPU seconds of this process, not wall time: a run is single-threaded and CPU-bound, so on a free core the two
 * agree, and on a shared machine (here: about seven users of 2 cores) wall time measured 3× the CPU time.
 */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** What a run costs, as calibrated: a fixed part and a part per epoch. */
export interface RunCost {
  readonly fixed: number;
  readonly perEpoch: number;
}

export interface Estimate {
  /** Seconds per epoch by engine (the mean over the kinds of run timed with it), measured. */
  readonly perEpoch: Record<string, number>;
  readonly seconds: number;
  /** Distinct kinds of run, and how many of them were timed (the rest borrowed a timing). */
  readonly kinds: number;
  readonly timed: number;
  /** Epochs trained while calibrating, over every kind: what the calibration cost. */
  readonly epochsTrained: number;
}

export interface CalibrationOptions {
  /** The worker function (a parameter so tests can count epochs with a clock of their own). */
  readonly train?: (task: RunTask) => Promise<RunResult>;
  /** Seconds, monotonic; default the process's CPU time (see cpuSeconds). */
  readonly now?: () => number;
  readonly budgetSeconds?: number;
}

/** What makes one run cost more than another per epoch: engine, model, data, batch size, evaluation. */
function structureOf(config: RunConfig): string {
  const { train, model, data, eval: evaluation } = config;
  return canonicalJson([train.engine, train.batchSize, model, data, evaluation]);
}

/**
 * ... and its noise: a kind of run. The fused engine's cost is mostly its noise (a run with noise at every
 * placement takes 5× one without), so there every set of sites is a kind; in tfjs a noise layer is one cheap op
 * beside the layers' own, so there the number of sites is what counts.
 */
function costKind(task: RunTask): string {
  const { noise, train } = task.config;
  const sites = train.engine === 'fused' ? noise.sites.map((s) => [s.placement, s.layer ?? null]) : noise.sites.length;
  return canonicalJson([structureOf(task.config), noise.kind, sites]);
}

function withEpochs(task: RunTask, epochs: number): RunTask {
  return { ...task, config: { ...task.config, train: { ...task.config.train, epochs }, historyEvery: 0 } };
}

/**
 * Times each distinct kind of run (most runs first) until the budget is spent, and scales to the study.
 * A kind not timed borrows the cost of a timed kind of the same structure with the nearest number of noise
 * sites, else the mean of its engine's kinds.
 */
export async function estimateSeconds(tasks: Iterable<RunTask>, workers: number, opts: CalibrationOptions = {}): Promise<Estimate> {
  const train = opts.train ?? trainRun;
  const now = opts.now ?? cpuSeconds;
  const budget = opts.budgetSeconds ?? BUDGET_SECONDS;
  // Per kind, its first task and how many of its tasks have each number of epochs: one pass over the tasks,
  // none of them kept (a plan's runs are built one at a time: plan/run-list.ts).
  const byKind = new Map<string, { readonly first: RunTask; count: number; readonly byEpochs: Map<number, number> }>();
  let count = 0;
  for (const t of tasks) {
    count++;
    const key = costKind(t);
    let kind = byKind.get(key);
    if (!kind) byKind.set(key, (kind = { first: t, count: 0, byEpochs: new Map() }));
    kind.count++;
    kind.byEpochs.set(t.config.train.epochs, (kind.byEpochs.get(t.config.train.epochs) ?? 0) + 1);
  }
  const kinds = [...byKind.values()].sort((a, b) => b.count - a.count);

  const costs = new Map<string, RunCost>();
  const warm = new Set<string>();
  let epochsTrained = 0;
  const timedRun = async (task: RunTask, epochs: number): Promise<number> => {
    epochsTrained += epochs;
    const start = now();
    await train(withEpochs(task, epochs));
    return now() - start;
  };
  const start = now();
  for (const { first: task } of kinds) {
    if (costs.size > 0 && now() - start > budget) break;
    const epochs = task.config.train.epochs;
    // The first run of a structure loads the engine, builds the dataset and compiles kernels: not timed.
    if (!warm.has(structureOf(task.config))) {
      await timedRun(task, Math.min(epochs, WARM_UP_EPOCHS));
      warm.add(structureOf(task.config));
    }
    const short = await timedRun(task, 1);
    let long = short;
    let k = 1;
    while (k < epochs) {
      k = Math.min(epochs, k === 1 ? 2 : k * 4);
      long = await timedRun(task, k);
      if (long - short >= MIN_TIMED_SECONDS) break;
    }
    const perEpoch = k > 1 ? Math.max(0, (long - short) / (k - 1)) : short;
    costs.set(costKind(task), { fixed: k > 1 ? Math.max(0, short - perEpoch) : 0, perEpoch });
  }

  const costOf = (task: RunTask): RunCost => {
    const own = costs.get(costKind(task));
    if (own) return own;
    const sites = task.config.noise.sites.length;
    const similar = kinds.map((k) => k.first).filter((t) => costs.has(costKind(t)) && structureOf(t.config) === structureOf(task.config));
    const nearest = similar.sort((a, b) => Math.abs(a.config.noise.sites.length - sites) - Math.abs(b.config.noise.sites.length - sites))[0];
    if (nearest) return costs.get(costKind(nearest))!;
    const engine = kinds.map((k) => k.first).filter((t) => costs.has(costKind(t)) && t.config.train.engine === task.config.train.engine);
    const pool = (engine.length > 0 ? engine : kinds.map((k) => k.first).filter((t) => costs.has(costKind(t)))).map((t) => costs.get(costKind(t))!);
    return { fixed: mean(pool.map((c) => c.fixed)), perEpoch: mean(pool.map((c) => c.perEpoch)) };
  };
  let total = 0;
  for (const kind of kinds) {
    const c = costOf(kind.first);
    for (const [epochs, n] of kind.byEpochs) total += n * (c.fixed + c.perEpoch * epochs);
  }
  const perEpoch: Record<string, number> = {};
  for (const engine of new Set(kinds.map((k) => k.first.config.train.engine))) {
    const timed = kinds.map((k) => k.first).filter((t) => t.config.train.engine === engine && costs.has(costKind(t)));
    if (timed.length > 0) perEpoch[engine] = mean(timed.map((t) => costs.get(costKind(t))!.perEpoch));
  }
  return { perEpoch, seconds: total / Math.max(1, Math.min(workers, count)), kinds: kinds.length, timed: costs.size, epochsTrained };
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * A point's noise as the study wrote it: "after:pool stddev 0.2", "input stddev 0.01, pre stddev 0.1",
 * "post rate 0.1 (dropout)", or "no noise" when nothing is left after zero strengths are dropped.
 */
export function noiseAsWritten(plan: Plan, point: GridPoint): string {
  // The study's noise with this point's grid values applied, as the study wrote them (merged keys left out).
  let noise: NoiseSpec = (plan.study as Study).noise;
  for (const key of plan.gridKeys) if (key.startsWith('noise.') && point.values[key] !== undefined) noise = withPath({ noise }, key, point.values[key]).noise;
  if (point.config.noise.sites.length === 0) return 'no noise';
  const placements = (Array.isArray(noise.placement) ? noise.placement : [noise.placement]).filter((p) => p !== 'none');
  const byRate = point.config.noise.sites.some((s) => s.rate !== undefined);
  const values = byRate ? noise.rate : noise.stddev;
  const parts = placements.flatMap((p) => {
    const v = typeof values === 'number' ? values : values?.[p];
    return v === undefined || v === 0 ? [] : [`${p} ${byRate ? 'rate' : 'stddev'} ${v}`];
  });
  return parts.join(', ') + (point.config.noise.kind === 'gaussian' ? '' : ` (${point.config.noise.kind})`);
}

/** Human lines describing a plan. */
export function describePlan(plan: Plan | CommandPlan, tasks: { readonly length: number }, reused: number): string[] {
  const lines = [`study ${plan.study.name}: ${plan.points.length} grid point(s) × ${plannedRepeats(plan.study)} repeats${plan.study.race ? ' (race.max)' : ''} = ${plan.runs.length} runs` + (tasks.length !== plan.runs.length ? `, ${tasks.length} in this shard` : '') + (reused ? `, ${reused} already done` : '')];
  if (isCommandPlan(plan)) return [...lines, ...describeOwnCode(plan)];
  for (const p of plan.points) {
    const label = plan.gridKeys.map((k) => `${k}=${renderValue(p.values[k]) || '·'}`).join(' ') || '(single point)';
    lines.push(`  ${label}  [${p.config.train.engine}; ${noiseAsWritten(plan, p)}; ${p.config.train.epochs} epochs]`);
  }
  lines.push(powerLine({ ...(plan.study as Study), repeats: plannedRepeats(plan.study) }));
  return lines;
}

/**
 * What the planned repeats can decide, before a run: paired or not, what varies, and by Noether's formula the
 * smallest P(better) they detect next to the repeats P = gamma needs (issue 15: power, stated up front).
 */
export function powerLine(study: Pick<Study, 'repeats' | 'pairing' | 'vary' | 'gamma'> & { readonly grid?: Study['grid'] }): string {
  if (study.grid !== undefined && 'vary' in study.grid) return 'comparisons: none; each point varies its own sources of randomness (vary in the grid: where the variance comes from)';
  if (study.pairing !== 'paired') return `comparisons: unpaired (pairing: independent): Welch's t-test against the baseline, Holm-adjusted; varied between repeats: ${study.vary.join(', ')}`;
  const detectable = detectableProbability(study.repeats);
  const needed = noetherSampleSize(study.gamma);
  return `comparisons: paired on repeats (varied: ${study.vary.join(', ')}); ${study.repeats} repeats detect P(better) ≥ ${detectable.toFixed(2)} (Noether, α = β = 0.05); P = ${study.gamma} (gamma) needs ${needed}` + (study.repeats < 6 ? '; below 6 repeats no verdict says better or worse' : '');
}
