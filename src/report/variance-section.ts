/**
 * report.html's "Where the variance comes from" for a `sweep variance` study: the table of variance-rows.ts
 * and its chart, with what each source is and how to read the shares.
 */
import { escapeHtml } from './html-escape.js';
import type { VarianceRow } from './variance-rows.js';

const f = (v: number | null) => (v === null ? '—' : v.toFixed(4));

export function varianceTableHtml(rows: readonly VarianceRow[], metric: string): string {
  const head = ['source', 'varies between runs', 'runs', `${metric.replace(/_/g, ' ')} mean`, 'std [95% CI]', 'var / var(all)'];
  const body = rows.map((r) => {
    const cells = [r.source, r.varies, String(r.runs), f(r.mean), `${f(r.std)} [${f(r.stdLow)}, ${f(r.stdHigh)}]`, r.shareOfAll === null ? '—' : `${(100 * r.shareOfAll).toFixed(0)} %`];
    return `<tr>${cells.map((c, i) => `<td${i > 1 ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  return `<table class="summary"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

export function varianceNotes(skipped: readonly string[]): string {
  const notes = [
    'Each row is one arm of runs of the same configuration: only the named source of randomness changes from run to run, every other source keeps one fixed draw; "all" changes every source at once, as a study\'s repeats would with vary: all of them.',
    'std: the sample standard deviation over the arm\'s runs; 95% CI from the chi-square distribution (assumes roughly normal metrics). var / var(all): the arm\'s variance as a share of the "all" arm\'s. Shares need not add up to 100 %: sources interact, and each share is an estimate from a few runs.',
    ...skipped,
  ];
  return `<ul class="note">\n${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n')}\n</ul>`;
}
