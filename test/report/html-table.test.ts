/** The report's summary table: number formats, Holm stars, tints by direction, baseline and best marks. */
import { expect } from 'chai';
import { decimalsFor, formatP, formatStat, pPhrase, renderSummaryTable } from '../../src/report/html-table.js';
import type { BestInGroup } from '../../src/stats/best-per-group.js';

const gridKeys = ['noise.placement', 'noise.stddev'];
const row = (placement: string, stddev: number | string, extra: Record<string, number | null>) => ({ 'noise.placement': placement, 'noise.stddev': stddev, n: 10, failed: 0, ...extra });
const rows = [
  row('none', '', { test_accuracy_mean: 0.8, test_accuracy_std: 0.02, test_accuracy_ci95_low: 0.786, test_accuracy_ci95_high: 0.814, test_accuracy_p_value: null, test_accuracy_cohens_d: null, test_accuracy_p_holm: null, test_loss_mean: 0.45, test_loss_p_value: null, test_loss_cohens_d: null, test_loss_p_holm: null }),
  row('input', 0.1, { test_accuracy_mean: 0.85, test_accuracy_std: 0.02, test_accuracy_ci95_low: 0.836, test_accuracy_ci95_high: 0.864, test_accuracy_p_value: 0.0001, test_accuracy_cohens_d: 2.5, test_accuracy_p_holm: 0.0004, test_loss_mean: 0.3, test_loss_p_value: 0.001, test_loss_cohens_d: 1.5, test_loss_p_holm: 0.002 }),
  row('input', 0.5, { test_accuracy_mean: 0.75, test_accuracy_std: null, test_accuracy_ci95_low: null, test_accuracy_ci95_high: null, test_accuracy_p_value: 0.02, test_accuracy_cohens_d: -2, test_accuracy_p_holm: 0.04, test_loss_mean: 0.5, test_loss_p_value: 0.3, test_loss_cohens_d: -0.5, test_loss_p_holm: 0.6 }),
];

describe('summary table', () => {
  it('formats p-values with stars at 0.05, 0.01, 0.001', () => {
    expect([0.0004, 0.0042, 0.03, 0.05, 0.5, 1, null].map((p) => formatP(p))).to.deep.equal(['<0.001 ***', '0.0042 **', '0.030 *', '0.050', '0.50', '1.0', '—']);
  });

  it('phrases p-values for sentences', () => {
    expect([0.0004, 0.0042, null].map(pPhrase)).to.deep.equal(['p < 0.001 ***', 'p = 0.0042 **', 'no p-value']);
  });

  it('shows accuracies to 3 decimals, other metrics to 4 significant digits of the mean', () => {
    expect(formatStat('test_accuracy', 0.85714)).to.equal('0.857');
    expect(formatStat('test_loss', 0.0554321)).to.equal('0.05543');
    expect(formatStat('test_loss', 1.87654)).to.equal('1.877');
    expect(formatStat('test_loss', 12345.6)).to.equal('12346');
    expect(formatStat('test_loss', null)).to.equal('—');
    // The std and the interval take the mean's decimals: 0.001776 ± 0.000108, not ± 1.08e-4.
    expect(decimalsFor('train_loss', 0.001776)).to.equal(6);
    expect(formatStat('train_loss', 0.000108, decimalsFor('train_loss', 0.001776))).to.equal('0.000108');
  });

  const html = renderSummaryTable({ gridKeys, rows, metrics: ['test_accuracy', 'test_loss'], isBaseline: (r) => r['noise.placement'] === 'none', groupBy: 'noise.placement' });
  const bodyRows = html.slice(html.indexOf('<tbody>')).split('<tr').slice(1);

  it('has one row per grid point, a blank cell as "·", the baseline tagged', () => {
    expect(bodyRows).to.have.length(3);
    expect(bodyRows[0]).to.contain('<td class="key">none <span class="tag">baseline</span></td><td class="key">·</td>');
    expect(bodyRows[0]).to.match(/^ class="baseline">/);
    expect(bodyRows[1]).to.match(/^ class="group-start">/);
    expect(html).not.to.contain('failed</th>');
  });

  it('tints the sort metric where Holm rejects: green when better, red when worse; other metrics stay neutral', () => {
    expect(bodyRows[1]).to.match(/<td class="num p better" title="unadjusted p = &lt;0\.001 \*\*\*">&lt;0\.001 \*\*\*<br><span class="sub">\+2\.50<\/span>/);
    // input 0.1 raises the test loss (d > 0, Holm p 0.002): what noise may do; shown plainly, no red, no stars.
    expect(bodyRows[1]).to.match(/<td class="num p" [^>]*>0\.0020<br>/);
    expect(html).not.to.match(/<td class="num p (better|worse)"[^>]*>[^<]*<br><span class="sub">[^<]*<\/span><\/td><\/tr>/);
    expect(bodyRows[2]).to.match(/<td class="num p worse"[^>]*>0\.040 \*<br><span class="sub">−2\.00<\/span>/);
    // p_holm 0.6: no tint even though d is negative.
    expect(bodyRows[2]).to.match(/<td class="num p" [^>]*>0\.60<br>/);
  });

  it('judges a lower-is-better sort metric the other way round, and only it', () => {
    const byLoss = renderSummaryTable({ gridKeys, rows, metrics: ['test_accuracy', 'test_loss'], sortMetric: 'test_loss' });
    const lossRows = byLoss.slice(byLoss.indexOf('<tbody>')).split('<tr').slice(1);
    expect(lossRows[1]).to.match(/<td class="num p worse"[^>]*>0\.0020 \*\*<br>/);
    expect(lossRows[1]).to.match(/<td class="num p" [^>]*>&lt;0\.001<br><span class="sub">\+2\.50/);
  });

  it('shows a missing std and interval as dashes', () => {
    expect(bodyRows[2]).to.contain('0.750<br><span class="sub">—</span>');
    expect(bodyRows[1]).to.contain('0.850 <span class="pm">± 0.020</span><br><span class="sub">[0.836, 0.864]</span>');
  });

  it('stars the best point of a group: ★ when distinguishable from the runner-up, ☆ when not, none alone', () => {
    const groups: BestInGroup[] = [
      { group: 'none', best: rows[0]!, runnerUp: null, pValue: null, distinguishable: null, contenders: [] },
      { group: 'input', best: rows[1]!, runnerUp: rows[2]!, pValue: 0.001, distinguishable: true, contenders: [] },
    ];
    const starred = renderSummaryTable({ gridKeys, rows, metrics: ['test_accuracy'], best: { metric: 'test_accuracy', groups } });
    expect((starred.match(/class="star"/g) ?? []).length).to.equal(1);
    expect(starred).to.match(/<tr class="best"><td class="key"><span class="star" title="best test accuracy in its group; vs runner-up noise\.stddev=0\.5: Welch p = 0\.0010 \*\*, distinguishable">★<\/span>input/);
    const unclear = renderSummaryTable({ gridKeys, rows, metrics: ['test_accuracy'], best: { metric: 'test_accuracy', groups: [{ ...groups[1]!, pValue: 0.2, distinguishable: false }] } });
    expect(unclear).to.contain('☆</span>input');
  });

  it('adds a failed column only when some runs failed, highlighted', () => {
    const failed = renderSummaryTable({ gridKeys, rows: [{ ...rows[1]!, failed: 2 }], metrics: ['test_accuracy'] });
    expect(failed).to.contain('failed</th>');
    expect(failed).to.contain('<td class="num failed">2</td>');
  });

  it('greys a point the race eliminated, tagged with its round and repeats, and tags the winner', () => {
    const raced = renderSummaryTable({ gridKeys, rows: [{ ...rows[1]!, status: 'winner' }, { ...rows[2]!, status: 'eliminated', eliminated_after: 5, eliminated_round: 1 }, { ...rows[0]!, status: 'survivor' }], metrics: ['test_accuracy'] });
    const body = raced.slice(raced.indexOf('<tbody>')).split('<tr').slice(1);
    expect(body[0]).to.contain('<td class="key">input <span class="tag winner">race winner</span></td>');
    expect(body[1]).to.match(/^ class="eliminated">/);
    expect(body[1]).to.contain('<span class="tag" title="eliminated by the race in round 1, after 5 repeats">out in round 1 (5)</span>');
    expect(body[2]).to.match(/^><td class="key">none<\/td>/);
    expect(bodyRows.join('')).not.to.contain('eliminated');
  });
});
