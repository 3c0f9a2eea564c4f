/** Facts about a whole plan that several commands need: its metric columns and its identity. */
import { metricNames } from '../engine/metrics.js';
import { contentHash } from './identity.js';
import type { Plan } from './plan.js';

/** The metric columns of a plan: every metric any of its points produces, in a stable order. */
export function planMetrics(plan: Plan): string[] {
  return [...new Set(plan.points.flatMap((p) => metricNames(p.config)))];
}

/** Identity of a whole study: shards of one study, and only they, share it. */
export function studyHash(plan: Plan): string {
  return contentHash(plan.runs.map((r) => r.runId));
}
