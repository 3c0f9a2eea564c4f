import { expect } from 'chai';
import { type Activation, clippedBce, FusedNet, type Net, type NetSpec, outputGradient, outputProbability } from '../../../src/engine/fused/net.js';
import { WasmNet } from '../../../src/engine/fused/wasm-net.js';
import { initialDenseWeights } from '../../../src/engine/init.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { drawNoise, referenceForward, referenceGradients, referenceLoss, refNetFrom, type RefNet } from './reference.js';

/** Kernels and biases of a FusedNet's flat arrays (layout: per layer, kernel then bias). */
function unflatten<T extends Float32Array | Float64Array>(flat: T, sizes: number[]): { kernels: T[]; biases: T[] } {
  const kernels: T[] = [];
  const biases: T[] = [];
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    kernels.push(flat.subarray(at, (at += sizes[l]! * sizes[l + 1]!)) as T);
    biases.push(flat.subarray(at, (at += sizes[l + 1]!)) as T);
  }
  return { kernels, biases };
}

/** Both implementations of the fused network: each must pass every test below. */
const implementations: [string, new (spec: NetSpec) => Net][] = [
  ['FusedNet (TypeScript)', FusedNet],
  ['WasmNet (WebAssembly kernel)', WasmNet],
];

/** A net with non-zero biases (init.ts makes them 0, which would hide bias mistakes) and some random rows. */
function setup(Impl: new (spec: NetSpec) => Net, sizes: number[], activation: Activation, noise = { input: 0, pre: 0, post: 0 }, seed = 5) {
  const rows = 9;
  const net = new Impl({ sizes, activation, noise, maxRows: rows });
  const init = initialDenseWeights(sizes, seed);
  const rng = Xoshiro128.fromSeed(seed, 77);
  for (const b of init.biases) for (let j = 0; j < b.length; j++) b[j] = 0.3 * (2 * rng.nextFloat() - 1);
  net.setWeights(init.kernels, init.biases);
  const x = new Float32Array(rows * sizes[0]!).map(() => 2 * rng.nextFloat() - 1);
  const y = new Float32Array(rows).map(() => (rng.nextFloat() < 0.5 ? 0 : 1));
  const order = Int32Array.from([3, 8, 0, 5, 1, 7, 2, 6, 4]);
  const ref = refNetFrom(sizes, activation, init.kernels, init.biases);
  return { net, x, y, order, ref };
}

/** Rows order[start..start+count) of x as arrays, and their labels. */
function batch(x: Float32Array, y: Float32Array, width: number, order: Int32Array, start: number, count: number) {
  const rows = Array.from(order.subarray(start, start + count));
  return { xb: rows.map((r) => Array.from(x.subarray(r * width, (r + 1) * width))), yb: rows.map((r) => y[r]!) };
}

/** |actual - expected| ≤ tolerance · (|expected| + 1e-3) for each value: relative, with a floor for values near 0. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  expect(actual.length, what).to.equal(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.abs(expected[i]!) + 1e-3;
    if (!(Math.abs(actual[i]! - expected[i]!) <= tolerance * scale)) expect.fail(`${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

/**
 * The network computes in float32, the reference in double: the largest differences over these tests (in
 * expectClose's measure) were 7.1e-8 for outputs, 7.3e-6 for kernel and 2.3e-6 for bias gradients (float32's
 * ε is 1.2e-7; gradients are sums of products that partly cancel). The tolerances leave a margin of about 10×;
 * a wrong noise value, term or order of draws moves a value by 1e-2 or more.
 */
const OUTPUT_TOLERANCE = 1e-6;
const GRADIENT_TOLERANCE = 1e-4;

const shapes: [string, number[]][] = [
  ['one hidden layer, two inputs (the fused tutorial path)', [2, 6, 1]],
  ['one hidden layer of odd width, two inputs (the SIMD kernels\' odd unit)', [2, 7, 1]],
  ['two hidden layers, three inputs (the general path)', [3, 5, 4, 1]],
  ['one input', [1, 4, 1]],
];
const activations: Activation[] = ['relu', 'tanh', 'sigmoid', 'linear'];
const noises = [
  ['no noise', { input: 0, pre: 0, post: 0 }],
  ['noise at input, pre and post', { input: 0.3, pre: 0.3, post: 0.3 }],
] as const;

for (const [implementation, Impl] of implementations) describe(`engine/fused/net: ${implementation}`, () => {
  for (const [shapeName, sizes] of shapes) {
    for (const activation of activations) {
      for (const [noiseName, noise] of noises) {
        describe(`${shapeName}, ${activation}, ${noiseName}`, () => {
          const { net, x, y, order, ref } = setup(Impl, sizes, activation, noise);
          const start = 2, count = 6;
          const { xb, yb } = batch(x, y, sizes[0]!, order, start, count);
          net.forward(x, order, start, count, Xoshiro128.fromSeed(11, 3));
          net.backward(y, order, start);
          const refNoise = drawNoise(Xoshiro128.fromSeed(11, 3), sizes, count, noise);

          it('forward equals the reference, with noise drawn in the documented order', () => {
            expectClose(net.output.subarray(0, count), referenceForward(ref, xb, refNoise), OUTPUT_TOLERANCE, 'output');
          });
          it('gradients equal the reference backpropagation', () => {
            const expected = referenceGradients(ref, xb, yb, refNoise);
            const got = unflatten(net.grads, sizes);
            got.kernels.forEach((k, l) => expectClose(k, expected.kernels[l]!.flat(), GRADIENT_TOLERANCE, `kernel ${l}`));
            got.biases.forEach((b, l) => expectClose(b, expected.biases[l]!, GRADIENT_TOLERANCE, `bias ${l}`));
          });
          it('the reference gradients equal central finite differences of the loss', () => {
            const expected = referenceGradients(ref, xb, yb, refNoise);
            const h = 1e-6;
            const probe = (get: () => number, set: (v: number) => void, analytic: number, what: string) => {
              const v = get();
              set(v + h);
              const up = referenceLoss(ref, xb, yb, refNoise);
              set(v - h);
              const down = referenceLoss(ref, xb, yb, refNoise);
              set(v);
              expect(analytic, what).to.be.closeTo((up - down) / (2 * h), 1e-7 + 1e-5 * Math.abs(analytic));
            };
            ref.kernels.forEach((w: RefNet['kernels'][number], l) =>
              w.forEach((row, k) => row.forEach((_, j) => probe(() => row[j]!, (v) => (row[j] = v), expected.kernels[l]![k]![j]!, `kernel ${l}[${k}][${j}]`))),
            );
            ref.biases.forEach((b, l) => b.forEach((_, j) => probe(() => b[j]!, (v) => (b[j] = v), expected.biases[l]![j]!, `bias ${l}[${j}]`)));
          });
        });
      }
    }
  }

  it('inference (no generator) ignores every noise site and equals the noise-free reference', () => {
    const { net, x, order, ref } = setup(Impl, [2, 6, 1], 'relu', { input: 0.5, pre: 0.5, post: 0.5 });
    net.forward(x, order, 0, 9, null);
    const { xb } = batch(x, new Float32Array(9), 2, order, 0, 9);
    expectClose(net.output.subarray(0, 9), referenceForward(ref, xb, null), OUTPUT_TOLERANCE, 'output');
  });

  it('a NaN weight makes the outputs and the gradients NaN (tfjs: NaN · 0 is NaN), not a clipped finite loss', () => {
    const { net, x, y, order } = setup(Impl, [2, 6, 1], 'relu');
    const init = initialDenseWeights([2, 6, 1], 5);
    init.kernels[1]![0] = NaN;
    net.setWeights(init.kernels, init.biases);
    net.forward(x, order, 0, 9, null);
    expect(Array.from(net.output.subarray(0, 9)).every(Number.isNaN), 'outputs').to.equal(true);
    expect(net.loss(y, order, 0)).to.be.NaN;
    net.backward(y, order, 0);
    expect(net.grads[net.grads.length - 1], 'output bias gradient').to.be.NaN;
  });

  it('a logit beyond float32 range gives NaN (tfjs, in float32, overflows there)', () => {
    const sizes = [2, 3, 1];
    const net = new Impl({ sizes, activation: 'relu', noise: { input: 0, pre: 0, post: 0 }, maxRows: 1 });
    const w = initialDenseWeights(sizes, 1);
    // Weights finite in float32; hidden units of 2e30 times output weights of 1e10 give a logit of 6e40.
    w.kernels[0]!.fill(1e30);
    w.kernels[1]!.fill(1e10);
    net.setWeights(w.kernels, w.biases);
    net.forward(Float32Array.of(1, 1), Int32Array.of(0), 0, 1, null);
    expect(net.output[0]).to.be.NaN;
  });

  it('a noise site with stddev 0 draws nothing: the generator is left untouched', () => {
    const { net, x, order } = setup(Impl, [2, 6, 1], 'relu', { input: 0, pre: 0, post: 0 });
    const rng = Xoshiro128.fromSeed(3, 3);
    net.forward(x, order, 0, 9, rng);
    expect(rng.nextUint32()).to.equal(Xoshiro128.fromSeed(3, 3).nextUint32());
  });

  describe('loss clipping at extreme logits (tfjs: p clipped to [1e-7, 1 - 1e-7], zero gradient where it clips)', () => {
    for (const [name, bias, label] of [['logit +40, label 0', 40, 0], ['logit -40, label 1', -40, 1], ['logit +40, label 1', 40, 1], ['logit -40, label 0', -40, 0]] as const) {
      it(`${name}: loss -ln(1e-7) or -ln(1 - 1e-7), and no gradient`, () => {
        const sizes = [2, 3, 1];
        const net = new Impl({ sizes, activation: 'relu', noise: { input: 0, pre: 0, post: 0 }, maxRows: 1 });
        const w = initialDenseWeights(sizes, 1);
        w.biases[1]![0] = bias;
        net.setWeights(w.kernels, w.biases);
        const order = Int32Array.of(0);
        const y = Float32Array.of(label);
        net.forward(Float32Array.of(0.1, -0.2), order, 0, 1, null);
        net.backward(y, order, 0);
        // Python's math.log in double: -log(1 - 1e-7) = 1.0000000494736474e-07 (right side); at the wrong side the
        // clipped p gives -log(1e-7) = 16.11809565095832 for label 1 and -log(1 - (1 - 1e-7)) = 16.118095651484676 for 0.
        const expected = (label === 1) === bias > 0 ? 1.0000000494736474e-7 : label === 1 ? 16.11809565095832 : 16.118095651484676;
        expect(net.loss(y, order, 0)).to.be.closeTo(expected, 1e-12 * Math.max(1, expected));
        expect(Array.from(net.grads).every((g) => g === 0)).to.equal(true);
      });
    }
    it('inside the clip range the gradient is (p - y) / batch at the output bias', () => {
      const sizes = [2, 3, 1];
      const net = new Impl({ sizes, activation: 'relu', noise: { input: 0, pre: 0, post: 0 }, maxRows: 1 });
      const w = initialDenseWeights(sizes, 1);
      w.biases[1]![0] = 12; // p = 1 - 6e-6, inside [1e-7, 1 - 1e-7]
      net.setWeights(w.kernels, w.biases);
      const order = Int32Array.of(0);
      net.forward(Float32Array.of(0.1, -0.2), order, 0, 1, null);
      net.backward(Float32Array.of(0), order, 0);
      expect(net.grads[net.grads.length - 1]).to.equal(Math.fround(net.output[0]!)); // dL/do is rounded to float32
    });
    it('outputProbability: the sigmoid inside float32 range, NaN beyond it or for NaN', () => {
      expect(outputProbability(0)).to.equal(0.5);
      expect(outputProbability(800)).to.equal(1); // exp(-800) underflows to 0: still a finite logit
      expect(outputProbability(-3.4e38)).to.equal(0);
      for (const logit of [3.5e38, -1e300, Infinity, -Infinity, NaN]) expect(outputProbability(logit), String(logit)).to.be.NaN;
    });
    it('outputGradient: (p - y) / batch inside the clip, 0 outside, NaN for NaN', () => {
      expect(outputGradient(0.75, 1, 0.5)).to.equal(-0.125);
      expect(outputGradient(1, 0, 0.5)).to.equal(0);
      expect(outputGradient(0, 0, 0.5)).to.equal(0);
      expect(outputGradient(NaN, 1, 0.5)).to.be.NaN;
    });
    it('clippedBce matches the Keras formula on ordinary values (numpy: -log(0.8) = 0.2231435513142097)', () => {
      expect(clippedBce(0.8, 1)).to.be.closeTo(0.2231435513142097, 1e-15);
      expect(clippedBce(0.2, 0)).to.be.closeTo(0.2231435513142097, 1e-15);
    });
  });
});
