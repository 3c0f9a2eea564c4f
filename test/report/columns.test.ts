/** Column order of runs.csv and summary.csv: the sort metric first, new columns placed by rule. */
import { expect } from 'chai';
import { metricsInColumnOrder, orderRunColumns, orderSummaryColumns, planSortOf, sortMetricOf, sortOf } from '../../src/report/columns.js';
import { runColumns } from '../../src/report/runs-csv.js';
import { summaryStatColumns } from '../../src/report/summary.js';

const METRICS = ['train_loss', 'train_accuracy', 'test_loss', 'test_accuracy'];
const NOISY = [...METRICS, ...METRICS.map((m) => `${m}_noisy`)];
const STATS = ['mean', 'std', 'ci95_low', 'ci95_high', 'p_value', 'cohens_d', 'p_holm'];

describe('report/columns', () => {
  it('sorts by test accuracy, else the noisy accuracy, else the test error', () => {
    expect(sortMetricOf(METRICS)).to.equal('test_accuracy');
    expect(sortMetricOf(METRICS.map((m) => `${m}_noisy`))).to.equal('test_accuracy_noisy');
    expect(sortMetricOf(['train_mse', 'train_mae', 'test_mse', 'test_mae'])).to.equal('test_mse');
    // Trained on absolute error: judged by it; a grid over the loss: by mse.
    expect(sortMetricOf(['train_mse', 'train_mae', 'test_mse', 'test_mae'], 'mae')).to.equal('test_mae');
    const plan = (...losses: ('mse' | 'mae')[]) => ({ study: {}, points: losses.map((loss) => ({ config: { train: { loss } } })) });
    expect(planSortOf(plan('mae', 'mae'), ['test_mse', 'test_mae'])).to.deep.equal({ metric: 'test_mae', lowerIsBetter: true });
    expect(planSortOf(plan('mse', 'mae'), ['test_mse', 'test_mae']).metric).to.equal('test_mse');
    expect(metricsInColumnOrder(NOISY)).to.deep.equal(['test_accuracy', 'train_loss', 'train_accuracy', 'test_loss', ...METRICS.map((m) => `${m}_noisy`)]);
    expect(metricsInColumnOrder([])).to.deep.equal([]);
  });

  it("puts the study's own sort: metric first, whatever the default would pick", () => {
    const own = ['accuracy', 'test_loss', 'wall'];
    expect(sortOf(own, { metric: 'wall', better: 'lower' })).to.deep.equal({ metric: 'wall', lowerIsBetter: true });
    expect(sortOf(METRICS, undefined)).to.deep.equal({ metric: 'test_accuracy', lowerIsBetter: false });
    expect(metricsInColumnOrder(own, 'wall')).to.deep.equal(['wall', 'accuracy', 'test_loss']);
    // Without it the default's choice (a test_ metric) would lead.
    expect(metricsInColumnOrder(own)).to.deep.equal(['test_loss', 'accuracy', 'wall']);
    expect(runColumns(['params.lr'], own, 'accuracy').slice(0, 4)).to.deep.equal(['params.lr', 'repeat', 'seed', 'accuracy']);
    expect(orderSummaryColumns(['n', 'failed', 'test_loss_mean', 'accuracy_mean'], { gridKeys: [], metrics: own, sortMetric: 'accuracy' })).to.deep.equal(['n', 'failed', 'accuracy_mean', 'test_loss_mean']);
  });

  it('summary.csv: grid keys, n, failed, the sort metric\'s statistics, then the other metrics\'', () => {
    const grid = ['noise.placement', 'noise.stddev'];
    const written = [...grid, ...summaryStatColumns(METRICS)];
    expect(orderSummaryColumns(written, { gridKeys: grid, metrics: METRICS })).to.deep.equal([
      ...grid, 'n', 'failed',
      ...['test_accuracy', 'train_loss', 'train_accuracy', 'test_loss'].flatMap((m) => STATS.map((s) => `${m}_${s}`)),
    ]);
  });

  it('keeps test_accuracy_noisy_* with its own metric, not with test_accuracy', () => {
    const ordered = orderSummaryColumns(['n', 'failed', ...NOISY.map((m) => `${m}_mean`)], { gridKeys: [], metrics: NOISY });
    expect(ordered.slice(0, 4)).to.deep.equal(['n', 'failed', 'test_accuracy_mean', 'train_loss_mean']);
    expect(ordered.at(-1)).to.equal('test_accuracy_noisy_mean');
  });

  it('slots columns added later in by rule: a metric\'s new statistic with its metric, anything else last', () => {
    const columns = ['verdict', 'noise.placement', 'train_loss_mean', 'test_accuracy_mean', 'failed', 'test_accuracy_p_paired', 'n', 'train_loss_p_paired'];
    expect(orderSummaryColumns(columns, { gridKeys: ['noise.placement'], metrics: ['train_loss', 'test_accuracy'] })).to.deep.equal([
      'noise.placement', 'n', 'failed', 'test_accuracy_mean', 'test_accuracy_p_paired', 'train_loss_mean', 'train_loss_p_paired', 'verdict',
    ]);
  });

  it('runs.csv: grid keys, repeat, seeds, the sort metric, the other metrics, extra columns, then the bookkeeping', () => {
    expect(runColumns(['noise.placement'], METRICS)).to.deep.equal(['noise.placement', 'repeat', 'seed', 'test_accuracy', 'train_loss', 'train_accuracy', 'test_loss', 'seconds', 'engine', 'status', 'error', 'run_id']);
    const added = ['run_id', 'status', 'noise_seed', 'seed_init', 'my_column', 'train_loss', 'seed', 'test_accuracy', 'repeat', 'seconds', 'error', 'engine', 'noise.stddev'];
    expect(orderRunColumns(added, { gridKeys: ['noise.stddev'], metrics: ['train_loss', 'test_accuracy'] })).to.deep.equal([
      'noise.stddev', 'repeat', 'seed', 'noise_seed', 'seed_init', 'test_accuracy', 'train_loss', 'my_column', 'seconds', 'engine', 'status', 'error', 'run_id',
    ]);
  });
});
