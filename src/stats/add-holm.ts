import { holm } from './holm.js';
import type { TableRow } from './table-row.js';

/**
 * Fills `m_p_holm` for each metric: Holm's adjustment of `m_p_value` across the rows, one family per metric.
 * Rows without a p-value (the baseline itself, points with fewer than two runs) stay null and are not counted.
 * Compare `m_p_holm` with α (e.g. 0.05) to reject with the family-wise error rate held at α.
 *
 * @param rows summary rows with `m_p_value` cells (numbers or null)
 * @param metrics the metric names m
 * @returns new rows, each a copy with `m_p_holm` set; the input is not changed
 * @throws {RangeError} when a p-value cell is not null and not a number in [0, 1]
 * @example
 * addHolm([{ acc_p_value: 0.01 }, { acc_p_value: 0.04 }, { acc_p_value: null }], ['acc']);
 * // => [{ acc_p_value: 0.01, acc_p_holm: 0.02 }, { acc_p_value: 0.04, acc_p_holm: 0.04 }, { ..., acc_p_holm: null }]
 */
export function addHolm<R extends TableRow>(rows: readonly R[], metrics: readonly string[]): (R & Record<string, number | null>)[] {
  const out = rows.map((r) => ({ ...r }) as R & Record<string, number | null>);
  for (const m of metrics) {
    const raw = rows.map((r, i) => {
      const p = r[`${m}_p_value`];
      if (p === null || p === undefined) return null;
      if (typeof p !== 'number') throw new RangeError(`addHolm: expected ${m}_p_value to be a number or null, found ${JSON.stringify(p)} in row ${i}`);
      return p;
    });
    holm(raw).forEach((adjusted, i) => {
      (out[i] as Record<string, number | null>)[`${m}_p_holm`] = adjusted;
    });
  }
  return out;
}
