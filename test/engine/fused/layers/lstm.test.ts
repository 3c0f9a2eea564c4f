/**
 * The fused engine's masking and LSTM kernels against tfjs-layers' Masking and LSTM (the tfjs engine's layers:
 * recurrentActivation sigmoid, Keras' gate order; same float32 weights and inputs, cpu backend) with step masks
 * from padding at the end, at the start and in the middle: outputs, weight gradients and input gradients; and
 * against central finite differences.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { lstmBackward, lstmForward, lstmOutputSize, LstmTape, type LstmShape } from '../../../../src/engine/fused/layers/lstm.js';
import { maskingBackward, maskingForward } from '../../../../src/engine/fused/layers/masking.js';
import { dot, expectClose, numericGrad, useCpuBackend, wave, wave32 } from './grad-check.js';

const T = 5;
const F = 2;
const U = 3;
const ROWS = 3;
/** Row 0 unmasked, row 1 padded at the end, row 2 masked at the start and in the middle. */
const MASK = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1]);

/** x with every feature of each masked step set to maskValue. */
function paddedInput(maskValue: number): Float64Array {
  const x = wave(ROWS * T * F, 0.2);
  for (let s = 0; s < ROWS * T; s++) if (MASK[s] === 0) for (let k = 0; k < F; k++) x[s * F + k] = maskValue;
  return x;
}

describe('fused layers: masking', () => {
  useCpuBackend();
  for (const maskValue of [0, -1]) {
    it(`maskValue ${maskValue}: the mask and output of tfjs' Masking; gradients pass on unmasked steps only`, () => {
      const x = paddedInput(maskValue);
      x[1] = maskValue; // one feature at maskValue does not mask its step
      const out = new Float64Array(x.length);
      const mask = new Uint8Array(ROWS * T);
      maskingForward(T, F, maskValue, x, ROWS, out, mask);
      const layer = tf.layers.masking({ maskValue });
      const input = tf.tensor(Float32Array.from(x), [ROWS, T, F]);
      expect(Array.from(mask)).to.deep.equal(Array.from((layer.computeMask(input) as tf.Tensor).dataSync()).map(Number));
      expect(Array.from(mask)).to.deep.equal(Array.from(MASK));
      expectClose(out, (layer.apply(input) as tf.Tensor).dataSync(), 1e-7, 'out');
      const dOut = wave(x.length, 1.3);
      const dX = new Float64Array(x.length);
      maskingBackward(T, F, dOut, ROWS, mask, dX);
      // The mask is a constant of the input (tfjs cannot differentiate its Any op): dOut on unmasked steps, 0 on masked.
      expectClose(dX, dOut.map((d, i) => (MASK[Math.floor(i / F)] ? d : 0)), 0, 'dL/dx');
      // Finite differences on unmasked steps only: moving a masked step's value off maskValue unmasks it.
      const numeric = numericGrad(x, () => { const o = new Float64Array(x.length); maskingForward(T, F, maskValue, x, ROWS, o, new Uint8Array(ROWS * T)); return dot(o, dOut); }, 2 ** -12);
      for (let s = 0; s < ROWS * T; s++) if (MASK[s] === 0) numeric.fill(0, s * F, (s + 1) * F);
      expectClose(dX, numeric, 1e-9, 'dL/dx');
    });
  }
});

describe('fused layers: lstm', () => {
  useCpuBackend();
  for (const returnSequences of [false, true]) {
    for (const masked of [true, false]) {
      const shape: LstmShape = { steps: T, features: F, units: U, returnSequences };
      const name = `${U} units over ${T} × ${F}, ${returnSequences ? 'every step' : 'last step'}, ${masked ? 'masked' : 'no mask'}`;
      const x = paddedInput(0);
      const mask = masked ? MASK : null;
      const kernel = wave32(F * 4 * U, 0.9);
      const recurrent = wave32(U * 4 * U, 2.3);
      const bias = wave32(4 * U, 3.1);
      const outLength = ROWS * lstmOutputSize(shape);
      const dOut = wave(outLength, 0.5);
      const tape = new LstmTape(shape, ROWS);
      const forward = () => {
        const out = new Float64Array(outLength);
        lstmForward(tape, x, ROWS, mask, kernel, recurrent, bias, out);
        return out;
      };
      const backward = () => {
        const grads = { kernel: new Float64Array(kernel.length), recurrent: new Float64Array(recurrent.length), bias: new Float64Array(bias.length), x: new Float64Array(x.length) };
        forward();
        lstmBackward(tape, x, dOut, ROWS, mask, kernel, recurrent, grads.kernel, grads.recurrent, grads.bias, grads.x);
        return grads;
      };

      it(`${name}: output and gradients as tfjs' LSTM`, () => {
        const layer = tf.layers.lstm({ units: U, returnSequences, recurrentActivation: 'sigmoid', weights: [tf.tensor(kernel, [F, 4 * U]), tf.tensor(recurrent, [U, 4 * U]), tf.tensor1d(bias)] });
        const input = tf.tensor(Float32Array.from(x), [ROWS, T, F]);
        const kwargs = mask ? { mask: tf.tensor(Array.from(mask), [ROWS, T], 'bool') } : {};
        const apply = (t: tf.Tensor) => layer.apply(t, kwargs) as tf.Tensor;
        expectClose(forward(), apply(input).dataSync(), 1e-5, 'out');
        const seed = tf.tensor(Float32Array.from(dOut), returnSequences ? [ROWS, T, U] : [ROWS, U]);
        const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
        const { grads } = tf.variableGrads(() => tf.sum(tf.mul(apply(input), seed)) as tf.Scalar, vars);
        const got = backward();
        expectClose(got.kernel, grads[vars[0]!.name]!.dataSync(), 1e-5, 'dL/dkernel');
        expectClose(got.recurrent, grads[vars[1]!.name]!.dataSync(), 1e-5, 'dL/drecurrent');
        expectClose(got.bias, grads[vars[2]!.name]!.dataSync(), 1e-5, 'dL/dbias');
        const dInput = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(apply(t), seed)))(input);
        expectClose(got.x, dInput.dataSync(), 1e-5, 'dL/dx');
        layer.dispose();
      });

      it(`${name}: gradients as finite differences`, () => {
        const got = backward();
        const loss = () => dot(forward(), dOut);
        expectClose(got.kernel, numericGrad(kernel, loss), 1e-6, 'dL/dkernel');
        expectClose(got.recurrent, numericGrad(recurrent, loss), 1e-6, 'dL/drecurrent');
        expectClose(got.bias, numericGrad(bias, loss), 1e-6, 'dL/dbias');
        // Masked steps' inputs are not read: their gradient is 0, and so is the finite difference.
        expectClose(got.x, numericGrad(x, loss), 1e-6, 'dL/dx');
      });
    }
  }
});
