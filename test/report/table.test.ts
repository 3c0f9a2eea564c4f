import { expect } from 'chai';
import { shownMetrics } from '../../src/commands/finish.js';
import { marks, renderTable } from '../../src/report/table.js';

describe('report/table', () => {
  const rows = [
    { 'noise.placement': 'none', n: 3, failed: 0, test_mse_mean: 11.2, test_mse_std: 2.2, test_mse_ci95_low: 5.7, test_mse_ci95_high: 16.6, test_mse_p_holm: null },
    { 'noise.placement': 'pre', n: 3, failed: 1, test_mse_mean: 9.3, test_mse_std: 1.1, test_mse_ci95_low: 6.6, test_mse_ci95_high: 12.0, test_mse_p_holm: 0.004 },
    { 'noise.placement': 'input', n: 0, failed: 3, test_mse_mean: null, test_mse_std: null, test_mse_ci95_low: null, test_mse_ci95_high: null, test_mse_p_holm: null },
  ];
  const bodyOrder = (text: string) => text.split('\n').slice(2, 5).map((l) => l.split(/\s+/)[0]);

  it('puts the best first: lowest error when lower is better, points without a mean last', () => {
    const text = renderTable(rows, { gridKeys: ['noise.placement'], metrics: ['test_mse'], sortBy: 'test_mse', lowerIsBetter: true, baseline: 0 });
    expect(bodyOrder(text)).to.deep.equal(['pre', 'none', 'input']);
    expect(text).to.match(/pre\s+3 \(1 failed\)\s+9\.300 ± 1\.100\s+\[6\.600, 12\.000\]\s+0\.004 \*\*/);
    expect(text).to.match(/none\s+3\s+11\.200 ± 2\.200\s+\[5\.700, 16\.600\]\s+baseline/);
    expect(renderTable(rows, { gridKeys: ['noise.placement'], metrics: ['test_mse'], sortBy: 'test_mse' }).split('\n')[2]).to.match(/^none/);
  });

  it('names an unpaired study\'s factors of variability', () => {
    const text = renderTable(rows, { gridKeys: ['noise.placement'], metrics: ['test_mse'], sortBy: 'test_mse', lowerIsBetter: true, baseline: 0, varied: ['init', 'order', 'noise', 'split'] });
    expect(text).to.contain('\nunpaired (pairing: independent): each run drew its own seeds; varied between repeats: init, order, noise, split\n');
    expect(renderTable(rows, { gridKeys: ['noise.placement'], metrics: ['test_mse'], sortBy: 'test_mse', baseline: 0 })).not.to.contain('unpaired');
  });

  it('says what it is sorted by and which way is better, and when intervals were clipped to the range', () => {
    const text = renderTable(rows, { gridKeys: ['noise.placement'], metrics: ['test_mse'], sortBy: 'test_mse', lowerIsBetter: true, baseline: 0 });
    expect(text).to.contain('\nsorted by test_mse mean, lower is better\n');
    expect(text).not.to.contain('clipped');
    // An accuracy whose t interval passed 1: the table shows [0.610, 1.000] and says it was cut there.
    const partial = [{ n: 2, failed: 0, test_accuracy_mean: 0.873, test_accuracy_std: 0.029, test_accuracy_ci95_low: 0.61, test_accuracy_ci95_high: 1 }];
    const clipped = renderTable(partial, { gridKeys: [], metrics: ['test_accuracy'], sortBy: 'test_accuracy' });
    expect(clipped).to.contain('[0.610, 1.000]');
    expect(clipped).to.contain('sorted by test_accuracy mean, higher is better');
    expect(clipped).to.contain("95% CI: 1 interval reaches the metric's range and is clipped there (accuracy to [0, 1], losses and errors at 0)");
  });

  it('gives a racing study a race column: the winner, the points still in, the round that eliminated a point', () => {
    const raced = [
      { ...rows[0]!, status: 'survivor', eliminated_after: null, eliminated_round: null },
      { ...rows[1]!, status: 'winner', eliminated_after: null, eliminated_round: null },
      { ...rows[2]!, n: 5, failed: 0, test_mse_mean: 20, status: 'eliminated', eliminated_after: 5, eliminated_round: 1 },
    ];
    const text = renderTable(raced, { gridKeys: ['noise.placement'], metrics: ['test_mse'], sortBy: 'test_mse', lowerIsBetter: true, baseline: 0 });
    expect(text.split('\n')[0]).to.match(/^noise\.placement\s+race\s+n\s+test_mse mean/);
    expect(text).to.match(/\npre\s+winner\s+3 \(1 failed\)/);
    expect(text).to.match(/\nnone\s+in\s+3\s/);
    expect(text).to.match(/\ninput\s+out r1 \(5\)\s+5\s/);
    expect(text).to.contain('\nrace: winner; in: still in the race');
    expect(renderTable(rows, { gridKeys: ['noise.placement'], metrics: ['test_mse'], sortBy: 'test_mse' })).not.to.match(/race/);
  });

  it('marks Holm p-values', () => {
    expect([0.0005, 0.005, 0.04, 0.05, null].map(marks)).to.deep.equal(['***', '**', '*', '', '']);
  });

  it('shows the sort metric with its noise-on twin and its train twin', () => {
    expect(shownMetrics(['train_accuracy', 'test_accuracy', 'train_accuracy_noisy', 'test_accuracy_noisy'], 'test_accuracy')).to.deep.equal(['test_accuracy', 'test_accuracy_noisy', 'train_accuracy']);
    expect(shownMetrics(['train_mse', 'test_mse'], 'test_mse')).to.deep.equal(['test_mse', 'train_mse']);
  });
});
