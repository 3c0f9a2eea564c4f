/**
 * The words under a table (terminal and report) when some 95 % intervals were cut at the edge of their
 * metric's range (stats/clip-interval.ts): the numbers must say they were cut, not look like a t interval.
 */
import { metricRange } from '../engine/metrics.js';
import { touchesBound } from '../stats/clip-interval.js';
import type { TableRow } from '../stats/table-row.js';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** How many of the rows' intervals of these metrics end at a bound of the metric's range. */
export function clippedCount(rows: readonly TableRow[], metrics: readonly string[]): number {
  let count = 0;
  for (const m of metrics) {
    for (const r of rows) {
      const low = num(r[`${m}_ci95_low`]);
      const high = num(r[`${m}_ci95_high`]);
      // A constant sample ([1, 1] for accuracies all 1) is a t interval of width 0, not a clipped one.
      if (low !== null && high !== null && low < high && touchesBound({ low, high }, metricRange(m))) count++;
    }
  }
  return count;
}

/** "95% CI: 2 intervals reach the metric's bound and are clipped there (accuracy to [0, 1], losses and errors at 0)", or null. */
export function clippedNote(rows: readonly TableRow[], metrics: readonly string[]): string | null {
  const count = clippedCount(rows, metrics);
  if (count === 0) return null;
  return `95% CI: ${count === 1 ? '1 interval reaches' : `${count} intervals reach`} the metric's range and ${count === 1 ? 'is' : 'are'} clipped there (accuracy to [0, 1], losses and errors at 0)`;
}
