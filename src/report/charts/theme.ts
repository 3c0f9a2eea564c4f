/** One look for every chart: fonts the page also uses, quiet axes, readable sizes. */
import type { Config } from 'vega-lite';

export const FONT = 'Helvetica, Arial, "Liberation Sans", sans-serif';

/** Tableau 10 without its grey: the categorical scheme of vega-lite, fixed here so colors match across charts. */
export const CATEGORY_COLORS = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d'];

/** Test in a strong blue, train in a lighter orange: the pair every chart uses. */
export const SPLIT_COLORS = { test: '#1f5fa6', train: '#f28e2b' } as const;

export const CONFIG: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: '#d0d0d0' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#ececec', domainColor: '#888', tickColor: '#888', labelColor: '#333', titleColor: '#333' },
  header: { labelFontSize: 13, titleFontSize: 12, titleFontWeight: 'normal', labelFontWeight: 'bold', titleColor: '#555' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal' },
  title: { fontSize: 14, anchor: 'start', fontWeight: 'bold' },
};
