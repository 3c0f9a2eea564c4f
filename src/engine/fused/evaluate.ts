/**
 * End-of-training (and learning-curve) evaluation of a fused network, as the tfjs engine evaluates:
 * noise off gives train/test loss and accuracy (Keras' evaluate); noise on gives the same with suffix `_noisy`,
 * each the mean over `eval.samples` forward passes with the training noise active, drawn from a fresh
 * STREAM.evalNoise generator per evaluation (train set's samples first, then the test set's; each pass draws a
 * whole set per site in the order noise-plan.ts documents).
 */
import type { EvalSpec } from '../../config/schema.js';
import type { Dataset } from '../../data/dataset.js';
import { binaryMetrics } from '../metrics.js';
import { STREAM, Xoshiro128 } from '../rng/xoshiro128.js';
import type { Net } from './net.js';

/** Evaluates a network on a dataset; reuse one per run (it keeps index and output views). */
export class Evaluator {
  private readonly identity: Int32Array;
  private readonly sets: readonly { name: string; x: Float32Array; y: Float32Array; predictions: Float64Array }[];

  constructor(
    private readonly net: Net,
    data: Dataset,
    private readonly spec: EvalSpec,
    /** Seed of the run's noise source: noisy evaluation draws from its STREAM.evalNoise generator. */
    private readonly noiseSeed: number,
  ) {
    const rows = Math.max(data.nTrain, data.nTest);
    this.identity = new Int32Array(rows);
    for (let i = 0; i < rows; i++) this.identity[i] = i;
    this.sets = [
      { name: 'train', x: data.xTrain, y: data.yTrain, predictions: net.output.subarray(0, data.nTrain) },
      { name: 'test', x: data.xTest, y: data.yTest, predictions: net.output.subarray(0, data.nTest) },
    ];
  }

  /** Metrics in the order metricNames() lists them. */
  evaluate(): Record<string, number> {
    const out: Record<string, number> = {};
    const { net, identity, spec } = this;
    if (spec.noise !== 'on') {
      for (const set of this.sets) {
        net.forward(set.x, identity, 0, set.y.length, null);
        const m = binaryMetrics(set.predictions, set.y);
        out[`${set.name}_loss`] = m.loss;
        out[`${set.name}_accuracy`] = m.accuracy;
      }
    }
    if (spec.noise !== 'off') {
      const rng = Xoshiro128.fromSeed(this.noiseSeed, STREAM.evalNoise);
      for (const set of this.sets) {
        let loss = 0;
        let accuracy = 0;
        for (let s = 0; s < spec.samples; s++) {
          net.forward(set.x, identity, 0, set.y.length, rng);
          const m = binaryMetrics(set.predictions, set.y);
          loss += m.loss / spec.samples;
          accuracy += m.accuracy / spec.samples;
        }
        out[`${set.name}_loss_noisy`] = loss;
        out[`${set.name}_accuracy_noisy`] = accuracy;
      }
    }
    return out;
  }
}
