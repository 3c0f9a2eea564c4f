import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { NO_NOISE } from '../../../src/engine/fused/noise-plan.js';
import { Adam, makeOptimizer, type OptimizerKind, Sgd } from '../../../src/engine/fused/optimizer.js';
import { WasmNet } from '../../../src/engine/fused/wasm-net.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';

/**
 * An optimizer and the arrays it steps: its own arrays on the TypeScript path, a WasmNet's on the kernel
 * (sizes [1, 5, 1] have 16 weights).
 */
function optimizerOn(kernel: 'js' | 'wasm', kind: OptimizerKind, learningRate: number, start: Float32Array) {
  if (kernel === 'js') {
    const params = Float32Array.from(start);
    const grads = new Float64Array(start.length);
    const optimizer = makeOptimizer(kind, start.length, learningRate);
    return { params, grads, step: () => optimizer.step(params, grads) };
  }
  const net = new WasmNet({ sizes: [1, 5, 1], activation: 'relu', noise: NO_NOISE, maxRows: 1 });
  expect(net.params.length).to.equal(start.length);
  net.params.set(start);
  const optimizer = net.optimizer(kind, learningRate);
  return { params: net.params, grads: net.grads, step: () => optimizer.step(net.params, net.grads) };
}

describe('engine/fused/optimizer', () => {
  it('Adam, first step by hand: m̂ = g, v̂ = g², so w moves by lr · g / (|g| + ε)', () => {
    const params = Float32Array.of(1, -2, 0.5);
    const grads = Float64Array.of(0.5, -0.1, 1e-9);
    new Adam(3, 0.01).step(params, grads);
    // ε outside the square root: 1e-9 / (1e-9 + 1e-7) = 0.0099; inside it would be 1e-9 / sqrt(1e-18 + 1e-7) ≈ 3e-6.
    const expected = [1 - 0.01 * (0.5 / (0.5 + 1e-7)), -2 + 0.01 * (0.1 / (0.1 + 1e-7)), 0.5 - 0.01 * (1e-9 / (1e-9 + 1e-7))];
    expected.forEach((e, i) => expect(params[i]).to.be.closeTo(e, 2e-7));
  });

  it('Adam, three steps by hand, with β^t kept in float32 as tfjs keeps it', () => {
    // numpy 1.24 in float32, one rounding per tfjs op, accBeta_t = float32(accBeta_{t-1} · float32(β)) and
    // 1 - accBeta in float32, which is what tfjs' accBeta1/accBeta2 variables do. With exact β^t (and doubles)
    // the third weight would be 0.8657005162690365: 1 - 0.999^t loses ~1e-5 of its value in float32, and tfjs
    // (so the fused engine) carries that.
    const expected = [0.9000006914138794, 0.8855487704277039, 0.8657015562057495];
    const params = Float32Array.of(1);
    const adam = new Adam(1, 0.1);
    [0.3, -0.2, 0.05].forEach((g, i) => {
      adam.step(params, Float64Array.of(g));
      expect(params[0], `step ${i + 1}`).to.equal(expected[i]!);
    });
  });

  it('SGD: w - lr · g', () => {
    const params = Float32Array.of(1, -1);
    new Sgd(0.5).step(params, Float64Array.of(0.25, -2));
    expect(Array.from(params)).to.deep.equal([0.875, 0]);
  });

  describe('against tfjs-core optimizers on the same gradient sequence (200 steps, 16 weights)', () => {
    const n = 16;
    const steps = 200;
    const rng = Xoshiro128.fromSeed(9, 9);
    const start = Float32Array.from({ length: n }, () => 2 * rng.nextFloat() - 1);
    // Gradients of very different sizes, some tiny (ε matters), some changing sign.
    const gradients = Array.from({ length: steps }, () => Float32Array.from({ length: n }, (_, i) => (2 * rng.nextFloat() - 1) * 10 ** -(i % 8)));

    for (const [kind, makeTf] of [
      ['adam', () => tf.train.adam(0.01, 0.9, 0.999, 1e-7)],
      ['sgd', () => tf.train.sgd(0.01)],
    ] as const) for (const kernel of ['js', 'wasm'] as const) {
      it(`${kind}, ${kernel}: the same weights, bit for bit (every step one float32 operation per tfjs op)`, () => {
        const { params: ours, grads, step } = optimizerOn(kernel, kind, 0.01, start);
        for (const g of gradients) {
          grads.set(g);
          step();
        }

        const variable = tf.variable(tf.tensor1d(start));
        const tfOptimizer = makeTf();
        for (const g of gradients) {
          const grad = tf.tensor1d(g);
          tfOptimizer.applyGradients([{ name: variable.name, tensor: grad }]);
          grad.dispose();
        }
        const theirs = variable.dataSync();
        for (let i = 0; i < n; i++) expect(ours[i], `weight ${i}`).to.equal(theirs[i]!);
        tfOptimizer.dispose();
        variable.dispose();
      });
    }
  });
});
