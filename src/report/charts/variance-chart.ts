/**
 * The chart of "Where the variance comes from": one row per source (and "all"), its standard deviation of the
 * sort metric as a dot with its 95 % chi-square interval as a bar, on one axis from 0, so the sources' spreads
 * compare at a glance and an interval shows when two of them are not told apart by the runs made.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { VarianceRow } from '../variance-rows.js';
import { CONFIG, SPLIT_COLORS } from './theme.js';
import { extentOf, quantitativeAxis } from './ticks.js';

export function varianceChartSpec(rows: readonly VarianceRow[], metric: string): TopLevelSpec {
  const data = rows.filter((r) => r.std !== null).map((r) => ({ source: r.source, std: r.std, low: r.stdLow, high: r.stdHigh, all: r.source === 'all' }));
  const { scale, axis } = quantitativeAxis(extentOf([0, ...data.flatMap((d) => [d.std, d.high])]), 5);
  const x = { field: 'std', type: 'quantitative' as const, title: `standard deviation of ${metric.replace(/_/g, ' ')} (95% CI)`, scale: { ...scale, zero: true }, axis };
  const y = { field: 'source', type: 'nominal' as const, title: null, sort: data.map((d) => d.source) };
  const color = { condition: { test: 'datum.all', value: '#333' }, value: SPLIT_COLORS.test };
  return {
    config: CONFIG,
    data: { values: data },
    width: 420,
    height: { step: 26 },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'low', type: 'quantitative', scale: x.scale }, x2: { field: 'high' }, y, color } },
      { mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { x, y, color } },
    ],
  } as unknown as TopLevelSpec;
}
