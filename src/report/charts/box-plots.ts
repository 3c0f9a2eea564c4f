/**
 * The distribution of one metric over the runs of each grid point: a Tukey box plot (whiskers to 1.5 IQR)
 * with every run drawn on top, so ten repeats are seen as ten points and not only as a box.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TableRow } from '../../stats/table-row.js';
import { pointKey } from '../../stats/table-row.js';
import { cellText, pointName, type Roles } from './roles.js';
import { CATEGORY_COLORS, CONFIG } from './theme.js';
import { extentOf, quantitativeAxis } from './ticks.js';

export interface BoxPlotInput {
  readonly summary: readonly TableRow[];
  readonly runs: readonly TableRow[];
  readonly gridKeys: readonly string[];
  readonly roles: Roles;
  readonly metric: string;
}

/** A successful run's value of the metric (a number, or numeric text as read from runs.csv), else null. */
export function runValue(run: TableRow, metric: string): number | null {
  const cell = run[metric];
  if (run.status !== 'ok' || cell === '' || cell === null || cell === undefined) return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
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

export function boxPlotSpec({ summary, runs, gridKeys, roles, metric }: BoxPlotInput): TopLevelSpec {
  // Points in summary order (the grid's order), named as the table names them.
  const names = new Map(summary.map((r) => [pointKey(r, gridKeys), pointName(r, gridKeys)]));
  const order = [...names.values()];
  const data = runs
    .filter((r) => runValue(r, metric) !== null)
    .filter((r) => names.has(pointKey(r, gridKeys)))
    .map((r) => ({
      point: names.get(pointKey(r, gridKeys))!,
      group: roles.panel ? cellText(r, roles.panel) : '',
      value: runValue(r, metric)!,
      // Deterministic jitter from the repeat index: the same report for the same results.
      jitter: ((Number(r.repeat) || 0) % JITTER_ROWS) - (JITTER_ROWS - 1) / 2,
    }));
  // Bands without padding: a row is exactly ROW_STEP high, so the dots' offsets below are measured in it.
  const y = { field: 'point', type: 'nominal' as const, sort: order, title: gridKeys.join(' · ') || null, axis: { labelLimit: 260 }, scale: { paddingInner: 0, paddingOuter: 0 } };
  const groups = [...new Set(summary.map((r) => (roles.panel ? cellText(r, roles.panel) : '')))];
  const color = { field: 'group', type: 'nominal' as const, title: roles.panel ?? null, legend: roles.panel ? { symbolOpacity: 1 } : null, scale: { domain: groups, range: CATEGORY_COLORS } };
  // Domain, ticks and format from the values drawn: labels that never repeat (ticks.ts).
  const { scale, axis } = quantitativeAxis(extentOf(data.map((d) => d.value)), 8);
  // Padding keeps a dot at the extremes off the frame.
  const x = { field: 'value', type: 'quantitative' as const, title: metric.replace(/_/g, ' '), scale: { ...scale, padding: 8 }, axis };
  return {
    config: CONFIG,
    data: { values: data },
    width: 640,
    height: { step: ROW_STEP },
    layer: [
      { mark: { type: 'boxplot', extent: 1.5, size: 14, opacity: 0.45, median: { color: '#222' }, outliers: false, ticks: false }, encoding: { y, x, color } },
      // yOffset counts from the top of the row's band (not its centre): the spread is placed around the centre.
      {
        mark: { type: 'circle', size: DOT_SIZE, opacity: 0.75 },
        encoding: { y, x, color, yOffset: { field: 'jitter', type: 'quantitative', scale: { domain: [-(JITTER_ROWS - 1) / 2, (JITTER_ROWS - 1) / 2], range: [ROW_STEP / 2 - JITTER_SPREAD, ROW_STEP / 2 + JITTER_SPREAD] }, legend: null } },
      },
    ],
  } as TopLevelSpec;
}
