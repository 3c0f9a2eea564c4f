/**
 * runs.csv rewritten in plan order from the log on disk, in memory that does not grow with its rows (issue 13):
 * the log is streamed once, each row checked (check-runs.ts) and written, as the final file will hold it, to a
 * scratch file beside it, remembering where each run's latest row went (8 + 4 bytes a run of the plan; rows
 * of runs the plan does not have keep their order of first appearance, as write-results.ts's latestRows);
 * the final file is then written from the scratch file in plan order, atomically (writeFileAtomicFrom). The
 * scratch file is named like every temporary file here, so one left by a crash is removed on the next open.
 */
import { constants, readSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyPlan } from '../../plan/plan.js';
import { tempPathFor, writeFileAtomicFrom } from '../../store/atomic-write.js';
import { closeFd, openForWrite, removePath, writeAll } from '../../store/disk.js';
import { isErrno, userFsError } from '../../store/fs-errors.js';
import { ChunkedSink } from '../../store/chunked-sink.js';
import { checkRunsRow, type CurrentStudy } from '../check-runs.js';
import { planSortOf, seedColumnsOf } from '../columns.js';
import { csvLines, parseRunColumns, runColumns } from '../runs-csv.js';
import { safeCell } from '../cells.js';
import { logRows, readLogHeader } from './csv-records.js';
import { planOrder } from './plan-order.js';


/**
 * A log row's cells under `header` as the rewritten runs.csv holds them: grid-key cells from the plan (so a
 * resumed study with a new grid key fills them as a fresh sweep does), seed_* cells from the plan where the row
 * was written before runs.csv had them (the same run, the same seeds), every other cell as it was.
 * @param index the row's run in plan.runs, or undefined for a run the plan does not have
 */
export function rowCells(plan: AnyPlan, header: readonly string[], row: Readonly<Record<string, string>>, index: number | undefined): (string | number)[] {
  const point = index === undefined ? undefined : plan.points[plan.runs.pointOf(index)];
  // The run's seeds are worked out (a few sha256) only for a row that lacks a seed column.
  let seeds: Record<string, number> | undefined;
  const seed = (name: string): string => String((seeds ??= plan.runs.get(index!).seeds as unknown as Record<string, number>)[name] ?? '');
  return header.map((h) => (point && plan.gridKeys.includes(h) ? safeCell(point.values[h]) : row[h] || (h.startsWith('seed_') && index !== undefined ? seed(h.slice(5)) : row[h] ?? '')));
}

export interface RewrittenRuns {
  readonly rows: number;
  /** Whether the file has a row of this run id (its result is recorded). */
  readonly has: (runId: string) => boolean;
}

/**
 * Rewrites `dir/runs.csv` in plan order (the caller holds the directory's lock).
 * @param current the study reading it (its ok rows must carry its metrics), as checkRunsTable's
 * @returns how many rows the file now has (one per run id), and which run ids it has
 * @throws InputError for a row that is not what a sweep writes (nothing is modified), StorageError when the
 *   disk fails (runs.csv is left as it was)
 */
export async function rewriteRunsLog(dir: string, plan: AnyPlan, metrics: readonly string[], current?: CurrentStudy): Promise<RewrittenRuns> {
  const path = join(dir, 'runs.csv');
  const { metrics: logMetrics } = parseRunColumns(await readLogHeader(path), path);
  const header = runColumns(plan.gridKeys, metrics, planSortOf(plan, metrics).metric, seedColumnsOf(plan));
  const order = planOrder(plan);
  const offsets = new Float64Array(plan.runs.length).fill(-1);
  const lengths = new Int32Array(plan.runs.length);
  const stale = new Map<string, readonly [number, number]>();
  const scratchPath = tempPathFor(path);
  let scratch: number | undefined;
  try {
    scratch = openForWrite(scratchPath, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL);
    let written = 0;
    const sink = new ChunkedSink((bytes) => writeAll(scratch!, bytes));
    const context = { path, metrics: logMetrics, ...(current ? { current } : {}) };
    for await (const { row, line } of logRows(path)) {
      checkRunsRow(row, line, context);
      const index = order.indexOf.get(row.run_id!);
      const length = sink.write(csvLines([rowCells(plan, header, row, index)]));
      if (index === undefined) stale.set(row.run_id!, [written, length]);
      else {
        offsets[order.positionOf(index)] = written;
        lengths[order.positionOf(index)] = length;
      }
      written += length;
    }
    sink.flush();
    let rows = 0;
    const slice = (at: number, length: number): Buffer => {
      const buf = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const n = readSync(scratch!, buf, got, length - got, at + got);
        if (n <= 0) throw Object.assign(new Error(`${scratchPath}: short read`), { code: 'EIO', path: scratchPath });
        got += n;
      }
      return buf;
    };
    writeFileAtomicFrom(path, (write) => {
      write(csvLines([header]));
      for (let position = 0; position < offsets.length; position++) {
        if (offsets[position]! < 0) continue;
        write(slice(offsets[position]!, lengths[position]!));
        rows++;
      }
      for (const [at, length] of stale.values()) {
        write(slice(at, length));
        rows++;
      }
    });
    return { rows, has: (id) => stale.has(id) || (order.indexOf.has(id) && offsets[order.positionOf(order.indexOf.get(id)!)]! >= 0) };
  } catch (err) {
    // The scratch file is ours: the user knows runs.csv.
    if (isErrno(err) && err.path === scratchPath) err.path = path;
    throw userFsError(err, 'writing runs.csv', `${path} was left as it was`) ?? err;
  } finally {
    if (scratch !== undefined) closeFd(scratch);
    removePath(scratchPath);
  }
}
