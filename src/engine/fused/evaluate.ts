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

interface EvalSet {
  readonly name: string;
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** The whole set's predictions, when they come in several passes. */
  whole?: Float64Array;
}

/** Evaluates a network on a dataset; reuse one per run (it keeps index and output views). */
export class Evaluator {
  private readonly identity: Int32Array;
  private readonly sets: readonly EvalSet[];

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
      { name: 'train', x: data.xTrain, y: data.yTrain },
      { name: 'test', x: data.xTest, y: data.yTest },
    ];
  }

  /** Metrics in the order metricNames() lists them. */
  evaluate(): Record<string, number> {
    const out: Record<string, number> = {};
    const { spec } = this;
    if (spec.noise !== 'on') {
      for (const set of this.sets) {
        for (const [metric, value] of Object.entries(this.score(this.predict(set, null), set.y))) out[`${set.name}_${metric}`] = value;
      }
    }
    if (spec.noise !== 'off') {
      const rng = Xoshiro128.fromSeed(this.noiseSeed, STREAM.evalNoise);
      for (const set of this.sets) {
        // Summed as the tfjs engine sums them, value / samples at a time.
        const sums: Record<string, number> = {};
        for (let s = 0; s < spec.samples; s++) {
          for (const [metric, value] of Object.entries(this.score(this.predict(set, rng), set.y))) sums[metric] = (sums[metric] ?? 0) + value / spec.samples;
        }
        for (const [metric, value] of Object.entries(sums)) out[`${set.name}_${metric}_noisy`] = value;
      }
    }
    return out;
  }

  /**
   * Predictions for a whole set: one pass, as the tfjs engine makes it, or, when the set has more rows than a
   * pass takes, passes of net.maxRows rows copied into one array. Only noise-off passes are split (a split
   * pass gives the same numbers: rows do not interact); a noisy pass draws each site's block for the whole
   * set, so the network is built to take whole sets when eval.noise asks for noise.
   */
  private predict(set: EvalSet, rng: Xoshiro128 | null): Float64Array {
    const { net, identity } = this;
    const n = set.y.length;
    const k = net.outputs;
    if (n <= net.maxRows) {
      net.forward(set.x, identity, 0, n, rng);
      return net.output.subarray(0, n * k);
    }
    if (rng !== null) throw new Error(`Evaluator: a noisy pass over ${n} rows needs a network that takes them at once (it takes ${net.maxRows})`);
    set.whole ??= new Float64Array(n * k);
    for (let start = 0; start < n; start += net.maxRows) {
      const count = Math.min(net.maxRows, n - start);
      net.forward(set.x, identity, start, count, null);
      set.whole.set(net.output.subarray(0, count * k), start * k);
    }
    return set.whole;
  }

  private score(p: Float64Array, y: Float32Array): Record<string, number> {
    return taskMetrics(this.task, p, y, this.net.outputs);
  }
}
