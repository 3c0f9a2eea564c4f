/** Facts about a whole plan that several commands need: its metric columns and its identity. */
import { metricNames } from '../engine/metrics.js';
import { contentHash } from './identity.js';
import { type AnyPlan, isCommandPlan, type Plan, type CommandPlan } from './plan.js';

/**
 * The metric columns of a plan known before any run: every metric any of its points produces, in a stable
 * order; for a run: study, the ones every run must report (sort:, run.columns; the rest are learned from the runs).
 */
export function planMetrics(plan: Plan | CommandPlan): string[] {
  if (isCommandPlan(plan)) return [...new Set(plan.points.flatMap((p) => p.config.require))];
  return [...new Set(plan.points.flatMap((p) => metricNames(p.config)))];
}

/** Identity of a whole study: shards of one study, and only they, share it. */
export function studyHash(plan: AnyPlan): string {
  return contentHash(plan.runs.map((r) => r.runId));
}
