/**
 * Evaluation metrics shared by both engines, computed in double precision from float32 predictions:
 * Keras' binary cross-entropy (predictions clipped to [EPSILON, 1 - EPSILON]) and binary accuracy (threshold 0.5).
 */

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

/** Evaluation settings that decide which metric columns a run produces. */
interface MetricSettings {
  readonly eval: { readonly noise: 'off' | 'on' | 'both' };
}

/**
 * The metric columns of a run, in CSV order: train/test loss and accuracy with noise off (Keras' evaluate),
 * and the same with suffix `_noisy` when `eval.noise` asks for evaluation with noise on.
 */
export function metricNames(config: MetricSettings): string[] {
  const base = ['train_loss', 'train_accuracy', 'test_loss', 'test_accuracy'];
  const names: string[] = [];
  if (config.eval.noise !== 'on') names.push(...base);
  if (config.eval.noise !== 'off') names.push(...base.map((m) => `${m}_noisy`));
  return names;
}
