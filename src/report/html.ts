/**
 * report.html: one self-contained page (inline CSS and SVG; no script, no font, no image or style loaded from
 * anywhere) with the summary table, accuracy against noise stddev per placement with 95 % intervals, box plots
 * of test accuracy per grid point, and mean learning curves when a history was recorded.
 * Charts are vega-lite specs rendered to SVG in Node when the report is written (charts/render-svg.ts).
 */
import type { BestInGroup } from '../stats/best-per-group.js';
import type { TableRow } from '../stats/table-row.js';
import { accuracyVsXSpec } from './charts/accuracy-vs-x.js';
import { boxPlotSpec } from './charts/box-plots.js';
import { EXACT_LIMIT } from './digest/box-stats.js';
import { digestRuns, RunDigest } from './digest/run-digest.js';
import { learningCurvesSpec } from './charts/learning-curves.js';
import { renderSvg } from './charts/render-svg.js';
import { chooseRoles } from './charts/roles.js';
import { FONT } from './charts/theme.js';
import { escapeHtml } from './html-escape.js';
import { ALPHA, bestNote, formatStat, pPhrase, renderSummaryTable } from './html-table.js';
import { pointKey } from '../stats/table-row.js';
import { clippedNote } from './interval-note.js';
import { directionOf, type SortBy, sortMetricOf } from './columns.js';
import { lowerIsBetter } from '../engine/metrics.js';
import { type PairedReport, verdictSection } from './verdict-section.js';
import type { VarianceRow } from './variance-rows.js';
import { varianceNotes, varianceTableHtml } from './variance-section.js';
import { varianceChartSpec } from './charts/variance-chart.js';

/** "test mse" for "test_mse". */
const metricTitle = (m: string) => m.replace(/_/g, ' ');

export interface ReportInput {
  /** The study name: the page title. */
  readonly name: string;
  readonly gridKeys: readonly string[];
  /** summary.csv rows: grid keys, n, failed, <metric>_mean ... <metric>_p_holm. */
  readonly summary: readonly TableRow[];
  /**
   * runs.csv rows (grid keys, repeat, seed, metrics, seconds, engine, status, error, run_id), or a RunDigest
   * already fed with them row by row (of the sort metric, grouped by the charts' panel key).
   */
  readonly runs: readonly TableRow[] | RunDigest;
  /** Seeds the sample of runs drawn as dots (the study's seed); default 1. */
  readonly seed?: number;
  /** history.csv rows (grid keys, repeat, epoch, metric, value), when train.history was on. */
  readonly history?: readonly TableRow[];
  /** bestPerGroup's answer, with the metric and grid key it was asked for. */
  readonly best?: { readonly metric: string; readonly groupBy: string; readonly groups: readonly BestInGroup[] };
  /** Summary rows that are the baseline the p-values compare with. */
  readonly isBaseline?: (row: TableRow) => boolean;
  /** How the baseline was chosen, shown in the notes, e.g. "noise.placement=none". */
  readonly baselineLabel?: string;
  /** Which way is better for a metric (see html-table.ts). */
  readonly lowerIsBetter?: (metric: string) => boolean;
  /** The metric the study is judged by: charted, box-plotted, coloured and starred; default: sortMetricOf the summary's metrics. */
  readonly sortMetric?: string;
  /** While the sweep runs: how far it is, and how often the page reloads itself (absent: the final page). */
  readonly live?: LiveProgress;
  /** A paired study (the default): its design, for the verdicts section and the notes (verdict-section.ts). */
  readonly paired?: PairedReport;
  /** An unpaired study's sources of randomness that changed between repeats (a paired one's are in `paired`). */
  readonly factors?: readonly string[];
  /** A `sweep variance` study: each source's spread (variance-rows.ts), and the sources it left out. */
  readonly variance?: { readonly rows: readonly VarianceRow[]; readonly metric: string; readonly skipped: readonly string[] };
  /** A racing study: its rules, each round's eliminations and the winner, and the runs it spent (report/race.ts). */
  readonly race?: { readonly rules: string; readonly rounds: readonly string[]; readonly budget: string };
}

/** A running sweep's progress, for the banner of the page it rewrites every few seconds. */
export interface LiveProgress {
  /** Runs with a result (reused ones included), of `total` in this sweep. */
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  /** Seconds between the page's reloads (meta refresh). */
  readonly refreshSeconds: number;
  /** When the page was written, as the user's clock shows it. */
  readonly updated: Date;
}

/** The banner of a page written while the sweep runs. */
function liveBanner(live: LiveProgress): string {
  const failed = live.failed > 0 ? ` (${live.failed} failed)` : '';
  const time = live.updated.toLocaleTimeString('en-GB', { hour12: false });
  return `<p class="live"><b>Sweep running:</b> ${live.done} of ${live.total} runs done${failed}, updated ${time}. This page reloads every ${live.refreshSeconds} s; the final report replaces it when the sweep ends.</p>`;
}

/** Metrics in the order the table shows them: test before train, accuracy before loss, then the rest. */
export function metricsOf(summary: readonly TableRow[]): string[] {
  const found = [...new Set(summary.flatMap((r) => Object.keys(r)).filter((k) => k.endsWith('_mean')).map((k) => k.slice(0, -'_mean'.length)))];
  const rank = (m: string) => (m.startsWith('test') ? 0 : m.startsWith('train') ? 1 : 2) + (m.includes('accuracy') ? 0 : 3) + (m.endsWith('_noisy') ? 6 : 0);
  return found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const CSS = `
body { font-family: ${FONT}; color: #222; margin: 24px 32px 48px; max-width: 1240px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 6px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
p.lead { color: #555; margin: 0 0 16px; }
p.note, ul.note { color: #555; font-size: 13px; margin: 6px 0 10px; }
figure { margin: 8px 0 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
table.summary { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; }
table.summary th, table.summary td { padding: 3px 9px; border-bottom: 1px solid #eee; white-space: nowrap; line-height: 1.25; }
table.summary td.num + td.num { border-left: 1px solid #f2f2f2; }
.scroll { overflow-x: auto; }
table.summary thead th { background: #f6f6f6; border-bottom: 1px solid #ccc; font-weight: 600; }
table.summary th.metric { border-left: 2px solid #fff; text-align: center; }
table.summary .num { text-align: right; }
table.summary .key { text-align: left; }
table.summary .pm { color: #666; }
table.summary .sub { color: #777; font-size: 11px; font-weight: normal; }
table.summary td.p .sub { color: #555; }
table.summary tr.group-start td { border-top: 1px solid #bbb; }
table.summary tr.best td { font-weight: 600; }
table.summary tr.baseline td { background: #fafafa; }
table.summary tr.eliminated td { color: #999; }
.tag.winner { color: #1a7f37; border-color: #1a7f37; }
table.summary td.better { background: #e3f4e1; }
table.summary td.worse { background: #fbe3e1; }
table.summary td.failed { color: #b00020; }
.star { color: #c77c00; margin-right: 4px; }
.tag { font-size: 11px; color: #666; border: 1px solid #ccc; border-radius: 3px; padding: 0 4px; font-weight: normal; }
ul.best { font-size: 13.5px; margin: 4px 0; padding-left: 20px; }
p.live { background: #fff6dc; border: 1px solid #e9d18c; border-radius: 4px; padding: 6px 10px; font-size: 13.5px; }
`;

function section(title: string, body: string): string {
  return `<h2>${escapeHtml(title)}</h2>\n${body}`;
}

function bestList(input: ReportInput, best: NonNullable<ReportInput['best']>): string {
  const items = best.groups.filter((g) => g.runnerUp !== null).map((g) => {
    const label = input.gridKeys.filter((k) => k !== best.groupBy && String(g.best[k] ?? '') !== '').map((k) => `${k} = ${String(g.best[k])}`).join(', ') || 'its only point';
    const mean = formatStat(best.metric, typeof g.best[`${best.metric}_mean`] === 'number' ? (g.best[`${best.metric}_mean`] as number) : null);
    const test = input.paired ? 'paired t, Holm within the group' : 'Welch, Holm within the group';
    const verdict = g.distinguishable === null ? 'not testable against the runner-up' : g.distinguishable ? `distinguishable from the runner-up (${test}, ${pPhrase(g.pValue)})` : `not distinguishable from the runner-up (${test}, ${pPhrase(g.pValue)})`;
    const others = g.contenders.slice(1).map((row) => input.gridKeys.filter((k) => k !== best.groupBy && String(row[k] ?? '') !== '').map((k) => `${k} = ${String(row[k])}`).join(', '));
    const set = others.length > 0 ? `; not shown worse than the best: ${others.join('; ')}` : '';
    return `<li title="${escapeHtml(bestNote(g, input.gridKeys, best.metric))}"><b>${escapeHtml(g.group || '·')}</b>: ${escapeHtml(label)}, mean ${mean}; ${escapeHtml(verdict + set)}</li>`;
  });
  return `<ul class="best">\n${items.join('\n')}\n</ul>`;
}

/** What the box plot shows: every run or a sample, exact boxes or sketched ones. */
export function boxNote(digest: RunDigest): string {
  const { values, drawn, perPoint } = digest.sampled();
  const sketched = digest.sketched();
  const dots = drawn === values ? 'Each dot is one run' : `Dots: a seeded sample of ${drawn} of the ${values} runs (up to ${perPoint} per grid point, the same sample for the same results)`;
  const boxes = sketched === 0 ? 'boxes: quartiles and median of every run, whiskers to the furthest run within 1.5 × IQR' : `boxes from every run: exact quartiles where a grid point's runs have up to ${EXACT_LIMIT} distinct values, t-digest estimates for the ${sketched} with more (whiskers: 1.5 × IQR from the box, within the runs' range)`;
  return `${dots}; ${boxes}.`;
}

/**
 * The report page.
 *
 * @param input results of a sweep as plain rows (see ReportInput)
 * @returns the HTML text, UTF-8
 */
export async function renderReport(input: ReportInput): Promise<string> {
  const { name, gridKeys, summary, runs } = input;
  const metrics = metricsOf(summary);
  const roles = chooseRoles(gridKeys, summary);
  // The table's sort metric, and beside it its train twin: one metric everywhere, with its direction.
  const sortName = input.sortMetric ?? sortMetricOf(metrics);
  const sort: SortBy = { metric: sortName, lowerIsBetter: (input.lowerIsBetter ?? lowerIsBetter)(sortName) };
  const chartMetrics = [sort.metric, sort.metric.replace(/^test_/, 'train_')].filter((m, k, all) => metrics.includes(m) && all.indexOf(m) === k);
  const boxMetric = sort.metric;
  const direction = directionOf(sort);
  const bestKeys = new Set((input.best?.groups ?? []).filter((g) => g.runnerUp !== null).map((g) => pointKey(g.best, gridKeys)));
  const digest = runs instanceof RunDigest ? runs : digestRuns(runs, { gridKeys, metric: boxMetric, ...(roles.panel ? { groupKey: roles.panel } : {}), points: summary.length, ...(input.seed !== undefined ? { seed: input.seed } : {}) });
  const ok = digest.ok;
  const total = digest.runs;

  const clipped = clippedNote(summary, metrics);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(name)}</h1>`);
  if (input.live) parts.push(liveBanner(input.live));
  parts.push(
    `<p class="lead">${summary.length} grid point${summary.length === 1 ? '' : 's'} · ${total} run${total === 1 ? '' : 's'} (${ok} ok${total > ok ? `, ${total - ok} failed` : ''})${gridKeys.length ? ` · grid: ${escapeHtml(gridKeys.join(', '))}` : ''}</p>`,
  );
  parts.push(
    section(
      'Summary',
      `<div class="scroll">${renderSummaryTable({ gridKeys, rows: summary, metrics, sortMetric: sort.metric, ...(input.best ? { best: input.best } : {}), ...(input.isBaseline ? { isBaseline: input.isBaseline } : {}), ...(roles.panel ? { groupBy: roles.panel } : {}), ...(input.lowerIsBetter ? { lowerIsBetter: input.lowerIsBetter } : {}) })}</div>
<ul class="note">
<li>mean ± sample standard deviation over the successful runs; below it, the 95% CI: Student t interval of the mean (none for n &lt; 2), clipped to the metric's range (accuracy to [0, 1], losses and errors at 0)${clipped ? `: ${escapeHtml(clipped.replace(/^95% CI: /, ''))}` : ''}.</li>
<li>The study is judged by ${escapeHtml(metricTitle(sort.metric))} (${direction})${input.isBaseline ? `: only its column is coloured and starred. p (Holm): ${input.paired ? 'paired t-test on per-repeat differences from' : "Welch's two-sided t-test against"} the baseline${input.baselineLabel ? ` (${escapeHtml(input.baselineLabel)})` : ''}, Holm-adjusted across grid points for each metric; * &lt; 0.05, ** &lt; 0.01, *** &lt; 0.001. Green: significantly better at ${ALPHA}, red: significantly worse. Other metrics show their p plainly: noise that raises the training loss is doing what a regularizer does, not failing. Below p, d: Cohen's d with the pooled standard deviation (positive: higher than the baseline).` : `. No baseline, so no p-values: ${input.variance ? 'the arms of a variance study are not compared with each other' : 'name the point the others are compared with in baseline: (by default the point with noise placement none)'}.`}</li>
${input.factors ? `<li>Factors of variability: ${escapeHtml(input.factors.join(', '))} changed from repeat to repeat (the others were held at repeat 0's draw); each run drew its own seeds (pairing: independent), so points are compared unpaired.</li>\n` : ''}${input.best ? `<li>★ best ${escapeHtml(input.best.metric.replace(/_/g, ' '))} for its ${escapeHtml(input.best.groupBy)}, distinguishable from the runner-up (Welch p &lt; ${ALPHA}); ☆ best but not distinguishable.</li>` : ''}
</ul>`,
    ),
  );
  if (input.race) {
    const r = input.race;
    parts.push(section('Race', `<p class="note">${escapeHtml(r.rules)} Eliminated points are greyed in the summary, tagged with their round and the repeats they had.</p>\n<ul class="note">${r.rounds.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>\n<p class="note">${escapeHtml(r.budget)}.</p>`));
  }
  if (input.variance) {
    const { rows, metric, skipped } = input.variance;
    const chart = rows.some((r) => r.std !== null) ? `\n<figure>${await renderSvg(varianceChartSpec(rows, metric), 'v-')}</figure>` : '';
    parts.push(section(`Where the variance of ${metricTitle(metric)} comes from`, `<div class="scroll">${varianceTableHtml(rows, metric)}</div>${chart}\n${varianceNotes(skipped)}`));
  }
  if (input.paired && summary.some((r) => typeof r.verdict === 'string' && r.verdict !== '')) {
    parts.push(section(`Verdicts against the baseline${input.baselineLabel ? ` (${input.baselineLabel})` : ''}`, verdictSection(summary, gridKeys, sort.metric, input.paired, input.isBaseline)));
  }
  if (input.best && input.best.groups.some((g) => g.runnerUp !== null)) parts.push(section(`Best ${input.best.metric.replace(/_/g, ' ')} per ${input.best.groupBy}`, bestList(input, input.best)));

  let chart = 0;
  const svg = async (spec: Parameters<typeof renderSvg>[0]) => renderSvg(spec, `c${++chart}-`);
  // Charts only where there is something to draw: a study whose runs all failed gets the table alone.
  const hasMeans = summary.some((r) => chartMetrics.some((m) => typeof r[`${m}_mean`] === 'number'));
  const hasRuns = boxMetric !== undefined && digest.boxStats().size > 0;
  if (roles.x && hasMeans) {
    const spec = accuracyVsXSpec({ rows: summary, roles: { ...roles, x: roles.x }, metrics: chartMetrics, isBest: (r) => bestKeys.has(pointKey(r, gridKeys)) });
    parts.push(
      section(
        `${chartMetrics.map(metricTitle).join(' and ')} vs ${roles.x} (${direction})`,
        `<p class="note">Mean over repeats with its 95% interval${roles.panel ? `, one panel per ${escapeHtml(roles.panel)}` : ''}. Dashed lines and grey bands: points where ${escapeHtml(roles.x)} made no difference (the reference, e.g. no noise), drawn in every panel.${input.best ? ' Circled: best point of the panel.' : ''}</p>\n<figure>${await svg(spec)}</figure>`,
      ),
    );
  }
  if (boxMetric && hasRuns) {
    parts.push(
      section(
        `${metricTitle(boxMetric)} per grid point (${direction})`,
        `<p class="note">${boxNote(digest)}</p>\n<figure>${await svg(boxPlotSpec({ summary, digest, gridKeys, roles, metric: boxMetric }))}</figure>`,
      ),
    );
  }
  const curves = input.history && input.history.length > 0 ? learningCurvesSpec({ history: input.history, roles }) : null;
  if (curves) {
    parts.push(section('Learning curves', `<p class="note">Mean over repeats; band: ± one standard deviation of single runs. ${roles.x ? ` Grey dashed: points where ${escapeHtml(roles.x)} made no difference (the reference), in every panel.` : ''}</p>\n<figure>${await svg(curves)}</figure>`));
  }

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${input.live ? `<meta http-equiv="refresh" content="${input.live.refreshSeconds}">\n` : ''}<title>${escapeHtml(name)}: noise-sweep report</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
