/**
 * The fused engine's pooling kernels: forward against tf.maxPool / tf.avgPool (the ops behind Keras' and the
 * tfjs engine's pooling layers; 1-d pooling as 2-d with height 1, as tfjs-layers computes it), gradients against
 * tfjs' gradients of the same ops (cpu backend, see grad-check.ts) and against central finite differences (inputs
 * without ties). Where same padding cuts an average's window, tfjs' gradient (which the kernel follows) is that
 * of a forward pass dividing by the whole window (layers/pool.ts), so the finite differences there are of that
 * forward pass, and the test also checks that they differ from those of the real one.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { avgPoolBackward, avgPoolForward, maxPoolBackward, maxPoolForward } from '../../../../src/engine/fused/layers/pool.js';
import { windowGeometry, type Padding, type WindowGeometry } from '../../../../src/engine/fused/layers/window.js';
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
  { shape: [6, 4, 3], size: 2, stride: 2, padding: 'same' }, // same padding whose windows all fit
  { shape: [9, 3], size: 2, stride: 2, padding: 'valid' }, // 1-d
  { shape: [9, 3], size: 3, stride: 2, padding: 'same' },
];

const ROWS = 2;
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Each output's cells inside the image over the window's size kh·kw (1 where the window fits), per output value. */
function insideShare(g: WindowGeometry, rows: number): Float64Array {
  const share = new Float64Array(rows * g.outH * g.outW * g.channels);
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let oy = 0; oy < g.outH; oy++) {
      const h = Math.min(oy * g.sh - g.top + g.kh, g.inH) - Math.max(oy * g.sh - g.top, 0);
      for (let ox = 0; ox < g.outW; ox++) {
        const w = Math.min(ox * g.sw - g.left + g.kw, g.inW) - Math.max(ox * g.sw - g.left, 0);
        share.fill((h * w) / (g.kh * g.kw), o, o + g.channels);
        o += g.channels;
      }
    }
  }
  return share;
}

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
        const seed = tf.tensor(Float32Array.from(dOut), [ROWS, g.outH, g.outW, g.channels]);
        const dInput = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(op(t), seed)))(input);
        expectClose(backward(), dInput.dataSync(), 1e-6, 'dL/dx');
      });

      it(`${name}: dL/dx as finite differences`, () => {
        forward();
        const dX = backward();
        const share = insideShare(g, ROWS);
        const cut = share.some((v) => v !== 1);
        if (kind === 'max' || !cut) {
          expectClose(dX, numericGrad(x, () => dot(forward(), dOut), 2 ** -14), 1e-6, 'dL/dx');
          return;
        }
        // The forward pass tfjs' gradient belongs to: window sums over kh·kw = the average × the share inside.
        const padded = () => dot(forward().map((v, i) => v * share[i]!), dOut);
        expectClose(dX, numericGrad(x, padded, 2 ** -14), 1e-6, 'dL/dx of the padded-divisor average');
        const own = numericGrad(x, () => dot(forward(), dOut), 2 ** -14);
        expect(own.some((v, i) => Math.abs(v - dX[i]!) > 1e-3), 'cut windows change the gradient').to.equal(true);
      });
    }
  }
});
