/**
 * What a resumed sweep takes from its runs.csv, streamed (issue 13): which runs of the plan are done, never
 * their rows.
 */
import { join } from 'node:path';
import type { AnyPlan } from '../../plan/plan.js';
import type { RunResult } from '../../protocol.js';
import { feedRuns } from '../../report/stream/feed-runs.js';
import { planOrder } from '../../report/stream/plan-order.js';

/** Which part of the live state a reused run goes to: the summary, the rest (digest, progress), or all. */
export type Reused = 'stream' | 'rest' | 'all';

/** What a resumed sweep takes from its runs.csv: which runs are done (their results go to the live state), and how many stale. */
export interface Previous {
  /** By plan.runs index: 1 when the run has an ok row (it is reused). */
  readonly done: Uint8Array;
  readonly reused: number;
  /** Distinct run ids of rows the current plan does not have (kept, not reused). */
  readonly stale: number;
}

/**
 * Streams a resumed runs.csv (issue 13): the set of finished runs (a byte per run of the plan), never their
 * rows; each reused run of this sweep's part goes to `onReused` (the live report's state). Ok runs are reused,
 * failed ones run again; a run with several rows counts by its latest ok one. The runs of `firstPoint` (the
 * paired baseline) go to the summary first ('stream'), and to the rest of the live state later ('rest').
 */
export async function readPrevious(dir: string, plan: AnyPlan, metrics: readonly string[], firstPoint: number | null, inPart: Uint8Array, onReused: (r: RunResult, part: Reused) => void): Promise<Previous> {
  const { indexOf } = planOrder(plan);
  const done = new Uint8Array(plan.runs.length);
  const stale = new Set<string>();
  let reused = 0;
  await feedRuns({
    path: join(dir, 'runs.csv'),
    plan,
    metrics,
    okOnly: true,
    firstPoint,
    onFirst: (r) => {
      if (inPart[indexOf.get(r.runId)!]) onReused(r, 'stream');
    },
    onRun: (r) => {
      const index = indexOf.get(r.runId)!;
      done[index] = 1;
      if (!inPart[index]) return;
      reused++;
      onReused(r, r.pointIndex === firstPoint ? 'rest' : 'all');
    },
    onStale: (row) => void stale.add(row.run_id ?? JSON.stringify(row)),
  });
  return { done, reused, stale: stale.size };
}
