/** `sweep --dry-run`: the plan and a time estimate; nothing runs, nothing is written. */
import { join } from 'node:path';
import { type CommandPlan, isCommandPlan, type Plan } from '../../plan/plan.js';
import type { RunSelection } from '../../plan/run-list.js';
import type { PlannedRun, RunTask } from '../../protocol.js';
import type { StudyRace } from '../../report/race.js';
import { worstCaseLine } from '../../report/race.js';
import { logRows } from '../../report/stream/csv-records.js';
import { planOrder } from '../../report/stream/plan-order.js';
import { describePlan, estimateSeconds } from '../dry-run.js';
import { estimateOwnCode } from '../own-code.js';
import type { SweepOptions } from '../sweep.js';

export async function dryRun(opts: SweepOptions, plan: Plan | CommandPlan, tasks: RunSelection<PlannedRun>, log: (line: string) => void, race: StudyRace | null): Promise<void> {
  let reused = 0;
  let seconds: number[] = [];
  if (opts.resume && opts.out) {
    // Streamed: the runs done (a byte per run of the plan) and the seconds of each ok row, not the rows.
    const { indexOf } = planOrder(plan);
    const ok = new Uint8Array(plan.runs.length);
    for await (const { row } of logRows(join(opts.out, 'runs.csv'))) {
      if (row.status !== 'ok') continue;
      const index = indexOf.get(row.run_id ?? '');
      if (index !== undefined) ok[index] = 1;
      const s = Number(row.seconds);
      if (Number.isFinite(s)) seconds.push(s);
    }
    for (const index of tasks.indices) reused += ok[index]!;
  }
  for (const line of describePlan(plan, tasks, reused)) log(line);
  // The estimate below is for every planned run: the race's worst case.
  if (race) log(worstCaseLine(race, plan.points.length));
  const todo = opts.resume ? tasks.length - reused : tasks.length;
  if (todo === 0) return;
  if (isCommandPlan(plan)) {
    log(estimateOwnCode(seconds, todo, opts.workers));
    return;
  }
  const estimate = await estimateSeconds(tasks as RunSelection<RunTask>, opts.workers);
  const perRun = Object.entries(estimate.perEpoch).map(([e, s]) => `${e} ${(s * 1000).toFixed(2)} ms/epoch`).join(', ');
  const total = (estimate.seconds * todo) / tasks.length;
  const timed = estimate.timed === estimate.kinds ? `${estimate.kinds} kind(s) of run` : `${estimate.timed} of ${estimate.kinds} kinds of run, the others like the closest`;
  log(`estimate: ~${total < 120 ? `${total.toFixed(0)} s` : `${(total / 60).toFixed(1)} min`} for ${todo} runs on ${opts.workers} worker(s) (calibrated on ${timed}: ${perRun})`);
}
