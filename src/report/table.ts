/** The terminal table printed at the end of a sweep: mean ± std per grid point, best first. */
import type { SummaryRow } from './summary.js';

export interface TableOptions {
  readonly gridKeys: readonly string[];
  /** Metrics to show as "mean ± std", e.g. test_accuracy, train_accuracy. */
  readonly metrics: readonly string[];
  /** Metric to sort by, descending. */
  readonly sortBy: string;
}

function fmt(x: string | number | null | undefined, digits = 3): string {
  return typeof x === 'number' ? x.toFixed(digits) : x === null || x === undefined ? '—' : x;
}

/** Rows of text, columns padded; numbers right-aligned. */
export function renderTable(rows: readonly SummaryRow[], opts: TableOptions): string {
  const sorted = [...rows].sort((a, b) => Number(b[`${opts.sortBy}_mean`] ?? -Infinity) - Number(a[`${opts.sortBy}_mean`] ?? -Infinity));
  const header = [...opts.gridKeys, 'n', ...opts.metrics.map((m) => `${m} (mean ± std)`)];
  const body = sorted.map((r) => [
    ...opts.gridKeys.map((k) => (r[k] === '' || r[k] === null ? '·' : String(r[k]))),
    String(r.n),
    ...opts.metrics.map((m) => `${fmt(r[`${m}_mean`])} ± ${fmt(r[`${m}_std`])}`),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const numeric = header.map((_, c) => c >= opts.gridKeys.length);
  const line = (cells: string[]) => cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
