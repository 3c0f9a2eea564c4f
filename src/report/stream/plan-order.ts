/**
 * Where each run of a plan goes in runs.csv: the files are in plan order (grid point, then repeat) while
 * plan.runs is repeat-major (so early results cover the grid). Both orders and the index of run ids come from
 * the plan's run list (plan/run-list.ts: arithmetic, and a table of 4 bytes a slot), not from maps of their own.
 */
import type { AnyPlan } from '../../plan/plan.js';

export interface PlanOrder {
  /** run id → index in plan.runs. */
  readonly indexOf: { get(runId: string): number | undefined; has(runId: string): boolean };
  /** Position in runs.csv order of plan.runs[i]. */
  readonly positionOf: (index: number) => number;
}

export function planOrder(plan: AnyPlan): PlanOrder {
  const { runs } = plan;
  return {
    indexOf: { get: (id) => runs.indexOf(id), has: (id) => runs.indexOf(id) !== undefined },
    positionOf: (index) => runs.positionOf(index),
  };
}
