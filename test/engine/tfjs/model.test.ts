/**
 * The layer stack's handling of step masks on padded sequences, checked by replaying the noise by hand:
 * the same seed gives the same block of draws D, so a noisy training pass over x must equal a noiseless pass
 * over the input the noise layer should have produced. With noise.mask on that is where(mask, x + D, x) (the
 * masking layer then still finds the padding and the LSTM skips it, as in Keras); with it off, x + D (the
 * padding is noisy, so the masking layer no longer finds it).
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import type { LayerSpec, NoiseSite } from '../../../src/config/schema.js';
import { STREAM, Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { buildModel, type StackModel } from '../../../src/engine/tfjs/model.js';
import { NoiseSource } from '../../../src/engine/tfjs/seeded-noise.js';
import { useWorkerBackend } from './backend.js';
import { tinyConfig } from './configs.js';

const SEQUENCES = { generator: 'sequences', samples: 10, seed: 1, length: 5, minLength: 1, features: 2, trainSize: 5 } as const;
const LAYERS: LayerSpec[] = [{ type: 'masking', maskValue: 0 }, { type: 'lstm', units: 3, returnSequences: false }];
const SEED = 11;

/** Two rows of 5 steps × 2 features: 3 real steps then padding, and 5 real steps. */
const x = () => tf.tensor3d([[[0.5, -1], [1, 0.25], [-0.5, 2], [0, 0], [0, 0]], [[1, 1], [-1, 0.5], [0.5, 0.5], [2, -1], [0.25, 0.75]]]);
const realSteps = () => tf.tensor3d([[[1], [1], [1], [0], [0]], [[1], [1], [1], [1], [1]]]).cast('bool');

function model(site: NoiseSite, mask: boolean, source: NoiseSource): StackModel {
  return buildModel(tinyConfig({ data: SEQUENCES, layers: LAYERS, sites: [site], mask }), [5, 2], 1, SEED, source);
}

const freshSource = () => new NoiseSource(Xoshiro128.fromSeed(SEED, STREAM.noise));
const out = (m: StackModel, input: tf.Tensor, training: boolean) => Array.from(m.apply(input, training).dataSync());

describe('layer stack: noise on padded sequences', () => {
  useWorkerBackend();
  const input = { placement: 'input', stddev: 1 } as const;

  it('noise.mask on: input noise leaves the padding at 0, so the LSTM still skips it', () => {
    const m = model(input, true, freshSource());
    const draws = freshSource().draw([2, 5, 2], 1);
    const expected = out(m, tf.where(realSteps(), tf.add(x(), draws), x()), false);
    expect(out(m, x(), true)).to.deep.equal(expected);
  });

  it('noise.mask off: input noise lands on the padding too, which the masking layer then takes for data', () => {
    const m = model(input, false, freshSource());
    const draws = freshSource().draw([2, 5, 2], 1);
    const expected = out(m, tf.add(x(), draws), false);
    expect(out(m, x(), true)).to.deep.equal(expected);
    const kept = model(input, true, freshSource());
    expect(out(m, x(), true)[0]).to.not.equal(out(kept, x(), true)[0]);
  });

  it('noise after the masking layer cannot reach the LSTM through the padding, mask or not', () => {
    const after = { placement: 'post', stddev: 1, layer: 0 } as const;
    expect(out(model(after, false, freshSource()), x(), true)).to.deep.equal(out(model(after, true, freshSource()), x(), true));
    expect(out(model(after, true, freshSource()), x(), true)).to.not.deep.equal(out(model(after, true, freshSource()), x(), false));
  });

  it('puts `hidden` pre and post noise at every hidden layer: two of each for two layers', () => {
    const config = tinyConfig({ hidden: [3, 3], sites: [{ placement: 'pre', stddev: 1 }, { placement: 'post', stddev: 1 }] });
    const source = freshSource();
    const m = buildModel(config, [2], 1, SEED, source);
    m.apply(tf.ones([4, 2]), true);
    const expected = freshSource();
    expected.draw([4 * 3 * 4], 1); // pre_0, post_0, pre_1, post_1: four blocks of 4 rows × 3 units
    expect(source.rng.nextUint32()).to.equal(expected.rng.nextUint32());
  });
});
