/**
 * The summary table of the HTML report: per grid point and metric, mean ± std, the 95 % interval, the
 * Holm-adjusted p against the baseline and Cohen's d. The sort metric alone is judged: its p gets stars, and
 * where Holm rejects at 5 % its cell is tinted green (better than the baseline, in the metric's direction) or
 * red (worse). Other metrics show their p plainly: a higher training loss under noise is the regularizer at
 * work, not a failure to paint red.
 */
import type { BestInGroup } from '../stats/best-per-group.js';
import { pointKey, type TableRow } from '../stats/table-row.js';
import { lowerIsBetter } from '../engine/metrics.js';
import { escapeHtml } from './html-escape.js';
import { sortMetricOf } from './columns.js';

/** The level at which a p_holm cell is tinted, and the star levels: conventional, stated in the page. */
export const ALPHA = 0.05;
const STARS: readonly [number, string][] = [
  [0.001, '***'],
  [0.01, '**'],
  [0.05, '*'],
];

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Accuracies to 3 decimals: 1 in 1000 is finer than a test set of a few hundred points resolves. */
const ACCURACY_DECIMALS = 3;
/** Other metrics: this many significant digits of the mean, and the std and interval to the same decimals. */
const SIGNIFICANT = 4;

/** Decimals for a metric's cells, from the size of its mean: 1.877 → 3, 0.001776 → 6. */
export function decimalsFor(metric: string, mean: number | null): number {
  if (metric.includes('accuracy')) return ACCURACY_DECIMALS;
  if (mean === null || mean === 0) return SIGNIFICANT - 1;
  return Math.min(10, Math.max(0, SIGNIFICANT - 1 - Math.floor(Math.log10(Math.abs(mean)))));
}

/** A value with the metric's decimals (see decimalsFor); "—" for none. */
export function formatStat(metric: string, v: number | null, decimals = decimalsFor(metric, v)): string {
  return v === null ? '—' : v.toFixed(decimals);
}

export function formatP(p: number | null, withStars = true): string {
  if (p === null) return '—';
  const stars = withStars ? (STARS.find(([level]) => p < level)?.[1] ?? '') : '';
  const text = p < 0.001 ? '<0.001' : p.toPrecision(2).replace(/e-(\d)$/, 'e-0$1');
  return stars ? `${text} ${stars}` : text;
}

/** "p = 0.0042 **" or "p < 0.001 ***", for sentences. */
export function pPhrase(p: number | null): string {
  if (p === null) return 'no p-value';
  const text = formatP(p);
  return text.startsWith('<') ? `p ${text.replace('<', '< ')}` : `p = ${text}`;
}

function formatD(d: number | null): string {
  return d === null ? '—' : `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d).toFixed(2)}`;
}

export interface TableInput {
  readonly gridKeys: readonly string[];
  readonly rows: readonly TableRow[];
  readonly metrics: readonly string[];
  /** Best points per group and the metric they are best in (marked ★ when distinguishable, ☆ when not). */
  readonly best?: { readonly metric: string; readonly groups: readonly BestInGroup[] };
  /** Rows that are the baseline (marked as such instead of a p-value). */
  readonly isBaseline?: (row: TableRow) => boolean;
  /** A grid key whose changes get a separating rule (the panel key, e.g. noise.placement). */
  readonly groupBy?: string;
  /** The metric the study is judged by: the only one coloured and starred. Default: sortMetricOf(metrics). */
  readonly sortMetric?: string;
  /** Which way is better for a metric (the sort metric may say); default: lower for losses and errors. */
  readonly lowerIsBetter?: (metric: string) => boolean;
}

/** The star's hover text: what the point is best in and how it compares with the runner-up. */
export function bestNote(b: BestInGroup, gridKeys: readonly string[], metric: string): string {
  if (b.runnerUp === null) return `best ${metric.replace(/_/g, ' ')} in its group (no runner-up)`;
  const vs = gridKeys.filter((k) => String(b.runnerUp![k] ?? '') !== String(b.best[k] ?? '')).map((k) => `${k}=${String(b.runnerUp![k] ?? '')}`).join(', ');
  const verdict = b.pValue === null ? 'not testable' : b.distinguishable ? 'distinguishable' : 'not distinguishable';
  return `best ${metric.replace(/_/g, ' ')} in its group; vs runner-up ${vs}: Welch ${pPhrase(b.pValue)}, ${verdict}`;
}

/** A racing point's tag: the winner, or the round that eliminated it and the repeats it had then. */
function raceTag(r: TableRow): string {
  if (r.status === 'winner') return ' <span class="tag winner">race winner</span>';
  if (r.status !== 'eliminated') return '';
  return ` <span class="tag" title="eliminated by the race in round ${escapeHtml(String(r.eliminated_round))}, after ${escapeHtml(String(r.eliminated_after))} repeats">out in round ${escapeHtml(String(r.eliminated_round))} (${escapeHtml(String(r.eliminated_after))})</span>`;
}

export function renderSummaryTable({ gridKeys, rows, metrics, best, isBaseline = () => false, groupBy, sortMetric = sortMetricOf(metrics), lowerIsBetter: lower = lowerIsBetter }: TableInput): string {
  // A group of one point has nothing to be best against: no star.
  const bestByKey = new Map((best?.groups ?? []).filter((b) => b.runnerUp !== null).map((b) => [pointKey(b.best, gridKeys), b]));
  const hasFailed = rows.some((r) => (num(r.failed) ?? 0) > 0);
  const tested = (m: string) => rows.some((r) => num(r[`${m}_p_value`]) !== null || num(r[`${m}_cohens_d`]) !== null);
  const cols = metrics.map((m) => ({ m, tested: tested(m) }));

  const head1 = [
    ...gridKeys.map((k) => `<th rowspan="2" class="key">${escapeHtml(k)}</th>`),
    `<th rowspan="2" class="num">n</th>`,
    ...(hasFailed ? ['<th rowspan="2" class="num">failed</th>'] : []),
    ...cols.map(({ m, tested: t }) => `<th colspan="${t ? 2 : 1}" class="metric">${escapeHtml(m.replace(/_/g, ' '))}</th>`),
  ].join('');
  const head2 = cols
    .flatMap(({ tested: t }) => [
      '<th class="num">mean ± std<br><span class="sub">95% CI</span></th>',
      ...(t ? ['<th class="num" title="Welch p against the baseline, Holm-adjusted; Cohen\'s d against the baseline">p (Holm)<br><span class="sub">d</span></th>'] : []),
    ])
    .join('');

  let previousGroup: string | undefined;
  const body = rows.map((r) => {
    const key = pointKey(r, gridKeys);
    const b = bestByKey.get(key);
    const baseline = isBaseline(r);
    const group = groupBy === undefined ? undefined : String(r[groupBy] ?? '');
    const out = r.status === 'eliminated';
    const classes = [b ? 'best' : '', baseline ? 'baseline' : '', out ? 'eliminated' : '', previousGroup !== undefined && group !== previousGroup ? 'group-start' : ''].filter(Boolean);
    previousGroup = group;
    const keyCells = gridKeys.map((k, i) => {
      const text = r[k] === null || r[k] === undefined || r[k] === '' ? '·' : String(r[k]);
      const mark = i === 0 && b ? `<span class="star" title="${escapeHtml(bestNote(b, gridKeys, best!.metric))}">${b.distinguishable ? '★' : '☆'}</span>` : '';
      const tag = i === 0 ? (baseline ? ' <span class="tag">baseline</span>' : '') + raceTag(r) : '';
      return `<td class="key">${mark}${escapeHtml(text)}${tag}</td>`;
    });
    const statCells = cols.flatMap(({ m, tested: t }) => {
      const mean = num(r[`${m}_mean`]);
      const std = num(r[`${m}_std`]);
      const low = num(r[`${m}_ci95_low`]);
      const high = num(r[`${m}_ci95_high`]);
      const pHolm = num(r[`${m}_p_holm`]);
      const p = num(r[`${m}_p_value`]);
      const d = num(r[`${m}_cohens_d`]);
      const dp = decimalsFor(m, mean);
      const cells = [
        `<td class="num">${formatStat(m, mean, dp)}${std === null ? '' : ` <span class="pm">± ${formatStat(m, std, dp)}</span>`}<br><span class="sub">${low === null || high === null ? '—' : `[${formatStat(m, low, dp)}, ${formatStat(m, high, dp)}]`}</span></td>`,
      ];
      if (t) {
        // Only the sort metric is judged, in its own direction: higher accuracy, lower error (or as sort: says).
        const judged = m === sortMetric;
        const tint = judged && pHolm !== null && pHolm < ALPHA && d !== null && d !== 0 ? ((d > 0) === !lower(m) ? ' better' : ' worse') : '';
        const pText = baseline && p === null ? '<span class="tag">baseline</span>' : escapeHtml(formatP(pHolm, judged));
        cells.push(`<td class="num p${tint}"${p === null ? '' : ` title="unadjusted p = ${escapeHtml(formatP(p))}"`}>${pText}<br><span class="sub">${formatD(d)}</span></td>`);
      }
      return cells;
    });
    const counts = [`<td class="num">${escapeHtml(String(r.n ?? ''))}</td>`, ...(hasFailed ? [`<td class="num${(num(r.failed) ?? 0) > 0 ? ' failed' : ''}">${escapeHtml(String(r.failed ?? 0))}</td>`] : [])];
    return `<tr${classes.length ? ` class="${classes.join(' ')}"` : ''}>${[...keyCells, ...counts, ...statCells].join('')}</tr>`;
  });

  return `<table class="summary">\n<thead><tr>${head1}</tr><tr>${head2}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}
