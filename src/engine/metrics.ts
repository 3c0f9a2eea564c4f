/**
 * Evaluation metrics shared by both engines, computed in double precision from float32 predictions:
 * Keras' binary cross-entropy (predictions clipped to [EPSILON, 1 - EPSILON]) and binary accuracy (threshold 0.5);
 * for the other tasks, categorical cross-entropy and accuracy (multiclass), mean squared and absolute error (regression).
 */
import type { Task } from '../config/schema.js';

/** Keras' backend epsilon (tf.keras.backend.epsilon(), tfjs-layers' common epsilon()): 1e-7. */
export const EPSILON = 1e-7;

export interface BinaryMetrics {
  readonly loss: number;
  readonly accuracy: number;
}

/** Mean clipped binary cross-entropy and accuracy of sigmoid outputs `p` against 0/1 labels `y`. */
export function binaryMetrics(p: ArrayLike<number>, y: ArrayLike<number>): BinaryMetrics {
  const n = y.length;
  if (p.length !== n || n === 0) throw new Error(`binaryMetrics: expected ${n} > 0 predictions, got ${p.length}`);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    const yi = y[i]!;
    const pc = pi < EPSILON ? EPSILON : pi > 1 - EPSILON ? 1 - EPSILON : pi;
    loss -= yi * Math.log(pc) + (1 - yi) * Math.log(1 - pc);
    if ((pi > 0.5 ? 1 : 0) === yi) correct++;
  }
  return { loss: loss / n, accuracy: correct / n };
}

/**
 * Keras' categorical cross-entropy of softmax outputs (n × k, row-major) against class indices, and accuracy
 * (argmax, first maximum on ties, as Keras' categorical_accuracy). The probability of the true class is
 * clipped to [EPSILON, 1 - EPSILON] as Keras clips the outputs.
 */
export function multiclassMetrics(p: ArrayLike<number>, k: number, y: ArrayLike<number>): BinaryMetrics {
  const n = y.length;
  if (p.length !== n * k || n === 0) throw new Error(`multiclassMetrics: expected ${n} > 0 rows of ${k} probabilities, got ${p.length} values`);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const label = y[i]!;
    let best = 0;
    for (let c = 1; c < k; c++) if (p[i * k + c]! > p[i * k + best]!) best = c;
    const pi = p[i * k + label]!;
    loss -= Math.log(pi < EPSILON ? EPSILON : pi > 1 - EPSILON ? 1 - EPSILON : pi);
    if (best === label) correct++;
  }
  return { loss: loss / n, accuracy: correct / n };
}

export interface RegressionMetrics {
  readonly mse: number;
  readonly mae: number;
}

/** Mean squared and mean absolute error of predictions `p` against targets `y`. */
export function regressionMetrics(p: ArrayLike<number>, y: ArrayLike<number>): RegressionMetrics {
  const n = y.length;
  if (p.length !== n || n === 0) throw new Error(`regressionMetrics: expected ${n} > 0 predictions, got ${p.length}`);
  let se = 0;
  let ae = 0;
  for (let i = 0; i < n; i++) {
    const d = p[i]! - y[i]!;
    se += d * d;
    ae += Math.abs(d);
  }
  return { mse: se / n, mae: ae / n };
}

/**
 * The metrics of outputs `p` (rows × outputs, row-major) against labels `y` for a task, by name without the
 * train_/test_ prefix: what both engines report.
 */
export function taskMetrics(task: Task, p: ArrayLike<number>, y: ArrayLike<number>, outputs: number): Record<string, number> {
  switch (task) {
    case 'binary':
      return { ...binaryMetrics(p, y) };
    case 'multiclass':
      return { ...multiclassMetrics(p, outputs, y) };
    case 'regression':
      return { ...regressionMetrics(p, y) };
  }
}

/** The metrics of a task, by name without the train_/test_ prefix: loss and accuracy, or mse and mae. */
export function taskMetricNames(task: Task): readonly string[] {
  return task === 'regression' ? ['mse', 'mae'] : ['loss', 'accuracy'];
}

/** Metrics where smaller is better (losses and errors); accuracy is the other way. */
export function lowerIsBetter(metric: string): boolean {
  return /(^|_)(loss|mse|mae)(_noisy)?$/.test(metric);
}

/** Accuracy is a fraction of rows; losses and errors are means of non-negative terms. */
const ACCURACY_RANGE = { min: 0, max: 1 } as const;
const NON_NEGATIVE = { min: 0, max: Infinity } as const;

/** The values a metric can take: [0, 1] for accuracies, [0, ∞) for losses and errors (unbounded otherwise). */
export function metricRange(metric: string): { readonly min: number; readonly max: number } {
  if (/(^|_)accuracy(_noisy)?$/.test(metric)) return ACCURACY_RANGE;
  if (lowerIsBetter(metric)) return NON_NEGATIVE;
  return { min: -Infinity, max: Infinity };
}

/** Evaluation settings that decide which metric columns a run produces. */
interface MetricSettings {
  readonly eval: { readonly noise: 'off' | 'on' | 'both' };
  /** Absent (or no task): binary. */
  readonly model?: { readonly task?: Task };
}

/**
 * The metric columns of a run, in CSV order: train/test loss and accuracy (regression: mse and mae) with noise
 * off (Keras' evaluate), and the same with suffix `_noisy` when `eval.noise` asks for evaluation with noise on.
 */
export function metricNames(config: MetricSettings): string[] {
  const metrics = taskMetricNames(config.model?.task ?? 'binary');
  const base = ['train', 'test'].flatMap((set) => metrics.map((m) => `${set}_${m}`));
  const names: string[] = [];
  if (config.eval.noise !== 'on') names.push(...base);
  if (config.eval.noise !== 'off') names.push(...base.map((m) => `${m}_noisy`));
  return names;
}
