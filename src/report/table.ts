/**
 * The terminal table printed at the end of a sweep: per grid point, best first, the sort metric as
 * mean ± std with its 95 % interval and its Holm-adjusted p-value against the baseline (with marks), then the
 * other shown metrics as mean ± std.
 */
import { clippedNote } from './interval-note.js';
import type { SummaryRow } from './summary.js';
import type { PairedDesign } from './paired-design.js';

export interface TableOptions {
  readonly gridKeys: readonly string[];
  /** Metrics shown as "mean ± std"; the first also gets its interval and p-value. */
  readonly metrics: readonly string[];
  /** Metric to sort by: best first (descending, or ascending when lower is better). */
  readonly sortBy: string;
  readonly lowerIsBetter?: boolean;
  /** Row index (in `rows`) of the baseline, or null. */
  readonly baseline?: number | null;
  /** A paired study's design: the p column is a paired t-test and a verdict column compares with the baseline. */
  readonly paired?: PairedDesign | null;
  /** An unpaired study's sources of randomness that changed between repeats (its factors of variability). */
  readonly varied?: readonly string[];
}

/** "better  P 0.90 [0.78, 1.00]": the verdict against the baseline with P(better) and its bootstrap interval. */
function verdictCell(row: SummaryRow, metric: string, isBaseline: boolean): string {
  if (isBaseline) return 'baseline';
  const p = row[`${metric}_p_better`];
  if (typeof p !== 'number' || typeof row.verdict !== 'string' || row.verdict === '') return '—';
  return `${row.verdict.padEnd(12)} ${fmt(p, 2)} [${fmt(row[`${metric}_p_better_low`], 2)}, ${fmt(row[`${metric}_p_better_high`], 2)}]`;
}

/** The paired table's footnotes: what was paired and varied, the test, the verdict rule, and the power note. */
function pairedNotes(rows: readonly SummaryRow[], order: readonly number[], opts: TableOptions, d: PairedDesign): string[] {
  const corrected = rows.some((r) => r.nadeau_bengio === 'yes');
  const notes = [
    `paired: repeat k of every point used the same seeds; varied between repeats: ${d.vary.join(', ')}; ± is the standard deviation over repeats`,
    `p: paired t-test on per-repeat differences from the baseline${corrected ? ' (Nadeau–Bengio-corrected: the repeats re-split the data, so training sets overlap)' : ''}, Holm-adjusted over all points; * < 0.05, ** < 0.01, *** < 0.001`,
    `vs baseline: verdict, P(better than the baseline in a repeat) [95% bootstrap CI]; better when the CI is above 0.5 and reaches ${d.gamma}${d.equivalence !== undefined ? `, equivalent when the difference's CI is inside ±${d.equivalence}` : ''}; no better/worse below 6 repeats`,
  ];
  const undecided = order.map((i) => rows[i]!).filter((r) => r.verdict === 'inconclusive' && typeof r.repeats_to_decide === 'number');
  if (undecided.length > 0) {
    const label = (r: SummaryRow) => opts.gridKeys.map((k) => (r[k] === '' || r[k] === null || r[k] === undefined ? '·' : String(r[k]))).join(' ');
    const shown = undecided.slice(0, 3).map((r) => `${label(r)} ~${r.repeats_to_decide}`).join(', ');
    notes.push(`inconclusive: repeats that would likely decide it at the P observed (Noether, α = β = 0.05): ${shown}${undecided.length > 3 ? `, … (${undecided.length - 3} more in summary.csv)` : ''}`);
  }
  return notes;
}

/** A racing point's cell: "winner", "in" (a survivor), or "out r2 (10)" (eliminated in round 2, with 10 repeats). */
function raceCell(row: SummaryRow): string {
  if (row.status === 'eliminated') return `out r${String(row.eliminated_round)} (${String(row.eliminated_after)})`;
  return row.status === 'winner' ? 'winner' : 'in';
}

function fmt(x: string | number | null | undefined, digits = 3): string {
  return typeof x === 'number' ? x.toFixed(digits) : '—';
}

/** Significance marks on Holm-adjusted p-values: * < 0.05, ** < 0.01, *** < 0.001. */
export function marks(p: unknown): string {
  if (typeof p !== 'number') return '';
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}

function pCell(row: SummaryRow, metric: string, isBaseline: boolean): string {
  if (isBaseline) return 'baseline';
  const p = row[`${metric}_p_holm`];
  if (typeof p !== 'number') return '—';
  return `${p < 0.001 ? '<0.001' : p.toFixed(3)} ${marks(p)}`.trimEnd();
}

/** Rows of text, columns padded; numbers right-aligned. */
export function renderTable(rows: readonly SummaryRow[], opts: TableOptions): string {
  // Best first; points without a mean (every run failed) last.
  const sign = opts.lowerIsBetter ? -1 : 1;
  const score = (i: number) => {
    const m = rows[i]![`${opts.sortBy}_mean`];
    return typeof m === 'number' ? sign * m : -Infinity;
  };
  const order = rows.map((_, i) => i).sort((a, b) => score(b) - score(a));
  const [first, ...rest] = opts.metrics;
  const hasBaseline = opts.baseline !== undefined && opts.baseline !== null;
  const raced = rows.some((r) => typeof r.status === 'string' && r.status !== '');
  const header = [
    ...opts.gridKeys,
    ...(raced ? ['race'] : []),
    'n',
    ...(first ? [`${first} mean ± std`, '95% CI', ...(hasBaseline ? ['p (Holm)'] : []), ...(hasBaseline && opts.paired ? ['vs baseline  P(better) [95% CI]'] : [])] : []),
    ...rest.map((m) => `${m} mean ± std`),
  ];
  const body = order.map((i) => {
    const r = rows[i]!;
    const failed = typeof r.failed === 'number' && r.failed > 0 ? ` (${r.failed} failed)` : '';
    return [
      ...opts.gridKeys.map((k) => (r[k] === '' || r[k] === null || r[k] === undefined ? '·' : String(r[k]))),
      ...(raced ? [raceCell(r)] : []),
      `${r.n}${failed}`,
      ...(first
        ? [
            `${fmt(r[`${first}_mean`])} ± ${fmt(r[`${first}_std`])}`,
            typeof r[`${first}_ci95_low`] === 'number' ? `[${fmt(r[`${first}_ci95_low`])}, ${fmt(r[`${first}_ci95_high`])}]` : '—',
            ...(hasBaseline ? [pCell(r, first, i === opts.baseline)] : []),
            ...(hasBaseline && opts.paired ? [verdictCell(r, first, i === opts.baseline)] : []),
          ]
        : []),
      ...rest.map((m) => `${fmt(r[`${m}_mean`])} ± ${fmt(r[`${m}_std`])}`),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const verdictColumn = header.indexOf('vs baseline  P(better) [95% CI]');
  const numeric = header.map((_, c) => c >= opts.gridKeys.length + (raced ? 1 : 0) && c !== verdictColumn);
  const line = (cells: string[]) => cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const table = [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)];
  table.push(`sorted by ${opts.sortBy} mean, ${opts.lowerIsBetter ? 'lower' : 'higher'} is better`);
  if (!opts.paired && opts.varied) table.push(`unpaired (pairing: independent): each run drew its own seeds; varied between repeats: ${opts.varied.join(', ')}`);
  if (raced) table.push('race: winner; in: still in the race at its end (or now); out rN (k): eliminated in round N, after k repeats (n counts every run it has)');
  if (hasBaseline && opts.paired) table.push(...pairedNotes(rows, order, opts, opts.paired));
  else if (hasBaseline) table.push('p: Welch t-test against the baseline, Holm-adjusted over all points; * < 0.05, ** < 0.01, *** < 0.001; ± is the standard deviation over repeats');
  const clipped = first ? clippedNote(rows, [first]) : null;
  if (clipped) table.push(clipped);
  return table.join('\n');
}
