/**
 * The fused engine's conv kernel: forward against tf.conv2d / tf.conv1d on tfjs' cpu backend (same float32 weights
 * and inputs, every padding and stride case here; see grad-check.ts for why not wasm), gradients against central finite differences, and at stride 1 against the
 * gradients of PatchConv, the layer the tfjs engine trains conv stacks with.
 */
import * as tf from '@tensorflow/tfjs';
import { PatchConv } from '../../../../src/engine/tfjs/patch-conv.js';
import { convBackward, convForward } from '../../../../src/engine/fused/layers/conv.js';
import { windowGeometry, type Padding } from '../../../../src/engine/fused/layers/window.js';
import { dot, expectClose, useCpuBackend, numericGrad, wave, wave32 } from './grad-check.js';

interface Case {
  readonly shape: number[];
  readonly k: number;
  readonly stride: number;
  readonly padding: Padding;
  readonly filters: number;
}

const cases: Case[] = [
  { shape: [6, 7, 2], k: 3, stride: 1, padding: 'valid', filters: 3 },
  { shape: [6, 7, 2], k: 3, stride: 1, padding: 'same', filters: 3 },
  { shape: [5, 5, 1], k: 2, stride: 1, padding: 'same', filters: 2 }, // even window: the extra padding goes after
  { shape: [7, 6, 2], k: 3, stride: 2, padding: 'valid', filters: 4 },
  { shape: [7, 6, 2], k: 3, stride: 2, padding: 'same', filters: 4 },
  { shape: [6, 6, 3], k: 2, stride: 3, padding: 'same', filters: 1 },
  { shape: [9, 2], k: 3, stride: 1, padding: 'valid', filters: 5 }, // conv1d
  { shape: [9, 2], k: 4, stride: 1, padding: 'same', filters: 3 },
  { shape: [9, 3], k: 3, stride: 2, padding: 'same', filters: 2 },
];

const ROWS = 2;
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

describe('fused layers: conv', () => {
  useCpuBackend();
  for (const cs of cases) {
    const name = `conv${cs.shape.length - 1}d ${cs.shape.join('×')} k=${cs.k} s=${cs.stride} ${cs.padding} → ${cs.filters}`;
    const g = windowGeometry(cs.shape, cs.k, cs.stride, cs.padding);
    const C = cs.shape[cs.shape.length - 1]!;
    const kernelShape = cs.shape.length === 2 ? [cs.k, C, cs.filters] : [cs.k, cs.k, C, cs.filters];
    const outShape = cs.shape.length === 2 ? [g.outW, cs.filters] : [g.outH, g.outW, cs.filters];
    const x = wave(ROWS * size(cs.shape), 0.3);
    const kernel = wave32(size(kernelShape), 1.1);
    const bias = wave32(cs.filters, 2.0);
    const outLength = ROWS * size(outShape);
    const dOut = wave(outLength, 0.7);
    const forward = () => {
      const out = new Float64Array(outLength);
      convForward(g, cs.filters, x, ROWS, kernel, bias, out);
      return out;
    };

    it(`${name}: forward as tf.conv`, () => {
      const got = forward();
      const want = tf.tidy(() => {
        const input = tf.tensor(Float32Array.from(x), [ROWS, ...cs.shape]);
        const k = tf.tensor(kernel, kernelShape);
        const conv = cs.shape.length === 2 ? tf.conv1d(input as tf.Tensor3D, k as tf.Tensor3D, cs.stride, cs.padding) : tf.conv2d(input as tf.Tensor4D, k as tf.Tensor4D, cs.stride, cs.padding);
        return tf.add(conv, tf.tensor1d(bias)).dataSync();
      });
      expectClose(got, want, 1e-5, 'out');
    });

    it(`${name}: gradients as finite differences`, () => {
      const gKernel = new Float64Array(kernel.length);
      const gBias = new Float64Array(bias.length);
      const dX = new Float64Array(x.length);
      forward();
      convBackward(g, cs.filters, x, dOut, ROWS, kernel, gKernel, gBias, dX);
      const loss = () => dot(forward(), dOut);
      expectClose(gKernel, numericGrad(kernel, loss), 1e-6, 'dL/dkernel');
      expectClose(gBias, numericGrad(bias, loss), 1e-6, 'dL/dbias');
      expectClose(dX, numericGrad(x, loss), 1e-6, 'dL/dx');
      // Without dX the parameter gradients are the same.
      const again = new Float64Array(kernel.length);
      convBackward(g, cs.filters, x, dOut, ROWS, kernel, again, gBias, null);
      expectClose(again, gKernel, 0, 'dL/dkernel without dX');
    });

    if (cs.stride === 1) {
      it(`${name}: gradients as the tfjs engine's PatchConv`, () => {
        const gKernel = new Float64Array(kernel.length);
        const gBias = new Float64Array(bias.length);
        const dX = new Float64Array(x.length);
        convBackward(g, cs.filters, x, dOut, ROWS, kernel, gKernel, gBias, dX);
        const rank = cs.shape.length === 2 ? 1 : 2;
        const layer = new PatchConv({ rank, filters: cs.filters, kernelSize: cs.k, padding: cs.padding, weights: [tf.tensor(kernel, kernelShape), tf.tensor1d(bias)] });
        const input = tf.tensor(Float32Array.from(x), [ROWS, ...cs.shape]);
        layer.apply(input);
        const [k, b] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
        const loss = () => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, tf.tensor(Float32Array.from(dOut), [ROWS, ...outShape]))) as tf.Scalar;
        const { grads } = tf.variableGrads(loss, [k!, b!]);
        expectClose(gKernel, grads[k!.name]!.dataSync(), 1e-5, 'dL/dkernel');
        expectClose(gBias, grads[b!.name]!.dataSync(), 1e-5, 'dL/dbias');
        const dInput = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(layer.apply(t) as tf.Tensor, tf.tensor(Float32Array.from(dOut), [ROWS, ...outShape]))))(input);
        expectClose(dX, dInput.dataSync(), 1e-5, 'dL/dx');
        layer.dispose();
      });
    }
  }
});
