/**
 * The distribution of one metric over the runs of each grid point: a Tukey box plot (whiskers to 1.5 IQR)
 * with the runs drawn on top as dots, so ten repeats are seen as ten points and not only as a box. The boxes
 * and dots come from a RunDigest (report/digest/): exact quartiles for a point of up to EXACT_LIMIT runs, a
 * t-digest above; every run as a dot up to the digest's per-point budget, a seeded sample beyond it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TableRow } from '../../stats/table-row.js';
import { pointKey } from '../../stats/table-row.js';
import type { RunDigest } from '../digest/run-digest.js';
import { cellText, pointName, type Roles } from './roles.js';
import { CATEGORY_COLORS, CONFIG } from './theme.js';
import { extentOf, quantitativeAxis } from './ticks.js';

export { runValue } from '../digest/run-digest.js';

export interface BoxPlotInput {
  readonly summary: readonly TableRow[];
  /** The runs' boxes and sampled dots, of `metric`. */
  readonly digest: RunDigest;
  readonly gridKeys: readonly string[];
  readonly roles: Roles;
  readonly metric: string;
}

/** Runs of a point are spread over this many pixel rows so equal values do not hide each other. */
const JITTER_ROWS = 5;
/** Height of one grid point's row, in pixels. */
export const ROW_STEP = 22;
/** The dots' area (vega-lite size, px²): radius √(18/π) ≈ 2.4 px. */
const DOT_SIZE = 18;
/**
 * How far the dots of a row spread from its centre: half the row less a dot's radius and a pixel, so a dot never
 * reaches the next row, nor, in the first and last rows, the frame.
 */
export const JITTER_SPREAD = ROW_STEP / 2 - Math.sqrt(DOT_SIZE / Math.PI) - 1;

export function boxPlotSpec({ summary, digest, gridKeys, roles, metric }: BoxPlotInput): TopLevelSpec {
  // Points in summary order (the grid's order), named as the table names them.
  const names = new Map(summary.map((r) => [pointKey(r, gridKeys), pointName(r, gridKeys)]));
  const groupOf = new Map(summary.map((r) => [pointKey(r, gridKeys), roles.panel ? cellText(r, roles.panel) : '']));
  const order = [...names.values()];
  const boxes = [...digest.boxStats()].filter(([key]) => names.has(key)).map(([key, b]) => ({ point: names.get(key)!, group: groupOf.get(key)!, q1: b.q1, median: b.median, q3: b.q3, lower: b.lower, upper: b.upper, min: b.min, max: b.max }));
  const dots = digest
    .dots()
    .filter((d) => names.has(d.key))
    .map((d) => ({
      point: names.get(d.key)!,
      group: groupOf.get(d.key)!,
      value: d.value,
      // Deterministic jitter from the repeat index: the same report for the same results.
      jitter: (d.repeat % JITTER_ROWS) - (JITTER_ROWS - 1) / 2,
    }));
  // Bands without padding: a row is exactly ROW_STEP high, so the dots' offsets below are measured in it.
  const y = { field: 'point', type: 'nominal' as const, sort: order, title: gridKeys.join(' · ') || null, axis: { labelLimit: 260 }, scale: { paddingInner: 0, paddingOuter: 0 } };
  const groups = [...new Set(summary.map((r) => (roles.panel ? cellText(r, roles.panel) : '')))];
  const color = { field: 'group', type: 'nominal' as const, title: roles.panel ?? null, legend: roles.panel ? { symbolOpacity: 1 } : null, scale: { domain: groups, range: CATEGORY_COLORS } };
  // Domain, ticks and format from the values drawn: labels that never repeat (ticks.ts). Padding keeps a dot
  // at the extremes off the frame.
  const { scale, axis } = quantitativeAxis(extentOf([...boxes.flatMap((b) => [b.lower, b.upper]), ...dots.map((d) => d.value)]), 8);
  const title = metric.replace(/_/g, ' ');
  const x = (field: string) => ({ field, type: 'quantitative' as const, title, scale: { ...scale, padding: 8 }, axis });
  return {
    config: CONFIG,
    width: 640,
    height: { step: ROW_STEP },
    layer: [
      { data: { values: boxes }, mark: { type: 'rule', color: '#666' }, encoding: { y, x: x('lower'), x2: { field: 'upper' } } },
      { data: { values: boxes }, mark: { type: 'bar', size: 14, opacity: 0.45 }, encoding: { y, x: x('q1'), x2: { field: 'q3' }, color } },
      { data: { values: boxes }, mark: { type: 'tick', size: 14, thickness: 1.5, color: '#222' }, encoding: { y, x: x('median') } },
      // yOffset counts from the top of the row's band (not its centre): the spread is placed around the centre.
      {
        data: { values: dots },
        mark: { type: 'circle', size: DOT_SIZE, opacity: 0.75 },
        encoding: { y, x: x('value'), color, yOffset: { field: 'jitter', type: 'quantitative', scale: { domain: [-(JITTER_ROWS - 1) / 2, (JITTER_ROWS - 1) / 2], range: [ROW_STEP / 2 - JITTER_SPREAD, ROW_STEP / 2 + JITTER_SPREAD] }, legend: null } },
      },
    ],
  } as TopLevelSpec;
}
