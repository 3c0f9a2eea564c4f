/**
 * A run's network as a stack of tfjs layers, with noise sites where the config puts them:
 *   [input noise] → layer 0 → ... → layer n-1 → output Dense (sigmoid, softmax or linear by task).
 * Dense and convolution layers are a linear layer and a separate activation layer, so `pre` noise can sit
 * between them, as in the tutorial's `Dense(500) → GaussianNoise(0.1) → Activation('relu')`; `post` noise
 * follows a layer's output. The `hidden: [...]` form is the stack of its dense layers, with `pre` and `post`
 * noise at every one of them.
 *
 * The stack runs its layers one by one (not a tf.Sequential) so it can hand step masks to the layers that use
 * them: the LSTM gets the mask of the masking layer before it (it skips padded steps, as in Keras), and with
 * noise.mask on, noise layers get the mask too (before the masking layer: the mask that layer will compute
 * from the raw input), so they leave padding as it is.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec, NoiseSite, RunConfig } from '../../config/schema.js';
import { hiddenLayers, OUTPUT_ACTIVATION, siteAt } from '../stack.js';
import { initialLayerWeights, type WeightArray } from './init-layers.js';
import { layerShapes } from './layer-shapes.js';
import { noiseLayer } from './noise-layer.js';
import { PatchConv } from './patch-conv.js';
import { SeededDropout } from './seeded-dropout.js';
import type { NoiseSource } from './seeded-noise.js';

/** One step of the stack and what it does to the step mask. */
type Stage =
  | { readonly role: 'noise'; readonly layer: tf.layers.Layer }
  | { readonly role: 'masking'; readonly layer: tf.layers.Layer }
  | { readonly role: 'recurrent'; readonly layer: tf.layers.Layer; readonly keepsSteps: boolean }
  /** keepsSteps: the layer works step by step (dense, activation, dropout), so the mask still applies after it. */
  | { readonly role: 'layer'; readonly layer: tf.layers.Layer; readonly keepsSteps: boolean };

export interface StackModel {
  /** Output of the network for a batch; `training` turns noise (and dropout layers) on. */
  apply(x: tf.Tensor, training: boolean): tf.Tensor;
  /** The trainable variables, for the optimizer. */
  readonly variables: tf.Variable[];
  dispose(): void;
}

function tensors(weights: readonly WeightArray[]): tf.Tensor[] {
  return weights.map((w) => tf.tensor(w.values, w.shape, 'float32'));
}

/** The tfjs layer(s) of one hidden layer: the weighted or plain layer, and its activation when separate. */
function layersOf(spec: LayerSpec, i: number, weights: tf.Tensor[], source: NoiseSource): { main: Stage; activation?: tf.layers.Layer } {
  const name = `${spec.type}_${i}`;
  switch (spec.type) {
    case 'dense':
      return { main: { role: 'layer', layer: tf.layers.dense({ units: spec.units, activation: 'linear', name, weights }), keepsSteps: true }, activation: tf.layers.activation({ activation: spec.activation, name: `activation_${i}` }) };
    case 'conv1d':
    case 'conv2d': {
      const conv = new PatchConv({ rank: spec.type === 'conv1d' ? 1 : 2, filters: spec.filters, kernelSize: spec.kernelSize, padding: spec.padding, name, weights });
      return { main: { role: 'layer', layer: conv, keepsSteps: false }, activation: tf.layers.activation({ activation: spec.activation, name: `activation_${i}` }) };
    }
    case 'maxPooling1d':
      return { main: { role: 'layer', layer: tf.layers.maxPooling1d({ poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding, name }), keepsSteps: false } };
    case 'maxPooling2d':
      return { main: { role: 'layer', layer: tf.layers.maxPooling2d({ poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding, name }), keepsSteps: false } };
    case 'averagePooling1d':
      return { main: { role: 'layer', layer: tf.layers.averagePooling1d({ poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding, name }), keepsSteps: false } };
    case 'averagePooling2d':
      return { main: { role: 'layer', layer: tf.layers.averagePooling2d({ poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding, name }), keepsSteps: false } };
    case 'flatten':
      return { main: { role: 'layer', layer: tf.layers.flatten({ name }), keepsSteps: false } };
    case 'lstm':
      // recurrentActivation: Keras' sigmoid (tfjs defaults to hardSigmoid, Keras 1's choice).
      return { main: { role: 'recurrent', layer: tf.layers.lstm({ units: spec.units, returnSequences: spec.returnSequences, recurrentActivation: 'sigmoid', name, weights }), keepsSteps: spec.returnSequences } };
    case 'dropout':
      return { main: { role: 'layer', layer: new SeededDropout({ rate: spec.rate, source, name }), keepsSteps: true } };
    case 'activation':
      return { main: { role: 'layer', layer: tf.layers.activation({ activation: spec.activation, name }), keepsSteps: true } };
    case 'masking':
      return { main: { role: 'masking', layer: tf.layers.masking({ maskValue: spec.maskValue, name }) } };
  }
}

/**
 * Builds the network of `config` for rows of shape `input` with `outputs` output units, weights from the
 * shared seeded initializer (from `initSeed`), noise drawing from `source`. Layers are built (weights set) before it returns.
 */
export function buildModel(config: RunConfig, input: readonly number[], outputs: number, initSeed: number, source: NoiseSource): StackModel {
  const task = config.model.task ?? 'binary';
  const layers = [...hiddenLayers(config.model), { type: 'dense' as const, units: outputs, activation: 'linear' as const }];
  const shapes = layerShapes(layers.slice(0, -1), input);
  const initial = initialLayerWeights(layers, shapes, initSeed).map(tensors);
  const sites = config.noise.sites;
  const kind = config.noise.kind;
  const stages: Stage[] = [];
  const noise = (site: NoiseSite | undefined, name: string) => {
    if (site) stages.push({ role: 'noise', layer: noiseLayer(kind, site, source, name) });
  };
  noise(siteAt(sites, 'input'), 'noise_input');
  layers.slice(0, -1).forEach((spec, i) => {
    const { main, activation } = layersOf(spec, i, initial[i]!, source);
    stages.push(main);
    if (activation) {
      noise(siteAt(sites, 'pre', i), `noise_pre_${i}`);
      stages.push({ role: 'layer', layer: activation, keepsSteps: true });
    }
    noise(siteAt(sites, 'post', i), `noise_post_${i}`);
  });
  const output = tf.layers.dense({ units: outputs, activation: OUTPUT_ACTIVATION[task], name: 'output', weights: initial[initial.length - 1]! });
  stages.push({ role: 'layer', layer: output, keepsSteps: false });

  const masking = stages.find((s) => s.role === 'masking')?.layer;
  const maskNoise = masking !== undefined && config.noise.mask !== false;

  const apply = (x: tf.Tensor, training: boolean): tf.Tensor =>
    tf.tidy(() => {
      // Noise before the masking layer keeps to the mask that layer will find in the raw input.
      let noiseMask = maskNoise ? (masking!.computeMask(x) as tf.Tensor) : null;
      let stepMask: tf.Tensor | null = null;
      let h = x;
      for (const stage of stages) {
        switch (stage.role) {
          case 'noise':
            h = stage.layer.apply(h, noiseMask ? { training, mask: noiseMask } : { training }) as tf.Tensor;
            break;
          case 'masking':
            stepMask = stage.layer.computeMask(h) as tf.Tensor;
            h = stage.layer.apply(h) as tf.Tensor;
            noiseMask = maskNoise ? stepMask : null;
            break;
          case 'recurrent':
            h = stage.layer.apply(h, stepMask ? { training, mask: stepMask } : { training }) as tf.Tensor;
            if (!stage.keepsSteps) stepMask = noiseMask = null;
            break;
          case 'layer':
            h = stage.layer.apply(h, { training }) as tf.Tensor;
            if (!stage.keepsSteps) stepMask = noiseMask = null;
            break;
        }
      }
      return h;
    });

  // Build every layer now (a forward pass without noise draws nothing), so the optimizer sees all variables.
  tf.tidy(() => {
    apply(tf.zeros([1, ...input]), false);
  });
  for (const weights of initial) for (const t of weights) t.dispose();
  const variables = stages.flatMap((s) => s.layer.trainableWeights.map((w) => w.read() as tf.Variable));
  return {
    apply,
    variables,
    dispose: () => {
      for (const s of stages) s.layer.dispose();
    },
  };
}
