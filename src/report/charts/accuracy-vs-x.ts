/**
 * Mean accuracy against the x grid key (noise stddev), one panel per placement, with 95 % t intervals of the
 * mean as error bars; one row of panels per metric. Points where x made no difference (placement none) are the
 * reference: a dashed grey line at their mean and a grey band over their interval, in every panel.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TableRow } from '../../stats/table-row.js';
import { cellText, labelOf, type Roles } from './roles.js';
import { CATEGORY_COLORS, CONFIG, SPLIT_COLORS } from './theme.js';
import { extentOf, quantitativeAxis } from './ticks.js';

interface Datum {
  panel: string;
  series: string;
  metric: string;
  x: number | null;
  mean: number;
  low: number | null;
  high: number | null;
  reference: boolean;
  best: boolean;
}

export interface AccuracyChartInput {
  readonly rows: readonly TableRow[];
  readonly roles: Roles & { readonly x: string };
  /** Metrics to draw, first one (test accuracy) with the best-point rings. */
  readonly metrics: readonly string[];
  /** Rows that are best in their panel (same objects or equal grid cells). */
  readonly isBest: (row: TableRow) => boolean;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function metricLabel(m: string): string {
  return m.replace(/_/g, ' ');
}

export function accuracyVsXSpec({ rows, roles, metrics, isBest }: AccuracyChartInput): TopLevelSpec {
  const panelOf = (r: TableRow) => (roles.panel ? cellText(r, roles.panel) : '');
  const plotted = rows.filter((r) => cellText(r, roles.x) !== '');
  const panels = [...new Set(plotted.map(panelOf))];
  const data: Datum[] = [];
  for (const r of rows) {
    const x = cellText(r, roles.x) === '' ? null : Number(cellText(r, roles.x));
    for (const metric of metrics) {
      const mean = num(r[`${metric}_mean`]);
      if (mean === null) continue;
      const base = { series: labelOf(r, roles.series), metric: metricLabel(metric), x, mean, low: num(r[`${metric}_ci95_low`]), high: num(r[`${metric}_ci95_high`]), best: metric === metrics[0] && isBest(r) };
      // A reference point is drawn in every panel; the others in their own.
      if (x === null) for (const panel of panels) data.push({ ...base, panel, reference: true });
      else data.push({ ...base, panel: panelOf(r), reference: false });
    }
  }
  const xs = [...new Set(plotted.map((r) => Number(cellText(r, roles.x))))].sort((a, b) => a - b);
  const logX = xs.every((v) => v > 0) && xs[xs.length - 1]! / xs[0]! >= 10;
  const seriesColored = roles.series.length > 0;
  const splitColors = [SPLIT_COLORS.test, SPLIT_COLORS.train, ...CATEGORY_COLORS];
  const xOf = (last: boolean) => ({
    field: 'x',
    type: 'quantitative' as const,
    title: last ? roles.x : null,
    scale: logX ? { type: 'log' as const, domain: [xs[0]! / 1.4, xs[xs.length - 1]! * 1.4], nice: false } : { zero: false, padding: 12 },
    // labelOverlap off: vega measures text without a font in Node and overestimates widths, hiding labels that fit.
    axis: { values: xs, format: '~g', grid: false, labelOverlap: false },
  });
  const isRef = 'datum.reference';
  const notRef = '!datum.reference';
  // One row per metric, each with its own y scale: test accuracy differences of 0.01 must not be flattened
  // by a train accuracy near 1 on the same axis.
  const rowsSpec = metrics.map((metric, i) => {
    const x = xOf(i === metrics.length - 1);
    const color = seriesColored
      ? { field: 'series', type: 'nominal' as const, title: roles.series.join(', '), scale: { range: CATEGORY_COLORS } }
      : { value: splitColors[i % splitColors.length]! };
    // Domain, ticks and format from the row's own means and intervals, so a narrow range (0.4901 to 0.4904)
    // gets distinct labels instead of "0.49 0.49 0.49" (ticks.ts).
    const own = data.filter((d) => d.metric === metricLabel(metric));
    const { scale, axis } = quantitativeAxis(extentOf(own.flatMap((d) => [d.mean, d.low, d.high])), 5);
    const y = { field: 'mean', type: 'quantitative' as const, title: `${metricLabel(metric)} (mean, 95% CI)`, scale, axis };
    return {
      transform: [{ filter: { field: 'metric', equal: metricLabel(metric) } }],
      // Panel names once, above the first row; the rows below line up with it.
      facet: { column: { field: 'panel', type: 'nominal' as const, title: i === 0 ? (roles.panel ?? null) : null, sort: panels, header: i === 0 ? { labelOrient: 'top' as const, titleOrient: 'top' as const } : { labels: false } } },
      spacing: 14,
      spec: {
        width: 230,
        height: 180,
        layer: [
          { transform: [{ filter: `${isRef} && isValid(datum.low)` }], mark: { type: 'rect' as const, opacity: 0.12, color: '#777' }, encoding: { y: { field: 'low', type: 'quantitative' as const }, y2: { field: 'high' } } },
          { transform: [{ filter: isRef }], mark: { type: 'rule' as const, strokeDash: [5, 4], strokeWidth: 1.2, color: '#555' }, encoding: { y } },
          { transform: [{ filter: `${notRef} && isValid(datum.low)` }], mark: { type: 'rule' as const, strokeWidth: 1.5 }, encoding: { x, y: { field: 'low', type: 'quantitative' as const }, y2: { field: 'high' }, color } },
          { transform: [{ filter: notRef }], mark: { type: 'line' as const, strokeWidth: 1.5 }, encoding: { x, y, color, detail: { field: 'series' } } },
          { transform: [{ filter: notRef }], mark: { type: 'point' as const, filled: true, size: 36, opacity: 1 }, encoding: { x, y, color } },
          { transform: [{ filter: `${notRef} && datum.best` }], mark: { type: 'point' as const, filled: false, size: 200, strokeWidth: 1.6, color: '#111' }, encoding: { x, y } },
        ],
      },
    };
  });
  return { config: CONFIG, data: { values: data }, vconcat: rowsSpec, spacing: 18 } as unknown as TopLevelSpec;
}
