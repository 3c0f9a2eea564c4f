/**
 * runs.csv: one row per run, appended and flushed as each run ends, so a crash loses at most the runs in
 * flight. Columns: one per grid key (dotted path), repeat, seed, the metrics, seconds, engine, status, error,
 * run_id. RFC 4180 (csv-stringify), UTF-8, one header line.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { GridPoint } from '../plan/plan.js';
import type { RunResult } from '../protocol.js';
import { safeCell } from './cells.js';

export function runColumns(gridKeys: readonly string[], metrics: readonly string[]): string[] {
  return [...gridKeys, 'repeat', 'seed', ...metrics, 'seconds', 'engine', 'status', 'error', 'run_id'];
}

/** The cells of a run's row, in runColumns order. */
export function runRow(point: GridPoint, gridKeys: readonly string[], metrics: readonly string[], r: RunResult): (string | number)[] {
  return [
    ...gridKeys.map((k) => safeCell(point.values[k])),
    r.repeat,
    r.seed,
    ...metrics.map((m) => (r.metrics[m] === undefined ? '' : r.metrics[m]!)),
    Number(r.seconds.toFixed(3)),
    r.engine,
    r.status,
    safeCell(r.error ?? ''),
    r.runId,
  ];
}

/** One CSV line (with its newline) for a row of cells. */
export function csvLine(cells: readonly (string | number)[]): string {
  return stringify([cells], { eof: true, record_delimiter: '\n' });
}

/** An append-only CSV file: the header is written once, each row flushed to disk as it is added. */
export class AppendCsv {
  private fd: number;

  constructor(readonly path: string, header: readonly string[] | null) {
    this.fd = openSync(path, 'a');
    if (header) this.append(header);
  }

  append(cells: readonly (string | number)[]): void {
    writeSync(this.fd, csvLine(cells));
    // fsync: a row that is reported done must survive a crash or a power cut, not sit in the page cache.
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
