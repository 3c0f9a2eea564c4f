/**
 * The fused engine's chain of layer kernels, one case per layer kind (and head, and noise kind), each run
 * through a whole network:
 *  - forward, from the same initial weights: the tfjs engine's stack (tfjs/model.ts, cpu backend) gives the
 *    same predictions, with noise off and, drawing the same numbers from the same seed, with noise on;
 *  - backward: the chain's parameter gradients equal tfjs' autodiff gradients of the same loss and central
 *    finite differences of the chain's own loss (heads.ts), in a training pass whose noise is redrawn from
 *    the same seed for every evaluation (except where same padding cuts an average pool's windows: there
 *    tfjs' gradient, which the chain follows, is not that of the loss; test/engine/fused/layers/pool.test.ts).
 * Activations are smooth (tanh, sigmoid, selu) or ReLU-free where finite differences would cross a kink.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import type { LayerSpec, NoiseSite, RunConfig, Task } from '../../../../src/config/schema.js';
import { ChainNet } from '../../../../src/engine/fused/plan/chain-net.js';
import { STREAM, Xoshiro128 } from '../../../../src/engine/rng/xoshiro128.js';
import { buildModel } from '../../../../src/engine/tfjs/model.js';
import { NoiseSource } from '../../../../src/engine/tfjs/seeded-noise.js';
import { tinyConfig } from '../../tfjs/configs.js';
import { expectClose, numericGrad, useCpuBackend, wave32 } from '../layers/grad-check.js';

interface Case {
  readonly name: string;
  readonly input: number[];
  readonly layers?: LayerSpec[];
  readonly hidden?: number[];
  readonly task?: Task;
  readonly outputs?: number;
  readonly loss?: 'mse' | 'mae';
  readonly kind?: RunConfig['noise']['kind'];
  readonly sites?: NoiseSite[];
  readonly mask?: boolean;
  /** Zero (padding) steps at the end of each row: the last `pad[r]` steps of row r. */
  readonly pad?: number[];
  /**
   * An average pool whose windows same padding cuts: tfjs' gradient there divides by the whole window
   * (layers/pool.ts), so the chain's gradients equal tfjs' and differ from finite differences of the loss.
   */
  readonly cutAverage?: true;
}

const ROWS = 5;
const SEED = 5;
const dense = (units: number, activation: 'tanh' | 'sigmoid' | 'selu' | 'linear' | 'relu', name?: string): LayerSpec => ({ type: 'dense', units, activation, ...(name ? { name } : {}) });

const CASES: Case[] = [
  { name: 'dense (tanh, sigmoid), binary head', input: [3], layers: [dense(4, 'tanh'), dense(3, 'sigmoid')] },
  { name: 'model.hidden with input, pre and post noise (gaussian)', input: [3], hidden: [4, 3], sites: [{ placement: 'input', stddev: 0.3 }, { placement: 'pre', stddev: 0.2 }, { placement: 'post', stddev: 0.1 }] },
  { name: 'dense selu, softmax head (multiclass)', input: [3], layers: [dense(6, 'selu')], task: 'multiclass', outputs: 3 },
  { name: 'dense linear, regression head (mse)', input: [4], layers: [dense(5, 'tanh'), dense(3, 'linear')], task: 'regression', loss: 'mse' },
  { name: 'regression head (mae)', input: [4], layers: [dense(5, 'tanh')], task: 'regression', loss: 'mae' },
  { name: 'activation and dropout layers, gaussianDropout at post', input: [3], layers: [dense(5, 'linear'), { type: 'activation', activation: 'tanh' }, { type: 'dropout', rate: 0.3 }, dense(4, 'sigmoid')], kind: 'gaussianDropout', sites: [{ placement: 'post', stddev: Math.sqrt(0.25 / 0.75), rate: 0.25, layer: 3 }] },
  { name: 'alphaDropout at input and pre (selu)', input: [3], layers: [dense(5, 'selu')], kind: 'alphaDropout', sites: [{ placement: 'input', stddev: 0.5, rate: 0.2 }, { placement: 'pre', stddev: 0.5, rate: 0.2, layer: 0 }] },
  { name: 'dropout noise kind at post', input: [3], layers: [dense(6, 'tanh')], kind: 'dropout', sites: [{ placement: 'post', stddev: 0.5, rate: 0.2, layer: 0 }] },
  {
    name: 'conv2d valid → maxPooling2d → flatten → dense (multiclass), noise after pooling',
    input: [6, 6, 2],
    layers: [{ type: 'conv2d', filters: 3, kernelSize: 3, padding: 'valid', activation: 'tanh' }, { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' }, { type: 'flatten' }, dense(4, 'tanh')],
    task: 'multiclass',
    outputs: 3,
    sites: [{ placement: 'post', stddev: 0.2, layer: 1 }],
  },
  {
    name: 'conv2d same (even kernel) → maxPooling2d same, stride 1 → flatten, pre noise on the conv',
    input: [5, 4, 1],
    layers: [{ type: 'conv2d', filters: 2, kernelSize: 2, padding: 'same', activation: 'sigmoid' }, { type: 'maxPooling2d', poolSize: 3, strides: 1, padding: 'same' }, { type: 'flatten' }],
    sites: [{ placement: 'pre', stddev: 0.3, layer: 0 }],
  },
  {
    name: 'conv1d same → maxPooling1d valid, stride 2 → conv1d valid → flatten',
    input: [9, 2],
    layers: [{ type: 'conv1d', filters: 3, kernelSize: 3, padding: 'same', activation: 'tanh' }, { type: 'maxPooling1d', poolSize: 2, strides: 2, padding: 'valid' }, { type: 'conv1d', filters: 2, kernelSize: 2, padding: 'valid', activation: 'selu' }, { type: 'flatten' }],
    task: 'regression',
    loss: 'mse',
  },
  {
    name: 'conv2d valid → averagePooling2d → flatten → dense (multiclass), noise after pooling',
    input: [6, 6, 2],
    layers: [{ type: 'conv2d', filters: 3, kernelSize: 3, padding: 'valid', activation: 'tanh' }, { type: 'averagePooling2d', poolSize: 2, strides: 2, padding: 'valid' }, { type: 'flatten' }, dense(4, 'tanh')],
    task: 'multiclass',
    outputs: 3,
    sites: [{ placement: 'post', stddev: 0.2, layer: 1 }],
  },
  {
    name: 'conv1d same → averagePooling1d valid, overlapping windows → flatten (regression)',
    input: [9, 2],
    layers: [{ type: 'conv1d', filters: 3, kernelSize: 3, padding: 'same', activation: 'selu' }, { type: 'averagePooling1d', poolSize: 3, strides: 2, padding: 'valid' }, { type: 'flatten' }],
    task: 'regression',
    loss: 'mse',
  },
  {
    name: 'conv2d same → averagePooling2d same, windows cut at the edges → flatten, pre noise on the conv',
    input: [5, 4, 1],
    layers: [{ type: 'conv2d', filters: 2, kernelSize: 2, padding: 'same', activation: 'sigmoid' }, { type: 'averagePooling2d', poolSize: 3, strides: 2, padding: 'same' }, { type: 'flatten' }],
    sites: [{ placement: 'pre', stddev: 0.3, layer: 0 }],
    cutAverage: true,
  },
  {
    name: 'masking → lstm (every step) → lstm, padded rows, input noise kept off the padding',
    input: [5, 2],
    layers: [{ type: 'masking', maskValue: 0 }, { type: 'lstm', units: 3, returnSequences: true }, { type: 'lstm', units: 2, returnSequences: false }],
    sites: [{ placement: 'input', stddev: 0.5 }, { placement: 'post', stddev: 0.3, layer: 1 }],
    mask: true,
    pad: [0, 2, 4, 1, 3],
  },
  {
    name: 'masking → dense on steps → lstm, noise.mask false (padding gets noise), multiclass',
    input: [4, 2],
    layers: [{ type: 'masking', maskValue: 0 }, dense(3, 'tanh'), { type: 'lstm', units: 3, returnSequences: false }],
    sites: [{ placement: 'input', stddev: 0.5 }, { placement: 'pre', stddev: 0.2, layer: 1 }],
    mask: false,
    task: 'multiclass',
    outputs: 3,
    pad: [1, 0, 2, 3, 0],
  },
];

function configOf(c: Case): RunConfig {
  const base = tinyConfig({ ...(c.layers ? { layers: c.layers } : { hidden: c.hidden! }), ...(c.task ? { task: c.task } : {}), ...(c.loss ? { loss: c.loss } : {}), kind: c.kind ?? 'gaussian', sites: c.sites ?? [], ...(c.mask !== undefined ? { mask: c.mask } : {}) });
  return { ...base, model: { ...base.model, ...(c.layers ? { inputShape: c.input } : {}) }, train: { ...base.train, engine: 'fused' } };
}

/** Rows of test inputs (padding steps set to 0) and labels for the case's task. */
function dataOf(c: Case): { x: Float32Array; y: Float32Array } {
  const size = c.input.reduce((a, b) => a * b, 1);
  const x = wave32(ROWS * size, 0.4);
  if (c.pad) {
    const [steps] = c.input as [number];
    const perStep = size / steps;
    c.pad.forEach((n, r) => x.fill(0, r * size + (steps - n) * perStep, (r + 1) * size));
  }
  const y = Float32Array.from({ length: ROWS }, (_, r) => (c.task === 'regression' ? 0.7 * r - 1.1 : c.task === 'multiclass' ? r % (c.outputs ?? 2) : r % 2));
  return { x, y };
}

const order = Int32Array.from({ length: ROWS }, (_, r) => r);
const noiseRng = () => Xoshiro128.fromSeed(SEED, STREAM.noise);

function tfjsLoss(task: Task, loss: 'mse' | 'mae' | undefined): (y: tf.Tensor, p: tf.Tensor) => tf.Tensor {
  if (task === 'binary') return tf.metrics.binaryCrossentropy;
  if (task === 'multiclass') return tf.metrics.categoricalCrossentropy;
  return loss === 'mae' ? tf.metrics.meanAbsoluteError : tf.metrics.meanSquaredError;
}

describe('fused plan: the chain of layer kernels', () => {
  useCpuBackend();

  for (const c of CASES) {
    describe(c.name, () => {
      const config = configOf(c);
      const outputs = c.outputs ?? 1;
      const task = c.task ?? 'binary';
      const { x, y } = dataOf(c);
      const net = new ChainNet({ config, input: c.input, outputs, initSeed: SEED, maxRows: ROWS });
      const lossAt = (noisy: boolean) => {
        net.forward(x, order, 0, ROWS, noisy ? noiseRng() : null);
        return net.plan.head.loss(net.output, ROWS, y, order, 0);
      };

      it('forward: the tfjs stack\'s outputs from the same weights, noise off and on (same draws)', () => {
        const source = new NoiseSource(noiseRng());
        const model = buildModel(config, c.input, outputs, SEED, source);
        try {
          const input = tf.tensor(x, [ROWS, ...c.input]);
          net.forward(x, order, 0, ROWS, null);
          const apply = (training: boolean) => tf.tidy(() => model.apply(input, training)).dataSync();
          expectClose(net.output.subarray(0, ROWS * outputs), apply(false), 2e-6, 'noise off');
          if (config.noise.sites.length > 0 || c.layers?.some((l) => l.type === 'dropout')) {
            net.forward(x, order, 0, ROWS, noiseRng());
            const noisy = Float64Array.from(net.output.subarray(0, ROWS * outputs));
            expectClose(noisy, apply(true), 2e-6, 'noise on');
            net.forward(x, order, 0, ROWS, null);
            expect(Array.from(noisy), 'the noise changes the outputs').to.not.deep.equal(Array.from(net.output.subarray(0, ROWS * outputs)));
          }
          input.dispose();
        } finally {
          model.dispose();
        }
      });

      it('backward: tfjs\' gradients and finite differences of the training loss', () => {
        net.forward(x, order, 0, ROWS, noiseRng());
        net.backward(y, order, 0);
        const grads = Float64Array.from(net.grads);
        expect(grads.some((g) => g !== 0)).to.equal(true);

        const model = buildModel(config, c.input, outputs, SEED, new NoiseSource(noiseRng()));
        try {
          const loss = tfjsLoss(task, c.loss);
          const input = tf.tensor(x, [ROWS, ...c.input]);
          const labels = task === 'multiclass' ? tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), outputs).toFloat()) : tf.tensor2d(y, [ROWS, 1]);
          const { value, grads: g } = tf.variableGrads(() => tf.mean(loss(labels, model.apply(input, true))) as tf.Scalar, model.variables);
          // model.variables lists each layer's weights in the order the plan lays them out.
          const want = model.variables.flatMap((v) => Array.from(g[v.name]!.dataSync()));
          expectClose(grads, want, 2e-6, 'tfjs gradients');
          tf.dispose([input, labels, value, ...Object.values(g)]);
        } finally {
          model.dispose();
        }
        const numeric = numericGrad(net.params, () => lossAt(true), 2 ** -12);
        if (c.cutAverage) expect(grads.some((g, i) => Math.abs(g - numeric[i]!) > 1e-4), 'tfjs\' gradient at cut windows').to.equal(true);
        else expectClose(grads, numeric, 2e-6, 'finite differences');
      });
    });
  }
});
