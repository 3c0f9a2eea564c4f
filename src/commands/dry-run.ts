/**
 * `sweep CONFIG --dry-run`: what would run, without running it. Prints the grid points with their engine,
 * the run counts (and how many a resume would reuse), and a time estimate from a short calibration: one run
 * per engine with few epochs, timed in this process and scaled to the study.
 */
import { performance } from 'node:perf_hooks';
import type { Plan } from '../plan/plan.js';
import type { RunTask } from '../protocol.js';
import train from '../worker/train.js';
import { renderValue } from '../report/cells.js';

/** Epochs of a calibration run: enough to amortize model building, few enough to take a second or two. */
const CALIBRATION_EPOCHS = 200;

export interface Estimate {
  /** Seconds per epoch by engine, measured. */
  readonly perEpoch: Record<string, number>;
  readonly seconds: number;
}

export async function estimateSeconds(tasks: readonly RunTask[], workers: number): Promise<Estimate> {
  const perEpoch: Record<string, number> = {};
  for (const task of tasks) {
    const engine = task.config.train.engine;
    if (perEpoch[engine] !== undefined) continue;
    const epochs = Math.min(task.config.train.epochs, CALIBRATION_EPOCHS);
    const probe: RunTask = { ...task, config: { ...task.config, train: { ...task.config.train, epochs }, historyEvery: 0 } };
    await train(probe); // warm-up: loads the engine and builds the dataset
    const start = performance.now();
    await train(probe);
    perEpoch[engine] = (performance.now() - start) / 1000 / epochs;
  }
  const total = tasks.reduce((s, t) => s + perEpoch[t.config.train.engine]! * t.config.train.epochs, 0);
  return { perEpoch, seconds: total / Math.max(1, Math.min(workers, tasks.length)) };
}

/** Human lines describing a plan. */
export function describePlan(plan: Plan, tasks: readonly RunTask[], reused: number): string[] {
  const lines = [`study ${plan.study.name}: ${plan.points.length} grid point(s) × ${plan.study.repeats} repeats = ${plan.runs.length} runs` + (tasks.length !== plan.runs.length ? `, ${tasks.length} in this shard` : '') + (reused ? `, ${reused} already done` : '')];
  for (const p of plan.points) {
    const label = plan.gridKeys.map((k) => `${k}=${renderValue(p.values[k]) || '·'}`).join(' ') || '(single point)';
    const sites = p.config.noise.sites.map((s) => `${s.placement}:${s.stddev}`).join(',') || 'no noise';
    lines.push(`  ${label}  [${p.config.train.engine}; ${sites}; ${p.config.train.epochs} epochs]`);
  }
  return lines;
}
