/**
 * A row of summary.csv or runs.csv as plain data: column name → rendered grid value, number or null.
 * Structurally the same as report/summary.ts's SummaryRow, declared here so statistics do not import reports.
 */
export type TableRow = Readonly<Record<string, string | number | null>>;

/** What identifies a row's grid point: its grid-key cells, compared as text so "0.1" (CSV) equals 0.1. */
export function pointKey(row: TableRow, gridKeys: readonly string[]): string {
  return JSON.stringify(gridKeys.map((k) => (row[k] === null || row[k] === undefined ? '' : String(row[k]))));
}
