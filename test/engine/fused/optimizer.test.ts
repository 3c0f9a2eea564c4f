import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { Adam, Sgd } from '../../../src/engine/fused/optimizer.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';

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
    // numpy, float64 arithmetic except accBeta_t = float32(accBeta_{t-1} · float32(β)) and 1 - accBeta in float32,
    // which is what tfjs' accBeta1/accBeta2 variables do. With exact β^t the third weight would be 0.8657005162690365:
    // 1 - 0.999^t loses ~1e-5 of its value in float32, and tfjs (so the fused engine) carries that.
    const expected = [0.9000007009068195, 0.885548799037021, 0.8657015987796121];
    const params = Float32Array.of(1);
    const adam = new Adam(1, 0.1);
    [0.3, -0.2, 0.05].forEach((g, i) => {
      adam.step(params, Float64Array.of(g));
      expect(params[0], `step ${i + 1}`).to.be.closeTo(expected[i]!, 1e-7);
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

    for (const [name, make, makeTf] of [
      ['adam', () => new Adam(n, 0.01), () => tf.train.adam(0.01, 0.9, 0.999, 1e-7)],
      ['sgd', () => new Sgd(0.01), () => tf.train.sgd(0.01)],
    ] as const) {
      it(`${name}: the same weights to float32 rounding`, () => {
        const ours = Float32Array.from(start);
        const optimizer = make();
        for (const g of gradients) optimizer.step(ours, Float64Array.from(g));

        const variable = tf.variable(tf.tensor1d(start));
        const tfOptimizer = makeTf();
        for (const g of gradients) {
          const grad = tf.tensor1d(g);
          tfOptimizer.applyGradients([{ name: variable.name, tensor: grad }]);
          grad.dispose();
        }
        const theirs = variable.dataSync();
        // Measured: at most 9e-8 apart (1–2 float32 ulps) after 200 steps; tfjs rounds every intermediate to float32.
        for (let i = 0; i < n; i++) expect(ours[i], `weight ${i}`).to.be.closeTo(theirs[i]!, 1e-6);
        tfOptimizer.dispose();
        variable.dispose();
      });
    }
  });
});
