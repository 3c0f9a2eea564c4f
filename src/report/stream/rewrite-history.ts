/**
 * history.csv rewritten in plan order (grid point, repeat, then epoch; write-results.ts says why) in memory that
 * does not grow with its rows (issue 13). A run's learning curve is appended as one batch, so its rows lie
 * together: the log is streamed once into a scratch file beside it, remembering each block of one run's rows
 * (20 bytes a block); the blocks are then written in plan order, each run's rows sorted by epoch (stably, as
 * the in-memory sort did: metrics keep their order), into the new file, atomically. Rows of runs whose result
 * is not recorded are left out (those runs are done again); rows of runs the plan does not have come last.
 */
import { constants, existsSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { AnyPlan } from '../../plan/plan.js';
import { AtomicWriter, tempPathFor } from '../../store/atomic-write.js';
import { closeFd, openForWrite, removePath, writeAll } from '../../store/disk.js';
import { isErrno, userFsError } from '../../store/fs-errors.js';
import { ChunkedSink } from '../../store/chunked-sink.js';
import { csvLines } from '../runs-csv.js';
import { logRows, readLogHeader } from './csv-records.js';
import { planOrder } from './plan-order.js';

/** The rank of rows of runs the plan does not have: after every run of the plan. */
const STALE = Number.MAX_SAFE_INTEGER;

/** Growable columns of the blocks: rank, start in the scratch file, bytes, whether its epochs ascend. */
class Blocks {
  rank = new Float64Array(1024);
  start = new Float64Array(1024);
  bytes = new Float64Array(1024);
  sorted = new Uint8Array(1024);
  count = 0;

  push(rank: number, start: number): void {
    if (this.count === this.rank.length) {
      const grow = <T extends Float64Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.rank = grow(this.rank);
      this.start = grow(this.start);
      this.bytes = grow(this.bytes);
      this.sorted = grow(this.sorted);
    }
    this.rank[this.count] = rank;
    this.start[this.count] = start;
    this.bytes[this.count] = 0;
    this.sorted[this.count] = 1;
    this.count++;
  }
}

/**
 * Rewrites `dir/history.csv` (if there is one) in plan order, keeping the rows of recorded runs.
 * @throws InputError when it is not a CSV log, StorageError when the disk fails (history.csv left as it was)
 */
export async function rewriteHistoryLog(dir: string, plan: AnyPlan, recorded: (runId: string) => boolean): Promise<void> {
  const path = join(dir, 'history.csv');
  if (!existsSync(path)) return;
  const header = await readLogHeader(path);
  const { indexOf, positionOf } = planOrder(plan);
  const blocks = new Blocks();
  const scratchPath = tempPathFor(path);
  let scratch: number | undefined;
  const out = new AtomicWriter(path);
  try {
    scratch = openForWrite(scratchPath, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL);
    let written = 0;
    const sink = new ChunkedSink((bytes) => writeAll(scratch!, bytes));
    let lastId: string | undefined;
    let lastEpoch = -Infinity;
    for await (const { row } of logRows(path)) {
      const id = row.run_id ?? '';
      if (!recorded(id)) {
        lastId = undefined;
        continue;
      }
      const epoch = Number(row.epoch);
      if (id !== lastId) {
        const index = indexOf.get(id);
        blocks.push(index === undefined ? STALE : positionOf(index), written);
        lastId = id;
        lastEpoch = -Infinity;
      }
      const k = blocks.count - 1;
      if (!(epoch >= lastEpoch)) blocks.sorted[k] = 0;
      lastEpoch = epoch;
      const length = sink.write(csvLines([header.map((h) => row[h] ?? '')]));
      blocks.bytes[k] += length;
      written += length;
    }
    sink.flush();
    const slice = (at: number, length: number): Buffer => {
      const buf = Buffer.allocUnsafe(length);
      for (let got = 0; got < length; ) {
        const n = readSync(scratch!, buf, got, length - got, at + got);
        if (n <= 0) throw Object.assign(new Error(`${scratchPath}: short read`), { code: 'EIO', path: scratchPath });
        got += n;
      }
      return buf;
    };
    // Blocks by rank, ties in file order: each run's blocks (and all rows of stale runs) become one group.
    const order = Int32Array.from({ length: blocks.count }, (_, i) => i).sort((a, b) => blocks.rank[a]! - blocks.rank[b]! || a - b);
    out.write(csvLines([header]));
    for (let g = 0; g < order.length; ) {
      let end = g + 1;
      while (end < order.length && blocks.rank[order[end]!] === blocks.rank[order[g]!]) end++;
      const group = Array.from(order.subarray(g, end));
      if (group.length === 1 && blocks.sorted[group[0]!]) out.write(slice(blocks.start[group[0]!]!, blocks.bytes[group[0]!]!));
      else {
        const rows = group.flatMap((b) => parse(slice(blocks.start[b]!, blocks.bytes[b]!)) as string[][]);
        const epoch = header.indexOf('epoch');
        rows.sort((a, b) => Number(a[epoch]) - Number(b[epoch])); // stable: metrics keep their order
        out.write(csvLines(rows));
      }
      g = end;
    }
    out.commit();
  } catch (err) {
    if (isErrno(err) && err.path === scratchPath) err.path = path;
    throw userFsError(err, 'writing history.csv', `${path} was left as it was`) ?? err;
  } finally {
    out.abort();
    if (scratch !== undefined) closeFd(scratch);
    removePath(scratchPath);
  }
}
