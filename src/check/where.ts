/**
 * `where:` selections of grid points ({dotted grid key: value}), shared by `expect:` bounds and usable for
 * `baseline:`. Values compare as the tables show them (report/cells.ts renderValue), so a YAML `0.10` selects
 * the cell 0.1, `[input, pre]` selects `input+pre`, and a plan's raw values and a summary.csv row match alike.
 */
import { renderValue, safeCell } from '../report/cells.js';

export type Where = Readonly<Record<string, unknown>>;

/** A grid point as a plan holds it (raw values, undefined where merged) or as a summary row shows it. */
export type PointValues = Readonly<Record<string, unknown>>;

/** A cell as text: null, undefined and '' are blank. */
function cellText(value: unknown): string {
  return renderValue(value);
}

/** The texts a `where` value can appear as in a cell: rendered, or with the spreadsheet-safety apostrophe. */
function forms(value: unknown): string[] {
  return [renderValue(value), String(safeCell(value))];
}

/**
 * True when the point has each selected value. A blank cell (the grid key made no difference to the point,
 * e.g. noise.stddev under placement none, which is one point for every stddev) matches any value: that point
 * *is* the run at every value of the key.
 */
export function matchesWhere(point: PointValues, where: Where): boolean {
  return Object.entries(where).every(([key, value]) => {
    const cell = cellText(point[key]);
    return cell === '' || forms(value).includes(cell);
  });
}

/** The distinct non-blank values a grid key takes over the points, as text, in first-seen order. */
export function valuesOf(points: readonly PointValues[], key: string): string[] {
  return [...new Set(points.map((p) => cellText(p[key])).filter((t) => t !== ''))];
}

/** "noise.placement=input, noise.stddev=0.1" for a point; blank keys are left out; "the study" with none. */
export function pointLabel(point: PointValues, gridKeys: readonly string[]): string {
  const parts = gridKeys.filter((k) => cellText(point[k]) !== '').map((k) => `${k}=${cellText(point[k])}`);
  return parts.length > 0 ? parts.join(', ') : 'the study';
}

/** True when the `where` value is one a point can hold for that key (so a typo'd value is caught up front). */
export function isKnownValue(points: readonly PointValues[], key: string, value: unknown): boolean {
  const known = valuesOf(points, key);
  return forms(value).some((f) => known.includes(f));
}
