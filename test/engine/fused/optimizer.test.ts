import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { NO_NOISE } from '../../../src/engine/fused/noise-plan.js';
import { Adam, makeOptimizer, type OptimizerKind, Sgd } from '../../../src/engine/fused/optimizer.js';
import { instantiateKernel, Layout } from '../../../src/engine/fused/wasm-kernel.js';
import { WasmNet } from '../../../src/engine/fused/wasm-net.js';
import { kernelOptimizer } from '../../../src/engine/fused/wasm-optimizer.js';
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
  describe('kernel Adam against the TypeScript Adam on hard float32 values (denormals, zeros, infinities, NaN)', () => {
    // The kernel sends blocks of four with a tiny m, g or v through doubles rounded per operation and the rest
    // through float32 arithmetic (asm/optimizer.ts): both must give the TypeScript path's bits, block by
    // block, in every mix. 1,027 values: 256 blocks, each a random mix of the kinds below, and a 3-value tail.
    const n = 1027;
    const steps = 40;
    const rng = Xoshiro128.fromSeed(18, 4);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.nextFloat() * xs.length)]!;
    const uniform = (lo: number, hi: number) => lo + (hi - lo) * rng.nextFloat();
    // Per block of four, the kinds its values are drawn from: all of them, or none tiny (the float32 path,
    // which still meets zeros, huge values, infinities and NaN).
    const ALL = ['zero', 'denormal', 'smallest', 'edge', 'tiny', 'ordinary', 'ordinary', 'huge', 'infinite', 'nan'] as const;
    const PLAIN = ['zero', 'ordinary', 'ordinary', 'ordinary', 'huge', 'infinite', 'nan'] as const;
    const blockKinds = Array.from({ length: n }, (_, i) => (Math.floor(i / 4) % 2 === 0 ? ALL : PLAIN));
    /** A float32 of random sign: a zero, a denormal, a number near the thresholds, an ordinary one, or huge. */
    const hard = (kinds: readonly (typeof ALL)[number][]): number => {
      const sign = rng.nextFloat() < 0.5 ? -1 : 1;
      switch (pick(kinds)) {
        case 'zero': return sign * 0;
        case 'denormal': return sign * Math.floor(uniform(1, 2 ** 23)) * 2 ** -149;
        case 'smallest': return sign * pick([1, 2, 3]) * 2 ** -149;
        case 'edge': return sign * 2 ** pick([-126, -125, -110, -58]) * pick([1 - 2 ** -24, 1, 1 + 2 ** -23]);
        case 'tiny': return sign * 2 ** uniform(-149, -40);
        case 'ordinary': return sign * 2 ** uniform(-30, 4);
        case 'huge': return sign * 2 ** uniform(60, 127);
        case 'infinite': return sign * Infinity;
        case 'nan': return NaN;
      }
    };
    const state = (positive: boolean) => Float32Array.from(blockKinds, (kinds) => (positive ? Math.abs(hard(kinds)) : hard(kinds)));
    /** Gradient columns: all zeros (a dead unit), mostly zeros, hard values, or ordinary ones (float64). */
    const column = () => pick(['dead', 'sparse', 'hard', 'ordinary'] as const);
    const columns = Array.from({ length: n }, column);
    const gradient = (kind: ReturnType<typeof column>, i: number): number =>
      kind === 'dead' ? 0 : kind === 'sparse' ? (rng.nextFloat() < 0.8 ? 0 : uniform(-1, 1)) : kind === 'hard' ? hard(blockKinds[i]!) * (1 + 2 ** -40) : uniform(-1, 1) * 10 ** -uniform(0, 8);
    const gradients = Array.from({ length: steps }, () => Float64Array.from(columns, gradient));
    const start = { params: state(false), m: state(false), v: state(true) };

    /** Bit patterns equal, or both NaN (a NaN's payload and sign depend on the instruction that made it). */
    function expectSameFloats(ours: Float32Array, theirs: Float32Array, what: string): void {
      const a = new Uint32Array(ours.buffer, ours.byteOffset, ours.length);
      const b = new Uint32Array(theirs.buffer, theirs.byteOffset, theirs.length);
      for (let i = 0; i < ours.length; i++) {
        if (Number.isNaN(ours[i]) && Number.isNaN(theirs[i])) continue;
        expect(a[i]!.toString(16), `${what} ${i} (${ours[i]} vs ${theirs[i]})`).to.equal(b[i]!.toString(16));
      }
    }

    /**
     * Steps the kernel's Adam and the TypeScript one side by side over the values cut into pieces of `piece`
     * (one optimizer each, on views of one kernel memory) and checks every step; returns how many float32
     * denormal moments the steps met.
     */
    function stepBoth(piece: number): number {
      const layout = new Layout();
      const at = { params: layout.take(n, 4), grads: layout.take(n, 8), m: layout.take(n, 4), v: layout.take(n, 4) };
      const { kernel, buffer } = instantiateKernel(layout.size);
      const params = new Float32Array(buffer, at.params, n);
      const grads = new Float64Array(buffer, at.grads, n);
      const m = new Float32Array(buffer, at.m, n);
      const v = new Float32Array(buffer, at.v, n);
      params.set(start.params);
      m.set(start.m);
      v.set(start.v);
      const js = { params: Float32Array.from(start.params), m: Float32Array.from(start.m), v: Float32Array.from(start.v) };
      const pieces = Array.from({ length: Math.ceil(n / piece) }, (_, k) => {
        const [from, to] = [k * piece, Math.min(n, (k + 1) * piece)];
        const target = { kernel, params: params.subarray(from, to), grads: grads.subarray(from, to) };
        return {
          from, to, target,
          jsParams: js.params.subarray(from, to),
          wasm: kernelOptimizer('adam', target, 0.003, m.subarray(from, to), v.subarray(from, to)),
          js: new Adam(to - from, 0.003, js.m.subarray(from, to), js.v.subarray(from, to)),
        };
      });
      let denormalMoments = 0;
      gradients.forEach((g, step) => {
        grads.set(g);
        for (const p of pieces) {
          p.wasm.step(p.target.params, p.target.grads);
          p.js.step(p.jsParams, g.subarray(p.from, p.to));
        }
        expectSameFloats(m, js.m, `step ${step + 1}: m`);
        expectSameFloats(v, js.v, `step ${step + 1}: v`);
        expectSameFloats(params, js.params, `step ${step + 1}: w`);
        for (const x of js.m) if (x !== 0 && Math.abs(x) < 2 ** -126) denormalMoments++;
      });
      return denormalMoments;
    }

    it(`${steps} steps from random moments, blocks of four: params, m and v bit for bit`, () => {
      // The case the doubles path is for must have happened, many times.
      expect(stepBoth(n)).to.be.above(1000);
    });

    it(`${steps} steps, the scalar tail (pieces of three values): params, m and v bit for bit`, () => {
      expect(stepBoth(3)).to.be.above(1000);
    });
  });
});
