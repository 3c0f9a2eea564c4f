/**
 * The fused network: Dense layers with one activation, noise sites, and one sigmoid output unit, as the tfjs
 * engine builds it (src/engine/tfjs/dense-model.ts):
 *   [input noise] → Dense(h1) → [pre noise] → act → [post noise] → … → Dense(1) → sigmoid
 * Forward and backward passes are hand-written loops over preallocated buffers: no allocation after
 * construction. Everything is float32, as in tfjs: parameters, activations, noise, and the arithmetic
 * (kernels.ts: each operation rounded to float32, in orders it documents). The gradients are summed in a float32
 * array and handed to the optimizer widened, as one float64 array of the parameters' layout holding float32
 * values. The output unit's probability is computed in double from its float32 logit (the loss is reported
 * and clipped in double; the gradient dL/do is rounded to float32 for the backward pass).
 *
 * Loss (tfjs-layers losses.binaryCrossentropy, mean over the batch): p is clipped to [ε, 1-ε], ε = 1e-7, and
 * turned back into a logit z = log(p / (1-p)) fed to sigmoid cross-entropy. The gradient through that chain
 * is dL/do = (p - y) / batch for the output unit's linear output o, and exactly 0 where the clip is active
 * (tfjs' ClipByValue gradient passes dy only where ε ≤ p ≤ 1-ε).
 *
 * Divergence shows as NaN, as in tfjs: a logit beyond float32's range (±Infinity in float32 sums) gives p = NaN,
 * not p = 0 or 1, which would give a clipped and finite loss and a zero gradient, and a diverged run would look
 * finished (tfjs gets ±Infinity or, from Infinity - Infinity in its sums, NaN there), and a NaN p gives a NaN
 * gradient (tfjs: dy · 0 with dy = NaN), which makes every weight NaN from the next step on, so the final
 * metrics are NaN (test/engine/fused/engine.test.ts).
 */
import { EPSILON } from '../metrics.js';
import { fillNormal } from '../rng/normal.js';
import type { Xoshiro128 } from '../rng/xoshiro128.js';
import { affineRow, backwardColumns2, deltaBackRow, denseRow2, finishRow, kernelGradRow, outputBackRow } from './kernels.js';
import type { NoisePlan } from './noise-plan.js';
import { makeOptimizer, type Optimizer, type OptimizerKind } from './optimizer.js';
import type { Trainable } from './trainable.js';

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface NetSpec {
  /** Layer widths: nFeatures, hidden…, 1. */
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly noise: NoisePlan;
  /** Most rows one forward pass handles (a batch, or a whole set when evaluating). */
  readonly maxRows: number;
}

/** Largest finite float32 value, (2 - 2^-23) · 2^127. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** The output unit's sigmoid of a logit; NaN when float32 could not hold the logit (see the file comment). */
export function outputProbability(logit: number): number {
  return Math.abs(logit) <= FLOAT32_MAX ? 1 / (1 + Math.exp(-logit)) : NaN;
}

/**
 * dLoss/dlogit of one row of a batch: (p - y) / batch inside the clip range [ε, 1-ε], 0 where the clip is
 * active, NaN when p is NaN.
 */
export function outputGradient(p: number, y: number, invCount: number): number {
  return p >= EPSILON && p <= 1 - EPSILON ? (p - y) * invCount : Number.isNaN(p) ? NaN : 0;
}

/**
 * A fused network implementation: FusedNet (TypeScript) or WasmNet (wasm-net.ts, the WebAssembly kernel),
 * which compute the same bits. Arrays are live views: `output` holds the last forward pass, `grads` the last
 * backward pass, `params` the weights the optimizer updates.
 */
export interface Net extends Trainable {
  /** All weights: for each Dense layer, its kernel (fanIn × fanOut, row-major) then its bias. */
  readonly params: Float32Array;
  /** dLoss/dparams of the last backward pass, same layout as params. */
  readonly grads: Float64Array;
  /** Sigmoid outputs of the last forward pass (first `rows` entries). */
  readonly output: Float64Array;
  readonly outputs: 1;
  /** Copies initial weights in (kernels [fanIn × fanOut] row-major and biases, as init.ts makes them). */
  setWeights(kernels: readonly Float32Array[], biases: readonly Float32Array[]): void;
  /**
   * Forward pass over rows `order[start]`, …, `order[start + count - 1]` of `x` (nFeatures per row), writing
   * sigmoid outputs to `output[0..count)`. With `noiseRng` the noise sites are active (training phase) and draw
   * in the order noise-plan.ts documents; with null the network is deterministic (inference).
   */
  forward(x: Float32Array, order: Int32Array, start: number, count: number, noiseRng: Xoshiro128 | null): void;
  /**
   * Backward pass for the last forward pass against labels `y[order[start + r]]`: fills `grads` with the
   * gradient of the batch's mean clipped binary cross-entropy.
   */
  backward(y: Float32Array, order: Int32Array, start: number): void;
  /** Mean clipped binary cross-entropy of the last forward pass against `y[order[start + r]]`. */
  loss(y: Float32Array, order: Int32Array, start: number): number;
  /** An optimizer over this network's params and grads (it keeps its moments where the network keeps them). */
  optimizer(kind: OptimizerKind, learningRate: number): Optimizer;
}

/** Mean clipped binary cross-entropy of outputs p[0..rows) against `y[order[start + r]]`. */
export function batchLoss(p: Float64Array, rows: number, y: Float32Array, order: Int32Array, start: number): number {
  let sum = 0;
  for (let r = 0; r < rows; r++) sum += clippedBce(p[r]!, y[order[start + r]!]!);
  return sum / rows;
}

/** Clipped binary cross-entropy of one prediction (tfjs-layers / Keras, ε = 1e-7). */
export function clippedBce(p: number, y: number): number {
  const pc = p < EPSILON ? EPSILON : p > 1 - EPSILON ? 1 - EPSILON : p;
  return -(y * Math.log(pc) + (1 - y) * Math.log(1 - pc));
}

/** The TypeScript implementation: the reference for the WebAssembly kernel, and the fallback without it. */
export class FusedNet implements Net {
  readonly outputs = 1;
  readonly maxRows: number;
  readonly params: Float32Array;
  readonly grads: Float64Array;
  readonly output: Float64Array;

  private readonly sizes: Int32Array;
  private readonly hiddenCount: number;
  private readonly activation: number;
  private readonly noise: NoisePlan;
  private readonly kernels: Float32Array[] = [];
  private readonly biases: Float32Array[] = [];
  /** The gradients as they are summed, in float32 (grads is this widened); kernelGrads, biasGrads are views of it. */
  private readonly grads32: Float32Array;
  private readonly kernelGrads: Float32Array[] = [];
  private readonly biasGrads: Float32Array[] = [];
  /** The (noisy) input features of the batch, rows × nFeatures. */
  private readonly input: Float32Array;
  /** activated[l]: act(z) of hidden layer l before post noise, rows × width; the slope is read from it. */
  private readonly activated: Float32Array[] = [];
  /** layerOut[l]: what hidden layer l passes on, activated[l] + post noise (the same buffer without post noise). */
  private readonly layerOut: Float32Array[] = [];
  /** delta[l]: dLoss/dz of hidden layer l for the row being back-propagated. */
  private readonly delta: Float32Array[] = [];
  /** dLoss/dlogit per row, rounded to float32. */
  private readonly outputGrad: Float32Array;
  private readonly preNoise: Float32Array;
  private readonly postNoise: Float32Array;
  /** Zeros standing in for post noise when the post site is inactive (inference). */
  private readonly zeroNoise: Float32Array;
  /** One row of noise, when a layer's noise is drawn row by row. */
  private readonly rowNoise: Float32Array;
  private readonly inputNoise: Float32Array;
  private rows = 0;

  constructor(spec: NetSpec) {
    const sizes = spec.sizes;
    if (sizes.length < 3 || sizes[sizes.length - 1] !== 1) throw new Error(`FusedNet: expected sizes [inputs, hidden..., 1], got [${sizes.join(', ')}]`);
    this.sizes = Int32Array.from(sizes);
    this.hiddenCount = sizes.length - 2;
    this.activation = ACTIVATIONS.indexOf(spec.activation);
    if (this.activation < 0) throw new Error(`FusedNet: unknown activation ${spec.activation}`);
    this.noise = spec.noise;
    const maxRows = spec.maxRows;
    this.maxRows = maxRows;

    let total = 0;
    for (let l = 0; l + 1 < sizes.length; l++) total += sizes[l]! * sizes[l + 1]! + sizes[l + 1]!;
    this.params = new Float32Array(total);
    this.grads = new Float64Array(total);
    this.grads32 = new Float32Array(total);
    let at = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l]!, fanOut = sizes[l + 1]!;
      this.kernels.push(this.params.subarray(at, at + fanIn * fanOut));
      this.kernelGrads.push(this.grads32.subarray(at, at + fanIn * fanOut));
      at += fanIn * fanOut;
      this.biases.push(this.params.subarray(at, at + fanOut));
      this.biasGrads.push(this.grads32.subarray(at, at + fanOut));
      at += fanOut;
    }

    this.input = new Float32Array(maxRows * sizes[0]!);
    let widest = 0;
    for (let l = 0; l < this.hiddenCount; l++) {
      const width = sizes[l + 1]!;
      widest = Math.max(widest, width);
      const activated = new Float32Array(maxRows * width);
      this.activated.push(activated);
      this.layerOut.push(this.noise.post > 0 ? new Float32Array(maxRows * width) : activated);
      this.delta.push(new Float32Array(width));
    }
    this.output = new Float64Array(maxRows);
    this.outputGrad = new Float32Array(maxRows);
    this.preNoise = new Float32Array(this.noise.pre > 0 ? maxRows * widest : 0);
    this.postNoise = new Float32Array(this.noise.post > 0 ? maxRows * widest : 0);
    this.zeroNoise = new Float32Array(this.noise.post > 0 ? maxRows * widest : 0);
    this.rowNoise = new Float32Array(widest);
    this.inputNoise = new Float32Array(this.noise.input > 0 ? maxRows * sizes[0]! : 0);
  }

  setWeights(kernels: readonly Float32Array[], biases: readonly Float32Array[]): void {
    for (let l = 0; l < this.kernels.length; l++) {
      this.kernels[l]!.set(kernels[l]!);
      this.biases[l]!.set(biases[l]!);
    }
  }

  forward(x: Float32Array, order: Int32Array, start: number, count: number, noiseRng: Xoshiro128 | null): void {
    this.rows = count;
    const sizes = this.sizes;
    const nIn = sizes[0]!;
    const input = this.input;
    for (let r = 0; r < count; r++) {
      const src = order[start + r]! * nIn;
      for (let k = 0; k < nIn; k++) input[r * nIn + k] = x[src + k]!;
    }
    const noisy = noiseRng !== null;
    const { input: inputStd, pre: preStd, post: postStd } = this.noise;
    if (noisy && inputStd > 0) {
      const buffer = this.inputNoise;
      fillNormal(noiseRng, buffer, count * nIn, inputStd);
      for (let i = 0; i < count * nIn; i++) input[i] += buffer[i]!; // a float32 sum: the store rounds it
    }

    const last = this.hiddenCount - 1;
    const kind = this.activation;
    const wOut = this.kernels[last + 1]!;
    const bOut = this.biases[last + 1]![0]!;
    const out = this.output;
    let layerIn = input;
    for (let l = 0; l <= last; l++) {
      const fanIn = sizes[l]!, width = sizes[l + 1]!;
      const hasPre = noisy && preStd > 0;
      const hasPost = postStd > 0; // a post site has its own output buffer; inactive, it adds zeros
      const drawPost = noisy && hasPost;
      // With one noisy site in the layer, drawing row by row just before each row uses gives the same numbers as
      // drawing the whole block first, and keeps them in L1: measured 2× faster with pre noise. With both pre
      // and post, the pre block must be complete before the post block starts, so both are drawn up front.
      const byRow = !(hasPre && drawPost);
      if (!byRow) {
        fillNormal(noiseRng!, this.preNoise, count * width, preStd);
        fillNormal(noiseRng!, this.postNoise, count * width, postStd);
      }
      const w = this.kernels[l]!, b = this.biases[l]!;
      const z = this.activated[l]!, a = this.layerOut[l]!;
      const hasOut = l === last;
      const rowNoise = this.rowNoise;
      let pre = this.preNoise;
      let post = noisy ? this.postNoise : this.zeroNoise;
      for (let r = 0; r < count; r++) {
        const ro = r * width;
        let po = ro;
        if (byRow) {
          if (hasPre) {
            fillNormal(noiseRng!, rowNoise, width, preStd);
            pre = rowNoise;
            po = 0;
          } else if (drawPost) {
            fillNormal(noiseRng!, rowNoise, width, postStd);
            post = rowNoise;
            po = 0;
          }
        }
        let s: number;
        if (fanIn === 2) {
          s = denseRow2(kind, layerIn[2 * r]!, layerIn[2 * r + 1]!, w, b, z, ro, width, hasPre, pre, hasPost, post, po, a, hasOut, wOut);
        } else {
          affineRow(layerIn, r * fanIn, fanIn, w, b, z, ro, width);
          s = finishRow(kind, z, ro, width, hasPre, pre, hasPost, post, po, a, hasOut, wOut);
        }
        if (hasOut) out[r] = outputProbability(Math.fround(s + bOut));
      }
      layerIn = a;
    }
  }

  backward(y: Float32Array, order: Int32Array, start: number): void {
    const count = this.rows;
    const sizes = this.sizes;
    const kind = this.activation;
    const last = this.hiddenCount - 1;
    const width = sizes[last + 1]!;
    const g = this.outputGrad;
    const p = this.output;
    const invCount = 1 / count;
    for (let r = 0; r < count; r++) g[r] = outputGradient(p[r]!, y[order[start + r]!]!, invCount);
    this.grads32.fill(0);
    const wOut = this.kernels[last + 1]!;
    const gwOut = this.kernelGrads[last + 1]!;
    const gbOut = this.biasGrads[last + 1]!;

    const aLast = this.layerOut[last]!, hLast = this.activated[last]!;
    let gbOutSum = 0;
    for (let r = 0; r < count; r++) gbOutSum = Math.fround(gbOutSum + g[r]!);
    gbOut[0] = gbOutSum;
    if (last === 0 && sizes[0] === 2) {
      backwardColumns2(kind, g, this.input, aLast, hLast, count, width, wOut, gwOut, this.biasGrads[0]!, this.kernelGrads[0]!);
    } else {
      this.backwardRows(count);
    }
    this.grads.set(this.grads32);
  }

  /** backward's row-by-row form, for any shape: each row's deltas layer by layer, and its share of each gradient. */
  private backwardRows(count: number): void {
    const sizes = this.sizes;
    const kind = this.activation;
    const last = this.hiddenCount - 1;
    const width = sizes[last + 1]!;
    const g = this.outputGrad;
    const wOut = this.kernels[last + 1]!;
    const gwOut = this.kernelGrads[last + 1]!;
    const aLast = this.layerOut[last]!, hLast = this.activated[last]!;
    for (let r = 0; r < count; r++) {
      const gr = g[r]!;
      if (gr === 0) continue; // a clipped (or exact) prediction passes no gradient at all
      outputBackRow(kind, gr, aLast, hLast, r * width, width, wOut, gwOut, this.biasGrads[last]!, this.delta[last]!);
      for (let l = last; l >= 0; l--) {
        const fanIn = sizes[l]!, n = sizes[l + 1]!;
        const aIn = l === 0 ? this.input : this.layerOut[l - 1]!;
        kernelGradRow(aIn, r * fanIn, fanIn, this.delta[l]!, this.kernelGrads[l]!, n);
        if (l > 0) deltaBackRow(kind, this.delta[l]!, this.kernels[l]!, n, this.activated[l - 1]!, r * fanIn, fanIn, this.delta[l - 1]!, this.biasGrads[l - 1]!);
      }
    }
  }

  loss(y: Float32Array, order: Int32Array, start: number): number {
    return batchLoss(this.output, this.rows, y, order, start);
  }

  optimizer(kind: OptimizerKind, learningRate: number): Optimizer {
    return makeOptimizer(kind, this.params.length, learningRate);
  }
}
