/**
 * Mean learning curves over repeats, with a band of ± one sample standard deviation (the spread of single
 * runs): one row of panels per metric, one panel per placement, one line per stddev, and the reference (no
 * noise) as a grey dashed line in every panel.
 */
import type { TopLevelSpec } from 'vega-lite';
import { RunningSample } from '../../stats/running-sample.js';
import type { TableRow } from '../../stats/table-row.js';
import { cellText, labelOf, type Roles } from './roles.js';
import { CONFIG } from './theme.js';
import { extentOf, quantitativeAxis } from './ticks.js';

/** At most this many epochs per curve are drawn: enough for a smooth line, small enough for a light page. */
export const MAX_EPOCHS_DRAWN = 200;

/** viridis at 9 stops, without its last, yellow, part: every line stays visible on white. */
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#a5db36'];
/** Reference curves (points where the x key made no difference, e.g. no noise): grey and dashed. */
const REFERENCE_COLOR = '#7a7a7a';

/** history.csv rows, or the curves already aggregated from them (a CurveStream's). */
export type CurvesInput = { readonly history: readonly TableRow[]; readonly roles: Roles } | { readonly curves: readonly Curve[]; readonly roles: Roles };

export interface Curve {
  panel: string;
  curve: string;
  /** A point where x made no difference: drawn in every panel, named after its own panel (e.g. "none"). */
  reference: boolean;
  metric: string;
  epoch: number;
  mean: number;
  low: number;
  high: number;
  n: number;
}

/** Evenly spread viridis colors for the ordered curves, grey for the reference curves. */
function curveColors(curves: readonly string[], references: ReadonlySet<string>): string[] {
  const ordered = curves.filter((c) => !references.has(c));
  return curves.map((c) => {
    if (references.has(c)) return REFERENCE_COLOR;
    const i = ordered.indexOf(c);
    return VIRIDIS[ordered.length === 1 ? 3 : Math.round((i * (VIRIDIS.length - 1)) / (ordered.length - 1))]!;
  });
}

/** Metrics in a reading order: losses first, train before test, then anything else. */
function metricOrder(metrics: readonly string[]): string[] {
  const rank = (m: string) => (m.includes('loss') ? 0 : m.includes('accuracy') ? 2 : 4) + (m.startsWith('test') ? 1 : 0);
  return [...metrics].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Every k-th epoch so that at most MAX_EPOCHS_DRAWN remain, always with the first and last. */
export function epochsToDraw(epochs: readonly number[]): Set<number> {
  const sorted = [...new Set(epochs)].sort((a, b) => a - b);
  if (sorted.length <= MAX_EPOCHS_DRAWN) return new Set(sorted);
  const step = Math.ceil(sorted.length / MAX_EPOCHS_DRAWN);
  return new Set(sorted.filter((_, i) => i % step === 0 || i === sorted.length - 1));
}

/**
 * Mean and ± 1 sd per (panel, curve, metric, epoch), from history rows seen one at a time: a RunningSample per
 * group of the epochs drawn (at most MAX_EPOCHS_DRAWN), whatever the number of runs (issue 13: history.csv is
 * streamed, never held). Reference curves (x blank) are copied into every panel that has curves of its own,
 * so each panel compares with them; they get no panel of their own then.
 */
export class CurveStream {
  private readonly groups = new Map<string, { panel: string; curve: string; reference: boolean; metric: string; epoch: number; values: RunningSample }>();

  /** @param keep the epochs to draw (epochsToDraw of every epoch the history has) */
  constructor(private readonly roles: Roles, private readonly keep: ReadonlySet<number>) {}

  add(h: TableRow): void {
    const { roles } = this;
    const epoch = Number(h.epoch);
    const value = Number(h.value);
    if (!this.keep.has(epoch) || h.value === '' || h.value === null || !Number.isFinite(value)) return;
    const panel = roles.panel ? cellText(h, roles.panel) : '';
    const reference = roles.x !== undefined && cellText(h, roles.x) === '';
    const xText = roles.x === undefined ? '' : reference ? panel || 'reference' : cellText(h, roles.x);
    const curve = [xText, labelOf(h, roles.series)].filter((t) => t !== '').join(', ');
    const metric = String(h.metric);
    const key = JSON.stringify([panel, curve, metric, epoch]);
    let g = this.groups.get(key);
    if (!g) {
      g = { panel, curve, reference, metric, epoch, values: new RunningSample() };
      this.groups.set(key, g);
    }
    g.values.add(value);
  }

  curves(): Curve[] {
    const curves = [...this.groups.values()].map((g): Curve => {
      const { n, mean, m2 } = g.values.moments();
      // ± one sample standard deviation (0 for a single run), as sampleStd of the values.
      const s = n < 2 ? 0 : Math.sqrt(m2 / (n - 1));
      return { panel: g.panel, curve: g.curve, reference: g.reference, metric: g.metric, epoch: g.epoch, mean, low: mean - s, high: mean + s, n };
    });
    const panels = [...new Set(curves.filter((c) => !c.reference).map((c) => c.panel))];
    if (panels.length === 0) return curves;
    return [...curves.filter((c) => !c.reference), ...curves.filter((c) => c.reference).flatMap((c) => panels.map((panel) => ({ ...c, panel })))];
  }
}

/** CurveStream over history rows in memory. */
export function aggregateCurves(history: readonly TableRow[], roles: Roles): Curve[] {
  const stream = new CurveStream(roles, epochsToDraw(history.map((h) => Number(h.epoch))));
  for (const h of history) stream.add(h);
  return stream.curves();
}

export function learningCurvesSpec(input: CurvesInput): TopLevelSpec | null {
  const { roles } = input;
  const data = 'curves' in input ? input.curves : aggregateCurves(input.history, roles);
  if (data.length === 0) return null;
  const panels = [...new Set(data.map((d) => d.panel))];
  const references = new Set(data.filter((d) => d.reference).map((d) => d.curve));
  const curves = [...new Set(data.map((d) => d.curve))].sort((a, b) => {
    const na = Number(a.split(',')[0]);
    const nb = Number(b.split(',')[0]);
    return Number.isFinite(na) && Number.isFinite(nb) ? na - nb || a.localeCompare(b) : Number.isFinite(na) ? -1 : Number.isFinite(nb) ? 1 : a.localeCompare(b);
  });
  const color = {
    field: 'curve',
    type: 'ordinal' as const,
    title: [roles.x, ...roles.series].filter(Boolean).join(', ') || null,
    sort: curves,
    scale: { domain: curves, range: curveColors(curves, references) },
    // Lines in the legend at full strength (the default symbol takes the faint band's opacity).
    legend: { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 2.5 },
  };
  const metrics = metricOrder([...new Set(data.map((d) => d.metric))]);
  const x = (last: boolean) => ({ field: 'epoch', type: 'quantitative' as const, title: last ? 'epoch' : null, axis: { tickCount: 4, labelExpr: "datum.value >= 1000 ? format(datum.value / 1000, '~g') + 'k' : format(datum.value, '~g')" } });
  const rows = metrics.map((metric, i) => {
    const own = data.filter((d) => d.metric === metric);
    const { scale, axis } = quantitativeAxis(extentOf(own.flatMap((d) => [d.low, d.high])), 4);
    return {
      transform: [{ filter: { field: 'metric', equal: metric } }],
      facet: { column: { field: 'panel', type: 'nominal' as const, sort: panels, title: null, header: i === 0 ? { labelOrient: 'top' as const } : { labels: false } } },
      spec: {
        width: 215,
        height: 125,
        layer: [
          { mark: { type: 'area' as const, opacity: 0.14 }, encoding: { x: x(i === metrics.length - 1), y: { field: 'low', type: 'quantitative' as const }, y2: { field: 'high' }, color } },
          {
            mark: { type: 'line' as const, strokeWidth: 1.4 },
            encoding: {
              x: x(i === metrics.length - 1),
              y: { field: 'mean', type: 'quantitative' as const, title: metric.replace(/_/g, ' '), scale, axis },
              color,
              strokeDash: { field: 'reference', type: 'nominal' as const, scale: { domain: [false, true], range: [[1, 0], [5, 3]] }, legend: null },
            },
          },
        ],
      },
    };
  });
  return { config: CONFIG, data: { values: data }, vconcat: rows, spacing: 14 } as unknown as TopLevelSpec;
}
