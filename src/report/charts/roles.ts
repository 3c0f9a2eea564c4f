/**
 * Which grid key goes where in the charts. Made for noise studies (x: noise.stddev, panels:
 * noise.placement) and falling back sensibly for other grids: x is a numeric key, panels the first other key,
 * and any further keys become series within a panel.
 */
import type { TableRow } from '../../stats/table-row.js';

/** Keys preferred for the x axis and for panels, in order. */
const PREFERRED_X = ['noise.stddev'];
const PREFERRED_PANEL = ['noise.placement'];

export interface Roles {
  /** A numeric grid key for the x axis; undefined when no grid key is numeric. */
  readonly x?: string;
  /** The grid key whose values get one panel each; undefined for a single panel. */
  readonly panel?: string;
  /** The remaining grid keys: one series per combination. */
  readonly series: readonly string[];
}

export function cellText(row: TableRow, key: string): string {
  const v = row[key];
  return v === null || v === undefined ? '' : String(v);
}

function isNumericKey(rows: readonly TableRow[], key: string): boolean {
  const values = rows.map((r) => cellText(r, key)).filter((t) => t !== '');
  return new Set(values).size >= 2 && values.every((t) => Number.isFinite(Number(t)));
}

export function chooseRoles(gridKeys: readonly string[], rows: readonly TableRow[]): Roles {
  const numeric = gridKeys.filter((k) => isNumericKey(rows, k));
  const x = PREFERRED_X.find((k) => numeric.includes(k)) ?? numeric[0];
  const others = gridKeys.filter((k) => k !== x);
  const panel = PREFERRED_PANEL.find((k) => others.includes(k)) ?? others[0];
  return { x, panel, series: others.filter((k) => k !== panel) };
}

/** "a=1, b=2" over the given keys, blank cells left out; '' when all are blank. */
export function labelOf(row: TableRow, keys: readonly string[]): string {
  return keys
    .filter((k) => cellText(row, k) !== '')
    .map((k) => `${k}=${cellText(row, k)}`)
    .join(', ');
}

/** A row's grid point as a short label: values only, "input · 0.1"; blank cells left out ("none"). */
export function pointName(row: TableRow, gridKeys: readonly string[]): string {
  return gridKeys.map((k) => cellText(row, k)).filter((t) => t !== '').join(' · ') || 'all runs';
}
