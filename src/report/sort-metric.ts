/**
 * The one metric a study is judged by: the terminal table sorts by it, the progress bar and "best" use it, the
 * report charts it and colours and stars judge it; always with its direction (higher accuracy, lower error).
 */
import { lowerIsBetter } from '../engine/metrics.js';

export interface SortMetric {
  readonly name: string;
  readonly lowerIsBetter: boolean;
}

/**
 * Test accuracy where there is one (else with noise on at test time); for regression the test error of the
 * loss the study trains with (test_mae for train.loss mae, else test_mse); else the first test metric, and
 * test_accuracy for no metrics at all (a report of nothing).
 *
 * @param metrics the plan's metric columns
 * @param trainLoss the regression loss every point trains with, when they share one
 */
export function sortMetricOf(metrics: readonly string[], trainLoss?: 'mse' | 'mae'): SortMetric {
  const error = trainLoss === 'mae' ? 'test_mae' : 'test_mse';
  const name = ['test_accuracy', 'test_accuracy_noisy', error, `${error}_noisy`].find((m) => metrics.includes(m)) ?? metrics.find((m) => m.startsWith('test_')) ?? metrics[0] ?? 'test_accuracy';
  return { name, lowerIsBetter: lowerIsBetter(name) };
}

/** "test_mse, lower is better": how tables and charts name the sort metric. */
export function directionOf(metric: SortMetric): string {
  return metric.lowerIsBetter ? 'lower is better' : 'higher is better';
}

/** The sort metric of a plan: its metric columns, and the regression loss when every point trains with the same one. */
export function planSortMetric(plan: { readonly points: readonly { readonly config: { readonly train: { readonly loss?: 'mse' | 'mae' } } }[] }, metrics: readonly string[]): SortMetric {
  const losses = new Set(plan.points.map((p) => p.config.train.loss));
  return sortMetricOf(metrics, losses.size === 1 ? [...losses][0] : undefined);
}
