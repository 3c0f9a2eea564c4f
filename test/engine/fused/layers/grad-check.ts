/**
 * Finite differences for the layer kernels' tests: the loss is L = Σ out ⊙ G for a fixed G, so dLoss/dout = G
 * and a kernel's backward pass must give dL/dparam and dL/dx. Central differences in float64; a float32 weight
 * is moved by a step it can hold exactly (the difference of the rounded values is used), so the check is not
 * blurred by float32 rounding.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';

/** Deterministic test values in [-1, 1], distinct enough that max-pooling windows have no ties. */
export function wave(n: number, phase: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.37 + phase) * (1 + 0.01 * (i % 7)));
}

export function wave32(n: number, phase: number): Float32Array {
  return Float32Array.from(wave(n, phase));
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Central-difference dL/dv[i] for every i, with `loss()` reading v; v is restored. */
export function numericGrad(v: Float64Array | Float32Array, loss: () => number, step = 2 ** -10): Float64Array {
  const g = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const keep = v[i]!;
    v[i] = keep + step;
    const up = v[i]!;
    const lUp = loss();
    v[i] = keep - step;
    const down = v[i]!;
    const lDown = loss();
    v[i] = keep;
    g[i] = (lUp - lDown) / (up - down);
  }
  return g;
}

/** Every entry of `got` within `tol` (absolute, relative to the larger magnitude above 1) of `want`. */
export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, what: string): void {
  expect(got.length, `${what}: length`).to.equal(want.length);
  for (let i = 0; i < want.length; i++) {
    const scale = Math.max(1, Math.abs(want[i]!));
    expect(Math.abs(got[i]! - want[i]!), `${what}[${i}]: ${got[i]} vs ${want[i]}`).to.be.at.most(tol * scale);
  }
}

/**
 * tfjs' cpu backend for the duration of a suite, the previous backend back after it. The kernels are checked
 * against the cpu backend's ops because the wasm backend (XNNPACK) gets some cases wrong: conv2d with a stride
 * larger than the kernel and same padding returns zeros there (tfjs 4.22).
 */
export function useCpuBackend(): void {
  let previous = '';
  before(async () => {
    previous = tf.getBackend();
    await tf.setBackend('cpu');
  });
  after(async () => {
    if (previous) await tf.setBackend(previous);
  });
}
