/**
 * End-of-training (and learning-curve) evaluation of a fused network, as the tfjs engine evaluates:
 * noise off gives train/test loss and accuracy (mse and mae for regression: metrics.ts taskMetrics, Keras'
 * evaluate); noise on gives the same with suffix `_noisy`, each the mean over `eval.samples` forward passes with
 * the training noise active, drawn from a fresh STREAM.evalNoise generator per evaluation (train set's samples
 * first, then the test set's; each pass draws a whole set per site in the order noise-plan.ts and
 * plan/build.ts document).
 */
import type { EvalSpec, Task } from '../../config/schema.js';
import type { Dataset } from '../../data/dataset.js';
import { taskMetrics } from '../metrics.js';
import { STREAM, Xoshiro128 } from '../rng/xoshiro128.js';
import type { Trainable } from './trainable.js';

/** Evaluates a network on a dataset; reuse one per run (it keeps index and output views). */
export class Evaluator {
  private readonly identity: Int32Array;
  private readonly sets: readonly { name: string; x: Float32Array; y: Float32Array; predictions: Float64Array }[];

  constructor(
    private readonly net: Trainable,
    data: Dataset,
    private readonly spec: EvalSpec,
    /** Seed of the run's noise source: noisy evaluation draws from its STREAM.evalNoise generator. */
    private readonly noiseSeed: number,
    private readonly task: Task = 'binary',
  ) {
    const rows = Math.max(data.nTrain, data.nTest);
    this.identity = new Int32Array(rows);
    for (let i = 0; i < rows; i++) this.identity[i] = i;
    this.sets = [
      { name: 'train', x: data.xTrain, y: data.yTrain, predictions: net.output.subarray(0, data.nTrain * net.outputs) },
      { name: 'test', x: data.xTest, y: data.yTest, predictions: net.output.subarray(0, data.nTest * net.outputs) },
    ];
  }

  /** Metrics in the order metricNames() lists them. */
  evaluate(): Record<string, number> {
    const out: Record<string, number> = {};
    const { net, identity, spec } = this;
    if (spec.noise !== 'on') {
      for (const set of this.sets) {
        net.forward(set.x, identity, 0, set.y.length, null);
        for (const [metric, value] of Object.entries(this.score(set.predictions, set.y))) out[`${set.name}_${metric}`] = value;
      }
    }
    if (spec.noise !== 'off') {
      const rng = Xoshiro128.fromSeed(this.noiseSeed, STREAM.evalNoise);
      for (const set of this.sets) {
        // Summed as the tfjs engine sums them, value / samples at a time.
        const sums: Record<string, number> = {};
        for (let s = 0; s < spec.samples; s++) {
          net.forward(set.x, identity, 0, set.y.length, rng);
          for (const [metric, value] of Object.entries(this.score(set.predictions, set.y))) sums[metric] = (sums[metric] ?? 0) + value / spec.samples;
        }
        for (const [metric, value] of Object.entries(sums)) out[`${set.name}_${metric}_noisy`] = value;
      }
    }
    return out;
  }

  private score(p: Float64Array, y: Float32Array): Record<string, number> {
    return taskMetrics(this.task, p, y, this.net.outputs);
  }
}
