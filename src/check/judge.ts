/** Judging `expect:` bounds against summary rows: one verdict per bound and selected grid point. */
import type { Bound, Expectation } from './expect.js';
import { matchesWhere, pointLabel } from './where.js';

export type SummaryCells = Readonly<Record<string, string | number | null>>;

export interface Verdict {
  /** Position of the bound's entry in `expect:`. */
  readonly expectation: number;
  readonly column: string;
  /** "noise.placement=input, noise.stddev=0.1" ("the study" without a grid; "no grid point" if none matched). */
  readonly point: string;
  /** The row's value; null when the row has none (e.g. a std over one run) or no row was selected. */
  readonly value: number | null;
  readonly min?: number;
  readonly max?: number;
  readonly passed: boolean;
  /** One line: what was compared and how it came out. */
  readonly message: string;
}

/**
 * The value with the fewest significant digits (4 or more) that still shows on which side of the bound it is:
 * 0.79996 against min 0.8 shows as 0.79996, not as 0.8000.
 */
export function formatAgainst(value: number, bound: number): string {
  const side = Math.sign(value - bound);
  for (let digits = 4; digits < 17; digits++) {
    const text = Number(value.toPrecision(digits));
    if (Math.sign(text - bound) === side) return String(text);
  }
  return String(value);
}

function range(b: Bound): string {
  if (b.min !== undefined && b.max !== undefined) return `in [${b.min}, ${b.max}]`;
  return b.min !== undefined ? `≥ ${b.min}` : `≤ ${b.max}`;
}

function verdict(e: Expectation, b: Bound, point: string, value: number | null, n: unknown): Verdict {
  const bounds = { ...(b.min === undefined ? {} : { min: b.min }), ...(b.max === undefined ? {} : { max: b.max }) };
  const head = `expect[${e.index}] ${b.column} ${range(b)} at ${point}`;
  if (value === null) {
    const why = point === 'no grid point' ? 'no summary row matched the selection' : `no value${typeof n === 'number' ? ` (n = ${n})` : ''}`;
    return { expectation: e.index, column: b.column, point, value, ...bounds, passed: false, message: `${head}: ${why}` };
  }
  const below = b.min !== undefined && value < b.min;
  const above = b.max !== undefined && value > b.max;
  let message: string;
  if (below) message = `${head}: ${formatAgainst(value, b.min!)} is below the minimum`;
  else if (above) message = `${head}: ${formatAgainst(value, b.max!)} is above the maximum`;
  else message = `${head}: ${formatAgainst(value, b.min ?? b.max!)} ok`;
  return { expectation: e.index, column: b.column, point, value, ...bounds, passed: !below && !above, message };
}

/**
 * Judges every bound on every summary row its `where` selects. A row without a number in the column (n too
 * small, every run failed) fails: a bound nobody could check is not met. A selection that matches no row
 * (results of another grid) gives one failing verdict, never a silent pass.
 *
 * @param expectations from parseExpect
 * @param rows summary rows (grid-key cells and numeric columns)
 * @param gridKeys the grid keys, in column order, for the point labels
 * @returns verdicts in expectation order, then bound order, then row order
 */
export function judge(expectations: readonly Expectation[], rows: readonly SummaryCells[], gridKeys: readonly string[]): Verdict[] {
  const out: Verdict[] = [];
  for (const e of expectations) {
    const selected = rows.filter((r) => matchesWhere(r, e.where));
    for (const b of e.bounds) {
      if (selected.length === 0) out.push(verdict(e, b, 'no grid point', null, undefined));
      for (const row of selected) {
        const cell = row[b.column];
        const value = typeof cell === 'number' && Number.isFinite(cell) ? cell : typeof cell === 'string' && cell !== '' && Number.isFinite(Number(cell)) ? Number(cell) : null;
        out.push(verdict(e, b, pointLabel(row, gridKeys), value, row.n));
      }
    }
  }
  return out;
}
