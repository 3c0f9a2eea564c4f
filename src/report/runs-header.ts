/**
 * The metric columns of a run: study's runs.csv, which come from its runs: noise-sweep learns them from the
 * JSON each run reports. The header is written before the first row, so a name first seen in a later run widens
 * the file: runs.csv is rewritten from what is on disk (never from memory), each row keeping every cell, the new
 * columns blank, into a temporary file that replaces it atomically. A crash at any moment leaves either the old
 * file or the new one, both whole. Columns have one order whatever order runs end in: the required metrics
 * (sort:, run.columns) as written, then every other name sorted, so a resumed or sharded study gets the header
 * of an uninterrupted one.
 */
import { join } from 'node:path';
import { AtomicWriter } from '../store/atomic-write.js';
import { csvLines } from './runs-csv.js';
import { recordsSync } from './stream/csv-records.js';

/** The metric columns for the required names and any others seen: required first, as given, then the rest sorted. */
export function orderMetrics(required: readonly string[], seen: Iterable<string>): string[] {
  const rest = [...new Set(seen)].filter((m) => !required.includes(m)).sort();
  return [...new Set(required), ...rest];
}

/** The wider metric list when `reported` has names `metrics` lacks; undefined when it has none. */
export function widenedMetrics(metrics: readonly string[], required: readonly string[], reported: Iterable<string>): string[] | undefined {
  const fresh = [...reported].filter((m) => !metrics.includes(m));
  return fresh.length === 0 ? undefined : orderMetrics(required, [...metrics, ...fresh]);
}

/** Rows turned into text together: one call of the CSV writer for many rows, few enough to stay small. */
const ROWS_PER_WRITE = 1024;

/**
 * Rewrites runs.csv in `dir` with `header` (a superset of its own), from the rows on disk, streamed: a piece of
 * the file at a time (recordsSync), never the whole file, which a study of a million runs would hold twice.
 */
export function widenRunsCsv(dir: string, header: readonly string[]): void {
  const path = join(dir, 'runs.csv');
  const out = new AtomicWriter(path);
  try {
    out.write(csvLines([header]));
    let from: number[] | undefined;
    let batch: string[][] = [];
    for (const record of recordsSync(path)) {
      if (from === undefined) {
        // Where each of the new header's columns is in the old one (-1: new, blank).
        from = header.map((h) => record.indexOf(h));
        continue;
      }
      batch.push(from.map((i) => (i < 0 ? '' : record[i] ?? '')));
      if (batch.length === ROWS_PER_WRITE) {
        out.write(csvLines(batch));
        batch = [];
      }
    }
    out.write(csvLines(batch));
    out.commit();
  } finally {
    out.abort();
  }
}
