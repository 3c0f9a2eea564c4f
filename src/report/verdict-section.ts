/**
 * report.html's "Verdicts against the baseline" for a paired study (issue 15): per point, the verdict, P(better
 * than the baseline in a repeat) with its bootstrap interval, the mean paired difference with its interval, the
 * paired t and Wilcoxon p-values, and for an inconclusive comparison the repeats that would likely decide it;
 * and in words, which sources of variance changed between repeats ("factors of variability") and what ± means.
 */
import type { TableRow } from '../stats/table-row.js';
import { escapeHtml } from './html-escape.js';
import { formatStat, pPhrase } from './html-table.js';

/** What the page says about a paired study's design. */
export interface PairedReport {
  readonly vary: readonly string[];
  readonly gamma: number;
  readonly equivalence?: number;
}

const fixed = (v: unknown, digits: number) => (typeof v === 'number' ? v.toFixed(digits) : '—');

export function verdictSection(summary: readonly TableRow[], gridKeys: readonly string[], metric: string, design: PairedReport, isBaseline?: (row: TableRow) => boolean): string {
  const rows = summary.filter((r) => !(isBaseline?.(r) ?? false) && typeof r.verdict === 'string' && r.verdict !== '');
  const corrected = summary.some((r) => r.nadeau_bengio === 'yes');
  const head = ['point', 'verdict', 'P(better) [95% CI]', 'difference [95% CI]', 'paired t p (Holm)', 'Wilcoxon p', 'repeats to decide'];
  const body = rows.map((r) => {
    const label = gridKeys.filter((k) => String(r[k] ?? '') !== '').map((k) => `${k} = ${String(r[k])}`).join(', ') || '·';
    const cells = [
      label,
      String(r.verdict),
      `${fixed(r[`${metric}_p_better`], 2)} [${fixed(r[`${metric}_p_better_low`], 2)}, ${fixed(r[`${metric}_p_better_high`], 2)}]`,
      `${formatStat(metric, r[`${metric}_diff`] as number | null)} [${formatStat(metric, r[`${metric}_diff_low`] as number | null)}, ${formatStat(metric, r[`${metric}_diff_high`] as number | null)}]`,
      pPhrase(r[`${metric}_p_holm`] as number | null),
      pPhrase(r[`${metric}_wilcoxon_p`] as number | null),
      typeof r.repeats_to_decide === 'number' ? `~${r.repeats_to_decide}` : '',
    ];
    return `<tr class="verdict-${escapeHtml(String(r.verdict))}">${cells.map((c, i) => `<td${i > 1 ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  const table = `<table class="summary"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
  const notes = [
    `Factors of variability: ${escapeHtml(design.vary.join(', '))} changed from repeat to repeat; the others were held at repeat 0's draw. Repeat k of every point used the same seeds (paired), so each point is compared with the baseline on per-repeat differences.`,
    `± in the summary is the sample standard deviation over repeats; intervals are 95%: Student t for means and differences${corrected ? ' (Nadeau–Bengio-corrected, since the repeats re-split the same data and their training sets overlap)' : ''}, percentile bootstrap (seeded, widened for small n) for P(better).`,
    `Verdict on ${escapeHtml(metric.replace(/_/g, ' '))}: better when P(better)'s interval is above 0.5 and reaches ${design.gamma}; worse the mirror; ${design.equivalence !== undefined ? `equivalent when the difference's interval is inside ±${design.equivalence}; ` : ''}otherwise inconclusive (never better or worse below 6 repeats). Repeats to decide: Noether's sample size at the P observed (α = β = 0.05).`,
  ];
  return `<div class="scroll">${table}</div>\n<ul class="note">\n${notes.map((n) => `<li>${n}</li>`).join('\n')}\n</ul>`;
}
