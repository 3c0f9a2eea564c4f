/**
 * Checks a runs.csv read back from disk before anything uses it: a hand-edited or corrupted file must stop
 * `--resume`, `check`, `report` and `merge` with one line naming the file, the row and the column, and must not
 * be modified. A row of another study (a run id the plan does not have) is kept as it is, but its cells
 * must still be what a sweep writes, or the file is not one a sweep wrote.
 */
import { InputError } from '../errors.js';
import type { CsvTable } from './runs-csv.js';
import { parseRunColumns } from './runs-csv.js';
import { logRows, readLogHeader } from './stream/csv-records.js';

/** A number as a sweep writes it (String(n) of a finite double). */
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const RUN_ID = /^[0-9a-f]{16}$/;

/** The study a runs.csv is read for: its ok rows must carry every one of its metrics. */
export interface CurrentStudy {
  readonly metrics: readonly string[];
  /** The study's run ids (a Set, or the plan's index of them: report/stream/plan-order.ts). */
  readonly runIds: { has(runId: string): boolean };
}

/**
 * @param table the file as read (readCsvLog)
 * @param path the file, for messages
 * @param current the study reading it: an ok row of one of its runs must have all of its metrics
 * @throws InputError for a header that is not a runs.csv header, or a row whose status, run_id, repeat, seed,
 *   seconds or a metric cell is not what a sweep writes (an ok run's metrics must all be finite numbers).
 * @example checkRunsTable(readCsvLog('results/x/runs.csv'), 'results/x/runs.csv')
 */
export function checkRunsTable(table: CsvTable, path: string, current?: CurrentStudy): void {
  const { metrics } = parseRunColumns(table.header, path);
  table.rows.forEach((row, i) => checkRunsRow(row, table.lines[i], { path, metrics, ...(current ? { current } : {}) }));
}

/** What a row is checked against: the file (for messages), its metric columns, the study reading it. */
export interface RowContext {
  readonly path: string;
  readonly metrics: readonly string[];
  readonly current?: CurrentStudy;
}

/**
 * One row of a runs.csv (a file streamed one row at a time is checked row by row), as checkRunsTable checks
 * each; `line` names it in the message.
 * @throws InputError as checkRunsTable
 */
export function checkRunsRow(row: Readonly<Record<string, string>>, line: number | undefined, { path, metrics, current }: RowContext): void {
  const bad = (column: string, expected: string): never => {
    const cell = row[column] ?? '';
    throw new InputError(`${path}: line ${line ?? '?'}, column "${column}": expected ${expected}, found ${cell === '' ? 'an empty cell' : JSON.stringify(cell).slice(0, 60)}; the file was not modified (fix or delete the row, then run again)`);
  };
  if (!RUN_ID.test(row.run_id ?? '')) bad('run_id', 'a run id of 16 hex digits');
  if (row.status !== 'ok' && row.status !== 'failed') bad('status', '"ok" or "failed"');
  if (!/^\d+$/.test(row.repeat ?? '')) bad('repeat', 'a whole number');
  if (!/^\d+$/.test(row.seed ?? '')) bad('seed', 'a whole number');
  if (row.seconds !== '' && !NUMBER.test(row.seconds ?? '')) bad('seconds', 'a number');
  const ours = row.status === 'ok' && current?.runIds.has(row.run_id!) === true;
  for (const m of metrics) {
    const cell = row[m] ?? '';
    // Empty: a failed run, or a run of an earlier study that did not have this metric.
    if (cell === '' ? ours && current!.metrics.includes(m) : !NUMBER.test(cell)) bad(m, 'a finite number');
  }
}

/**
 * checkRunsTable over a file streamed row by row (a runs.csv of any size).
 * @returns the file's header
 * @throws InputError as checkRunsTable, or when the file is not CSV
 */
export async function checkRunsLog(path: string, current?: CurrentStudy): Promise<string[]> {
  const header = await readLogHeader(path);
  const context = { path, metrics: parseRunColumns(header, path).metrics, ...(current ? { current } : {}) };
  for await (const { row, line } of logRows(path)) checkRunsRow(row, line, context);
  return header;
}
