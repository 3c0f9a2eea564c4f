/**
 * The fused engine's pooling kernels: forward against tf.maxPool / tf.avgPool (the ops behind Keras' and the
 * tfjs engine's pooling layers; 1-d pooling as 2-d with height 1, as tfjs-layers computes it), gradients against
 * tfjs' gradients of the same ops (cpu backend, see grad-check.ts) and against central finite differences (inputs
 * without ties).
 */
import * as tf from '@tensorflow/tfjs';
import { avgPoolBackward, avgPoolForward, maxPoolBackward, maxPoolForward } from '../../../../src/engine/fused/layers/pool.js';
import { windowGeometry, type Padding } from '../../../../src/engine/fused/layers/window.js';
import { dot, expectClose, useCpuBackend, numericGrad, wave } from './grad-check.js';

interface Case {
  readonly shape: number[];
  readonly size: number;
  readonly stride: number;
  readonly padding: Padding;
}

const cases: Case[] = [
  { shape: [10, 10, 8], size: 2, stride: 2, padding: 'valid' }, // the CNN examples' pool
  { shape: [5, 7, 2], size: 2, stride: 2, padding: 'valid' },
  { shape: [5, 7, 2], size: 2, stride: 2, padding: 'same' },
  { shape: [6, 6, 1], size: 3, stride: 1, padding: 'valid' }, // overlapping windows
  { shape: [6, 5, 2], size: 3, stride: 2, padding: 'same' },
  { shape: [9, 3], size: 2, stride: 2, padding: 'valid' }, // 1-d
  { shape: [9, 3], size: 3, stride: 2, padding: 'same' },
];

const ROWS = 2;
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

describe('fused layers: pooling', () => {
  useCpuBackend();
  for (const cs of cases) {
    const g = windowGeometry(cs.shape, cs.size, cs.stride, cs.padding);
    const outShape = cs.shape.length === 2 ? [g.outW, g.channels] : [g.outH, g.outW, g.channels];
    const x = wave(ROWS * size(cs.shape), 0.4);
    const outLength = ROWS * size(outShape);
    const dOut = wave(outLength, 1.9);
    // tf.maxPool / tf.avgPool take 4-d inputs: 1-d rows as [1, steps, channels] images.
    const image = cs.shape.length === 2 ? [1, ...cs.shape] : cs.shape;
    const window: [number, number] = cs.shape.length === 2 ? [1, cs.size] : [cs.size, cs.size];
    const strides: [number, number] = cs.shape.length === 2 ? [1, cs.stride] : [cs.stride, cs.stride];

    for (const kind of ['max', 'avg'] as const) {
      const name = `${kind}Pool ${cs.shape.join('×')} size ${cs.size} stride ${cs.stride} ${cs.padding}`;
      const argmax = new Int32Array(outLength);
      const forward = () => {
        const out = new Float64Array(outLength);
        if (kind === 'max') maxPoolForward(g, x, ROWS, out, argmax);
        else avgPoolForward(g, x, ROWS, out);
        return out;
      };
      const backward = () => {
        const dX = new Float64Array(x.length);
        if (kind === 'max') maxPoolBackward(g, dOut, ROWS, argmax, dX);
        else avgPoolBackward(g, dOut, ROWS, dX);
        return dX;
      };
      const op = (t: tf.Tensor) => {
        const t4 = tf.reshape(t, [ROWS, image[0]!, image[1]!, image[2]!]) as tf.Tensor4D;
        return kind === 'max' ? tf.maxPool(t4, window, strides, cs.padding) : tf.avgPool(t4, window, strides, cs.padding);
      };

      it(`${name}: forward and dL/dx as tfjs`, () => {
        const got = forward();
        const input = tf.tensor(Float32Array.from(x), [ROWS, ...cs.shape]);
        expectClose(got, op(input).dataSync(), 1e-6, 'out');
        // tfjs' avgPool gradient divides by the whole window even where same padding cuts it (its forward
        // pass divides by the cells inside), so it is not the gradient of its own forward pass there; the
        // finite differences below check that case.
        if (kind === 'avg' && cs.padding === 'same') return;
        const seed = tf.tensor(Float32Array.from(dOut), [ROWS, g.outH, g.outW, g.channels]);
        const dInput = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(op(t), seed)))(input);
        expectClose(backward(), dInput.dataSync(), 1e-6, 'dL/dx');
      });

      it(`${name}: dL/dx as finite differences`, () => {
        forward();
        const dX = backward();
        expectClose(dX, numericGrad(x, () => dot(forward(), dOut), 2 ** -14), 1e-6, 'dL/dx');
      });
    }
  }
});
