/**
 * `sweep CONFIG --dry-run`: what would run, without running it. Prints the grid points with their engine,
 * the run counts (and how many a resume would reuse), and a time estimate from a short calibration: one run
 * per engine with few epochs, timed in this process and scaled to the study.
 */
import { performance } from 'node:perf_hooks';
import { type CommandPlan, isCommandPlan, type Plan } from '../plan/plan.js';
import type { RunTask } from '../protocol.js';
import train from '../worker/train.js';
import { renderValue } from '../report/cells.js';
import { canonicalJson } from '../plan/identity.js';
import { describeOwnCode } from './own-code.js';

/** Epochs of a calibration run: enough to amortize model building, few enough to take a second or two. */
const CALIBRATION_EPOCHS = 200;
/** At most this many distinct kinds of run are timed; the others are estimated from their average. */
const MAX_CALIBRATIONS = 6;

export interface Estimate {
  /** Seconds per epoch by engine (the mean over the kinds of run timed with it), measured. */
  readonly perEpoch: Record<string, number>;
  readonly seconds: number;
}

/** What makes one run cost more than another per epoch: engine, model, data, noise sites, evaluation. */
function costKind(task: RunTask): string {
  const { train, model, data, noise, eval: evaluation } = task.config;
  return canonicalJson([train.engine, train.batchSize, model, data, noise.sites.map((s) => s.placement), evaluation]);
}

export async function estimateSeconds(tasks: readonly RunTask[], workers: number): Promise<Estimate> {
  const perKind = new Map<string, number>();
  for (const task of tasks) {
    const kind = costKind(task);
    if (perKind.has(kind) || perKind.size >= MAX_CALIBRATIONS) continue;
    const epochs = Math.min(task.config.train.epochs, CALIBRATION_EPOCHS);
    const probe: RunTask = { ...task, config: { ...task.config, train: { ...task.config.train, epochs }, historyEvery: 0 } };
    await train(probe); // warm-up: loads the engine and builds the dataset
    const start = performance.now();
    await train(probe);
    perKind.set(kind, (performance.now() - start) / 1000 / epochs);
  }
  const timed = [...perKind.values()];
  const fallback = timed.reduce((a, b) => a + b, 0) / Math.max(1, timed.length);
  const total = tasks.reduce((s, t) => s + (perKind.get(costKind(t)) ?? fallback) * t.config.train.epochs, 0);
  const perEpoch: Record<string, number> = {};
  for (const engine of new Set(tasks.map((t) => t.config.train.engine))) {
    const xs = tasks.filter((t) => t.config.train.engine === engine).map((t) => perKind.get(costKind(t))).filter((x): x is number => x !== undefined);
    if (xs.length > 0) perEpoch[engine] = xs.reduce((a, b) => a + b, 0) / xs.length;
  }
  return { perEpoch, seconds: total / Math.max(1, Math.min(workers, tasks.length)) };
}

/** Human lines describing a plan. */
export function describePlan(plan: Plan | CommandPlan, tasks: readonly { readonly runId: string }[], reused: number): string[] {
  const lines = [`study ${plan.study.name}: ${plan.points.length} grid point(s) × ${plan.study.repeats} repeats = ${plan.runs.length} runs` + (tasks.length !== plan.runs.length ? `, ${tasks.length} in this shard` : '') + (reused ? `, ${reused} already done` : '')];
  if (isCommandPlan(plan)) return [...lines, ...describeOwnCode(plan)];
  for (const p of plan.points) {
    const label = plan.gridKeys.map((k) => `${k}=${renderValue(p.values[k]) || '·'}`).join(' ') || '(single point)';
    const sites = p.config.noise.sites.map((s) => `${s.placement}:${s.stddev}`).join(',') || 'no noise';
    lines.push(`  ${label}  [${p.config.train.engine}; ${sites}; ${p.config.train.epochs} epochs]`);
  }
  return lines;
}
