/**
 * The tutorial's network as a tfjs Sequential model, with noise sites where the config puts them:
 *   [input noise] → Dense(h) → [pre noise] → activation → [post noise] → ... → Dense(1) → sigmoid.
 * Dense and activation are separate layers so `pre` noise can sit between them, as in the tutorial's
 * `Dense(500) → GaussianNoise(0.1) → Activation('relu')`. Weights come from the shared initializer.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../config/schema.js';
import { initialDenseWeights } from '../init.js';
import { NoiseSource, SeededGaussianNoise } from './seeded-noise.js';

export function buildDenseModel(config: RunConfig, nFeatures: number, seed: number, source: NoiseSource): tf.Sequential {
  const stddevAt = new Map(config.noise.sites.map((s) => [s.placement, s.stddev]));
  const model = tf.sequential();
  let first = true;
  const inputShape = () => (first ? ((first = false), { inputShape: [nFeatures] }) : {});
  const noise = (placement: 'input' | 'pre' | 'post', name: string) => {
    const stddev = stddevAt.get(placement);
    if (stddev !== undefined) model.add(new SeededGaussianNoise({ stddev, source, name, ...inputShape() }));
  };
  noise('input', 'noise_input');
  config.model.hidden.forEach((units, i) => {
    model.add(tf.layers.dense({ units, activation: 'linear', name: `dense_${i}`, ...inputShape() }));
    noise('pre', `noise_pre_${i}`);
    model.add(tf.layers.activation({ activation: config.model.activation, name: `activation_${i}` }));
    noise('post', `noise_post_${i}`);
  });
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'output' }));

  const sizes = [nFeatures, ...config.model.hidden, 1];
  const { kernels, biases } = initialDenseWeights(sizes, seed);
  const dense = model.layers.filter((l) => l.getClassName() === 'Dense');
  dense.forEach((layer, i) => {
    layer.setWeights([tf.tensor2d(kernels[i]!, [sizes[i]!, sizes[i + 1]!]), tf.tensor1d(biases[i]!)]);
  });
  return model;
}
