/**
 * What a running sweep writes as each run ends: its learning curve into history.csv (one batch, one fsync) and
 * then its row into runs.csv (one fsync), so a run counts as done only once all of it is on disk. When the disk
 * fails (full, quota, read-only) or the directory's lock is lost, the log stops taking rows, the sweep starts no
 * new run, and the error says how to continue: every row already written stays whole (see AppendCsv).
 */
import { join } from 'node:path';
import { SweepError } from '../errors.js';
import type { AnyPlan } from '../plan/plan.js';
import type { RunResult } from '../protocol.js';
import type { DirLock } from '../store/lock.js';
import { safeCell } from './cells.js';
import { AppendCsv, runColumns, runRow } from './runs-csv.js';
import { widenRunsCsv } from './runs-header.js';
import { seedColumnsOf } from './columns.js';
import { planOrder } from './stream/plan-order.js';

export class RunLog {
  private runs: AppendCsv;
  private history: AppendCsv | undefined;
  private failure: unknown;
  private written = 0;
  private readonly seedColumns: readonly string[];

  constructor(private readonly dir: string, private readonly plan: AnyPlan, private metrics: readonly string[], private readonly sortMetric: string, private readonly lock: DirLock) {
    this.seedColumns = seedColumnsOf(plan);
    this.runs = new AppendCsv(join(dir, 'runs.csv'), runColumns(plan.gridKeys, metrics, sortMetric, this.seedColumns));
  }

  /**
   * Writes a run's history and row; false (and nothing written) once the disk or the lock has failed.
   * `wider`: metric columns this run adds (a run: study learns them from its runs): runs.csv is widened from
   * disk first (runs-header.ts).
   */
  record(result: RunResult, wider?: readonly string[]): boolean {
    this.failure ??= this.lock.lost();
    if (this.failure) return false;
    try {
      if (wider) {
        this.runs.close();
        this.metrics = wider;
        widenRunsCsv(this.dir, runColumns(this.plan.gridKeys, wider, this.sortMetric, this.seedColumns));
        this.runs = new AppendCsv(join(this.dir, 'runs.csv'), runColumns(this.plan.gridKeys, wider, this.sortMetric, this.seedColumns));
      }
      const point = this.plan.points[result.pointIndex]!;
      if (result.history?.length) {
        this.history ??= new AppendCsv(join(this.dir, 'history.csv'), [...this.plan.gridKeys, 'repeat', 'epoch', 'metric', 'value', 'run_id']);
        const keys = this.plan.gridKeys.map((k) => safeCell(point.values[k]));
        this.history.appendRows(result.history.map((h) => [...keys, result.repeat, h.epoch, h.metric, h.value, result.runId]));
      }
      // The plan's index of run ids (shared, not a map of its own: issue 13) finds the run's seeds.
      const index = planOrder(this.plan).indexOf.get(result.runId);
      this.runs.append(runRow(point, this.plan.gridKeys, this.metrics, result, this.sortMetric, index === undefined ? undefined : this.plan.runs.get(index).seeds, this.seedColumns));
      this.written++;
      return true;
    } catch (err) {
      this.failure = err;
      return false;
    }
  }

  close(): void {
    this.runs.close();
    this.history?.close();
  }

  /** After the launcher is done: the failure that stopped the log, with how to continue. */
  throwIfFailed(resume: string): void {
    if (this.failure === undefined) return;
    if (!(this.failure instanceof SweepError)) throw this.failure;
    const { exitCode } = this.failure;
    const message = `${this.failure.message}; ${this.written} runs of this session and every earlier one are in ${join(this.dir, 'runs.csv')}; once fixed, resume with: ${resume}`;
    throw new SweepError(message, exitCode);
  }
}

/** Runs `f` (writing the final files); a failure there says the runs are safe and how to finish. */
export async function withResumeHint<T>(resume: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof SweepError && err.exitCode === 4) throw new SweepError(`${err.message}; every finished run is in runs.csv; once fixed, finish with: ${resume}`, 4);
    throw err;
  }
}

/** The line a resumed sweep prints about earlier rows it will not reuse, naming data files that changed. */
export function staleNote(count: number, before: Readonly<Record<string, string>> | undefined, now: Readonly<Record<string, string>>): string {
  const changed = Object.keys(now).filter((path) => before?.[path] !== undefined && before[path] !== now[path]);
  const why = changed.length > 0 ? `the data changed: ${changed.join(', ')} has new content` : 'their settings differ from this study';
  return `${count} earlier run(s) in runs.csv are stale (${why}): kept in runs.csv, not reused`;
}
