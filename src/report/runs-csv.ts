/**
 * runs.csv: one row per run, appended and flushed as each run ends, so a crash loses at most the runs in
 * flight. Columns (order: columns.ts): one per grid key (dotted path), repeat, seed, seed_<source> per source
 * of randomness (seeding.ts; model studies), the metrics with the sort
 * metric first, seconds, engine, status, error, run_id. RFC 4180 (csv-stringify / csv-parse), UTF-8, one
 * header line.
 */
import { constants, existsSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { InputError } from '../errors.js';
import { closeFd, openForWrite, readBytes, sizeOf, syncFd, truncateFd, writeAll } from '../store/disk.js';
import { userFsError } from '../store/fs-errors.js';
import type { GridPoint } from '../plan/plan.js';
import type { RunResult } from '../protocol.js';
import type { RunSeeds } from '../engine/seeds.js';
import { safeCell } from './cells.js';
import { isSeedColumn, orderRunColumns, RUN_BOOKKEEPING } from './columns.js';

/**
 * runs.csv's columns for a plan: grid keys, repeat, seed, the metrics (sort metric first: the study's `sort:`
 * when given, else sortMetricOf's choice), the bookkeeping.
 */
export function runColumns(gridKeys: readonly string[], metrics: readonly string[], sortMetric?: string, seedColumns: readonly string[] = []): string[] {
  return orderRunColumns([...gridKeys, 'repeat', 'seed', ...seedColumns, ...metrics, ...RUN_BOOKKEEPING], { gridKeys, metrics, ...(sortMetric !== undefined ? { sortMetric } : {}) });
}

/**
 * Splits a runs.csv header back into its grid keys (everything before `repeat`) and metrics (everything but
 * the seed and bookkeeping columns after it), whatever order the columns were written in.
 */
export function parseRunColumns(header: readonly string[], file: string): { gridKeys: string[]; metrics: string[] } {
  const repeat = header.indexOf('repeat');
  const missing = ['seed', ...RUN_BOOKKEEPING].filter((c) => !header.includes(c));
  if (repeat < 0 || missing.length > 0) {
    throw new InputError(`${file}: line 1: expected a runs.csv header (grid keys, repeat, seed, metrics, ${RUN_BOOKKEEPING.join(', ')}), found ${JSON.stringify(header.join(',')).slice(0, 120)}`);
  }
  const bookkeeping: readonly string[] = RUN_BOOKKEEPING;
  return { gridKeys: header.slice(0, repeat), metrics: header.slice(repeat + 1).filter((c) => !isSeedColumn(c) && !bookkeeping.includes(c)) };
}

/** A run's cells by column name; `seeds`: its per-source seeds (the plan's), for the seed_* columns. */
export function runRecord(point: Pick<GridPoint<unknown>, 'values'>, gridKeys: readonly string[], metrics: readonly string[], r: RunResult, seeds?: RunSeeds): Record<string, string | number> {
  const record: Record<string, string | number> = {};
  for (const k of gridKeys) record[k] = safeCell(point.values[k]);
  record.repeat = r.repeat;
  record.seed = r.seed;
  if (seeds) for (const [source, seed] of Object.entries(seeds)) if (source !== 'fold') record[`seed_${source}`] = seed as number;
  for (const m of metrics) record[m] = r.metrics[m] === undefined ? '' : r.metrics[m]!;
  record.seconds = Number(r.seconds.toFixed(3));
  record.engine = r.engine;
  record.status = r.status;
  record.error = safeCell(r.error ?? '');
  record.run_id = r.runId;
  return record;
}

/** The cells of a run's row, in runColumns order. */
export function runRow(point: Pick<GridPoint<unknown>, 'values'>, gridKeys: readonly string[], metrics: readonly string[], r: RunResult, sortMetric?: string, seeds?: RunSeeds, seedColumns: readonly string[] = []): (string | number)[] {
  const record = runRecord(point, gridKeys, metrics, r, seeds);
  return runColumns(gridKeys, metrics, sortMetric, seedColumns).map((c) => record[c] ?? '');
}

/** CSV text (each line with its newline) for rows of cells. */
export function csvLines(rows: readonly (readonly (string | number)[])[]): string {
  return stringify(rows as (string | number)[][], { eof: true, record_delimiter: '\n' });
}

/**
 * An append-only CSV file: the header is written when the file is new, rows are flushed to disk (fsync) as
 * they are added. Opened with O_NOFOLLOW so a symlink planted in a results directory cannot redirect writes
 * elsewhere. An append that fails (a full disk: a short write, then ENOSPC) is cut back off the file, so the
 * log never holds half a row that a later append would glue to the next one; the log then refuses further
 * appends and the error names the file.
 */
export class AppendCsv {
  private fd: number | undefined;
  private broken: Error | undefined;

  constructor(readonly path: string, header: readonly string[]) {
    const isNew = !existsSync(path);
    try {
      this.fd = openForWrite(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT);
    } catch (err) {
      throw userFsError(err, 'opening the log') ?? err;
    }
    if (isNew) this.appendRows([header]);
  }

  append(cells: readonly (string | number)[]): void {
    this.appendRows([cells]);
  }

  /** Appends rows with one write and one fsync (a run's whole learning curve is one batch, not one fsync a row). */
  appendRows(rows: readonly (readonly (string | number)[])[]): void {
    if (this.broken) throw this.broken;
    if (this.fd === undefined) throw new Error(`${this.path}: append after close`);
    if (rows.length === 0) return;
    const before = sizeOf(this.fd);
    try {
      writeAll(this.fd, csvLines(rows));
      // fsync: a row reported done must survive a crash or a power cut, not sit in the page cache.
      syncFd(this.fd);
    } catch (err) {
      try {
        truncateFd(this.fd, before);
      } catch {
        // Could not cut the partial row off: the next read treats it as a torn last line.
      }
      this.broken = userFsError(err, 'appending to the log', 'every row before it is intact') ?? (err as Error);
      throw this.broken;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeFd(this.fd);
    this.fd = undefined;
  }
}

export interface CsvTable {
  readonly header: string[];
  readonly rows: Record<string, string>[];
  /** The line each row starts on (the header is line 1), for messages that name a row. */
  readonly lines: number[];
  /** Bytes of a torn last line (a crash mid-write) that were left out; 0 when the file ended cleanly. */
  readonly tornBytes: number;
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/** A results file's bytes; a path that cannot be read (a directory, no permission) is an InputError naming it. */
function readResultsFile(path: string): Buffer {
  try {
    return readBytes(path);
  } catch (err) {
    throw userFsError(err, 'reading it', '', true) ?? err;
  }
}

/**
 * Reads a CSV log written by AppendCsv. A last line without its newline is a write torn by a crash: it is
 * left out (and the caller truncates it away before appending).
 */
export function readCsvLog(path: string): CsvTable {
  const bytes = readResultsFile(path);
  const end = bytes.lastIndexOf(0x0a) + 1;
  const complete = bytes.subarray(0, end).toString('utf8');
  let records: ParsedRecord[];
  try {
    records = parse(complete, { relax_column_count: false, skip_empty_lines: true, info: true }) as unknown as ParsedRecord[];
  } catch (err) {
    throw new InputError(`${path}: expected a CSV log written by sweep, found ${(err as Error).message.split('\n')[0]}`);
  }
  const [first, ...body] = records;
  const header = first?.record ?? [];
  const rows = body.map(({ record }) => Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])));
  return { header, rows, lines: body.map(({ info }) => info.lines), tornBytes: bytes.length - end };
}

/** Back from a runs.csv row to the result it recorded (metrics as numbers). */
export function resultFromRow(row: Record<string, string>, metrics: readonly string[], pointIndex: number): RunResult {
  const values: Record<string, number> = {};
  for (const m of metrics) if (row[m] !== undefined && row[m] !== '') values[m] = Number(row[m]);
  const error = row.error?.startsWith("'") ? row.error.slice(1) : row.error;
  return {
    runId: row.run_id!,
    pointIndex,
    repeat: Number(row.repeat),
    seed: Number(row.seed),
    status: row.status === 'ok' ? 'ok' : 'failed',
    ...(error ? { error } : {}),
    engine: row.engine ?? '',
    metrics: values,
    seconds: Number(row.seconds),
  };
}

/** A whole CSV file as text: the header and rows (for atomic rewrites). */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return csvLines([header, ...rows]);
}

