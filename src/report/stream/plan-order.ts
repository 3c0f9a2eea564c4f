/**
 * Where each run of a plan goes in runs.csv, worked out once per plan: the files are in plan order (grid point,
 * then repeat) while plan.runs is repeat-major (so early results cover the grid). One map from run id to run,
 * and two arrays of 4 bytes a run, instead of the maps of run ids each reader used to build for itself.
 */
import type { AnyPlan } from '../../plan/plan.js';

export interface PlanOrder {
  /** run id → index in plan.runs. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** Position in runs.csv order of plan.runs[i]. */
  readonly positionOf: Int32Array;
  /** plan.runs index at each runs.csv position. */
  readonly runAt: Int32Array;
}

const orders = new WeakMap<AnyPlan, PlanOrder>();

export function planOrder(plan: AnyPlan): PlanOrder {
  const known = orders.get(plan);
  if (known) return known;
  const { runs } = plan;
  const indexOf = new Map<string, number>();
  runs.forEach((r, i) => indexOf.set(r.runId, i));
  const runAt = Int32Array.from(runs.keys());
  runAt.sort((a, b) => runs[a]!.pointIndex - runs[b]!.pointIndex || runs[a]!.repeat - runs[b]!.repeat);
  const positionOf = new Int32Array(runs.length);
  runAt.forEach((run, position) => (positionOf[run] = position));
  const order = { indexOf, positionOf, runAt };
  orders.set(plan, order);
  return order;
}
