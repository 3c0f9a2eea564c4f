/**
 * The fused network on the WebAssembly kernel: the same computation as FusedNet (net.ts), bit for bit, with
 * the per-unit loops, the noise draws and the optimizer step in asm/ (float32, four units per SIMD step;
 * generator state in registers) and the per-row bookkeeping here. Every array lives in the kernel's memory;
 * `params`, `grads` and the optimizer's moments are views of it. test/engine/fused/wasm-net.test.ts checks it against FusedNet
 * bit for bit; the speed of both is in index.ts.
 */
import type { Xoshiro128 } from '../rng/xoshiro128.js';
import { lanesFromKernel, lanesToKernel, zigguratKernelTables } from '../rng/normal.js';
import { ACTIVATIONS, batchLoss, type Net, type NetSpec, outputGradient, outputProbability } from './net.js';
import type { NoisePlan } from './noise-plan.js';
import type { Optimizer, OptimizerKind } from './optimizer.js';
import { kernelOptimizer } from './wasm-optimizer.js';
import { instantiateKernel, type KernelExports, LAYER_FLAGS, Layout } from './wasm-kernel.js';

/**
 * Rows back-propagated together: their deltas are computed row by row, then each kernel gradient takes their
 * four contributions in one pass (asm/backward.ts kernelGrad4), in row order, so each sum keeps its order.
 */
const BACKWARD_BLOCK = 4;

/** Where one Dense layer's arrays are in kernel memory (byte offsets). */
interface LayerPointers {
  readonly fanIn: number;
  readonly width: number;
  readonly kernel: number;
  readonly bias: number;
  /** In the float32 gradients (grads32At), which backward widens into `grads`. */
  readonly kernelGrad: number;
  readonly biasGrad: number;
}

/** Where one hidden layer's activations are (byte offsets). */
interface HiddenPointers {
  /** act(z) before post noise, rows × width float32. */
  readonly activated: number;
  /** What the layer passes on (activated + post noise; the same buffer without post noise). */
  readonly layerOut: number;
  /** dLoss/dz of the rows being back-propagated, BACKWARD_BLOCK rows of width float32. */
  readonly delta: number;
}

/** The fused network on the WebAssembly kernel (see above): one kernel instance and memory per network. */
export class WasmNet implements Net {
  readonly outputs = 1;
  readonly maxRows: number;
  readonly params: Float32Array;
  readonly grads: Float64Array;
  readonly output: Float64Array;

  private readonly kernel: KernelExports;
  private readonly buffer: ArrayBuffer;
  private readonly sizes: readonly number[];
  private readonly activation: number;
  private readonly noise: NoisePlan;
  private readonly layers: LayerPointers[] = [];
  private readonly hidden: HiddenPointers[] = [];
  private readonly paramsAt: number;
  private readonly gradsAt: number;
  /** The gradients as backward sums them, float32; `grads` is them widened. */
  private readonly grads32At: number;
  private readonly grads32: Float32Array;
  /** widest doubles for the host's tanh of a row (asm/forward.ts tanhRow); none unless the activation is tanh. */
  private readonly tanhScratchAt: number;
  private readonly momentsAt: { m: number; v: number };
  private readonly inputAt: number;
  private readonly input: Float32Array;
  private readonly inputNoiseAt: number;
  private readonly inputNoise: Float32Array;
  private readonly noiseAt: { pre: number; post: number; zeros: number; row: number };
  private readonly sumsAt: number;
  private readonly sums: Float32Array;
  private readonly outputGradAt: number;
  private readonly outputGrad: Float32Array;
  private readonly outputBiasIndex: number;
  /** The rows of the block being back-propagated. */
  private readonly block = new Int32Array(BACKWARD_BLOCK);
  private rows = 0;

  constructor(spec: NetSpec) {
    const sizes = spec.sizes;
    if (sizes.length < 3 || sizes[sizes.length - 1] !== 1) throw new Error(`WasmNet: expected sizes [inputs, hidden..., 1], got [${sizes.join(', ')}]`);
    this.sizes = [...sizes];
    this.activation = ACTIVATIONS.indexOf(spec.activation);
    if (this.activation < 0) throw new Error(`WasmNet: unknown activation ${spec.activation}`);
    this.noise = spec.noise;
    const maxRows = spec.maxRows;
    this.maxRows = maxRows;
    const nIn = sizes[0]!;
    const hiddenWidths = sizes.slice(1, -1);
    const widest = Math.max(...hiddenWidths);
    let total = 0;
    for (let l = 0; l + 1 < sizes.length; l++) total += sizes[l]! * sizes[l + 1]! + sizes[l + 1]!;

    const layout = new Layout();
    const tables = zigguratKernelTables();
    const layerTableAt = layout.take(tables.layers.length, 8);
    const densityTableAt = layout.take(tables.densities.length, 8);
    this.paramsAt = layout.take(total, 4);
    this.gradsAt = layout.take(total, 8);
    this.grads32At = layout.take(total, 4);
    this.momentsAt = { m: layout.take(total, 4), v: layout.take(total, 4) };
    this.inputAt = layout.take(maxRows * nIn, 4);
    this.inputNoiseAt = layout.take(this.noise.input > 0 ? maxRows * nIn : 0, 4);
    const hiddenAt = hiddenWidths.map((width) => {
      const activated = layout.take(maxRows * width, 4);
      const layerOut = this.noise.post > 0 ? layout.take(maxRows * width, 4) : activated;
      return { activated, layerOut, delta: layout.take(BACKWARD_BLOCK * width, 4) };
    });
    this.noiseAt = {
      pre: layout.take(this.noise.pre > 0 ? maxRows * widest : 0, 4),
      post: layout.take(this.noise.post > 0 ? maxRows * widest : 0, 4),
      zeros: layout.take(widest, 4),
      row: layout.take(2 * widest, 4),
    };
    this.sumsAt = layout.take(maxRows, 4);
    this.outputGradAt = layout.take(maxRows, 4);
    this.tanhScratchAt = layout.take(spec.activation === 'tanh' ? widest : 0, 8);

    const { kernel, buffer } = instantiateKernel(layout.size);
    this.kernel = kernel;
    this.buffer = buffer;
    new Float64Array(buffer, layerTableAt, tables.layers.length).set(tables.layers);
    new Float64Array(buffer, densityTableAt, tables.densities.length).set(tables.densities);
    kernel.setZigguratTables(layerTableAt, densityTableAt);

    this.params = new Float32Array(buffer, this.paramsAt, total);
    this.grads = new Float64Array(buffer, this.gradsAt, total);
    this.grads32 = new Float32Array(buffer, this.grads32At, total);
    let at = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l]!, width = sizes[l + 1]!;
      const kernelAt = at;
      const biasAt = at + fanIn * width;
      this.layers.push({ fanIn, width, kernel: this.paramsAt + 4 * kernelAt, bias: this.paramsAt + 4 * biasAt, kernelGrad: this.grads32At + 4 * kernelAt, biasGrad: this.grads32At + 4 * biasAt });
      at = biasAt + width;
    }
    this.outputBiasIndex = total - 1;
    this.hidden.push(...hiddenAt);
    this.input = new Float32Array(buffer, this.inputAt, maxRows * nIn);
    this.inputNoise = new Float32Array(buffer, this.inputNoiseAt, this.noise.input > 0 ? maxRows * nIn : 0);
    this.sums = new Float32Array(buffer, this.sumsAt, maxRows);
    this.outputGrad = new Float32Array(buffer, this.outputGradAt, maxRows);
    this.output = new Float64Array(maxRows);
  }

  setWeights(kernels: readonly Float32Array[], biases: readonly Float32Array[]): void {
    let at = 0;
    for (let l = 0; l < kernels.length; l++) {
      this.params.set(kernels[l]!, at);
      at += kernels[l]!.length;
      this.params.set(biases[l]!, at);
      at += biases[l]!.length;
    }
  }

  forward(x: Float32Array, order: Int32Array, start: number, count: number, noiseRng: Xoshiro128 | null): void {
    this.rows = count;
    const { kernel, sizes, input, noise } = this;
    const nIn = sizes[0]!;
    for (let r = 0; r < count; r++) {
      const src = order[start + r]! * nIn;
      for (let k = 0; k < nIn; k++) input[r * nIn + k] = x[src + k]!;
    }
    const noisy = noiseRng !== null;
    if (noisy) lanesToKernel(noiseRng, kernel);
    if (noisy && noise.input > 0) {
      kernel.fillNormal(this.inputNoiseAt, count * nIn, noise.input);
      const buffer = this.inputNoise;
      for (let i = 0; i < count * nIn; i++) input[i] += buffer[i]!; // a float32 sum: the store rounds it
    }
    const flags =
      (noisy && noise.pre > 0 ? LAYER_FLAGS.pre : 0) | (noise.post > 0 ? LAYER_FLAGS.post : 0) | (noisy && noise.post > 0 ? LAYER_FLAGS.drawPost : 0);
    const last = this.hidden.length - 1;
    const outputKernel = this.layers[last + 1]!.kernel;
    let layerIn = this.inputAt;
    for (let l = 0; l <= last; l++) {
      const layer = this.layers[l]!, h = this.hidden[l]!;
      kernel.hiddenLayer(
        this.activation, flags | (l === last ? LAYER_FLAGS.out : 0), layer.fanIn, layer.width, count, layerIn, layer.kernel, layer.bias, h.activated, h.layerOut,
        noise.pre, noise.post, this.noiseAt.pre, this.noiseAt.post, this.noiseAt.zeros, this.noiseAt.row, outputKernel, this.sumsAt,
        this.tanhScratchAt,
      );
      layerIn = h.layerOut;
    }
    if (noisy) lanesFromKernel(noiseRng, kernel);
    const bOut = this.params[this.outputBiasIndex]!;
    const { sums, output } = this;
    for (let r = 0; r < count; r++) output[r] = outputProbability(Math.fround(sums[r]! + bOut));
  }

  backward(y: Float32Array, order: Int32Array, start: number): void {
    const { kernel, sizes, rows: count, outputGrad: g, output: p } = this;
    const invCount = 1 / count;
    for (let r = 0; r < count; r++) g[r] = outputGradient(p[r]!, y[order[start + r]!]!, invCount);
    const grads32 = this.grads32;
    grads32.fill(0);
    let gbOutSum = 0;
    for (let r = 0; r < count; r++) gbOutSum = Math.fround(gbOutSum + g[r]!);
    grads32[this.outputBiasIndex] = gbOutSum;
    const last = this.hidden.length - 1;
    const out = this.layers[last + 1]!;
    const top = this.hidden[last]!;
    const width = sizes[last + 1]!;
    if (last === 0 && sizes[0] === 2) {
      const first = this.layers[0]!;
      kernel.backwardColumns2(this.activation, this.outputGradAt, this.inputAt, top.layerOut, top.activated, count, width, out.kernel, out.kernelGrad, first.biasGrad, first.kernelGrad);
    } else {
      this.backwardRows(count);
    }
    kernel.widenF32(this.grads32At, this.gradsAt, grads32.length);
  }

  /** backward's row-by-row form (FusedNet's backwardRows), for any shape. */
  private backwardRows(count: number): void {
    const { kernel, sizes, outputGrad: g } = this;
    const last = this.hidden.length - 1;
    const out = this.layers[last + 1]!;
    const top = this.hidden[last]!;
    const width = sizes[last + 1]!;
    // As FusedNet, row by row in order, but BACKWARD_BLOCK rows at a time: every gradient is a sum over the rows
    // in order, and a row's deltas depend on no other row, so the rows' deltas can go first, one block at a time.
    const block = this.block;
    let next = 0;
    while (next < count) {
      let size = 0;
      for (; next < count && size < BACKWARD_BLOCK; next++) {
        if (g[next] !== 0) block[size++] = next; // a clipped (or exact) prediction passes no gradient at all
      }
      for (let s = 0; s < size; s++) {
        const r = block[s]!;
        kernel.outputBackRow(this.activation, g[r]!, top.layerOut + 4 * r * width, top.activated + 4 * r * width, width, out.kernel, out.kernelGrad, this.layers[last]!.biasGrad, top.delta + 4 * s * width);
      }
      for (let l = last; l >= 0; l--) {
        const layer = this.layers[l]!;
        const { fanIn, width: n } = layer;
        const aIn = l === 0 ? this.inputAt : this.hidden[l - 1]!.layerOut;
        const delta = this.hidden[l]!.delta;
        if (size === BACKWARD_BLOCK) {
          kernel.kernelGrad4(aIn + 4 * block[0]! * fanIn, aIn + 4 * block[1]! * fanIn, aIn + 4 * block[2]! * fanIn, aIn + 4 * block[3]! * fanIn, fanIn, delta, layer.kernelGrad, n);
        } else {
          for (let s = 0; s < size; s++) kernel.kernelGradRow(aIn + 4 * block[s]! * fanIn, fanIn, delta + 4 * s * n, layer.kernelGrad, n);
        }
        if (l > 0) {
          const below = this.hidden[l - 1]!;
          for (let s = 0; s < size; s++) {
            kernel.deltaBackRow(this.activation, delta + 4 * s * n, layer.kernel, n, below.activated + 4 * block[s]! * fanIn, fanIn, below.delta + 4 * s * fanIn, this.layers[l - 1]!.biasGrad);
          }
        }
      }
    }
  }

  loss(y: Float32Array, order: Int32Array, start: number): number {
    return batchLoss(this.output, this.rows, y, order, start);
  }

  optimizer(kind: OptimizerKind, learningRate: number): Optimizer {
    const n = this.params.length;
    const { m, v } = this.momentsAt;
    return kernelOptimizer(kind, { kernel: this.kernel, params: this.params, grads: this.grads }, learningRate, new Float32Array(this.buffer, m, n), new Float32Array(this.buffer, v, n));
  }
}
