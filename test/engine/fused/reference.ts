/**
 * A plain double-precision MLP written from the engine's documented contract, independent of its kernels: for
 * checking the fused network's forward pass, its gradients (with finite differences of `referenceLoss`) and its
 * training loop. Slow and simple on purpose: arrays of rows, no fusion, no skipping.
 */
import type { Activation } from '../../../src/engine/fused/net.js';
import { fillNormal } from '../../../src/engine/rng/normal.js';
import type { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';

export interface RefNet {
  readonly sizes: number[];
  readonly activation: Activation;
  /** kernels[l][k][j]: from unit k of layer l to unit j of layer l + 1. */
  kernels: number[][][];
  biases: number[][];
}

/** Noise blocks of one forward pass, drawn in the documented order (input, then pre_i, post_i per hidden layer). */
export interface RefNoise {
  input: number[][] | null;
  pre: (number[][] | null)[];
  post: (number[][] | null)[];
}

const f = (kind: Activation, z: number): number => (kind === 'relu' ? Math.max(z, 0) : kind === 'tanh' ? Math.tanh(z) : kind === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : z);
const df = (kind: Activation, z: number): number => {
  if (kind === 'relu') return z > 0 ? 1 : 0;
  if (kind === 'tanh') return 1 - Math.tanh(z) ** 2;
  if (kind === 'sigmoid') {
    const s = 1 / (1 + Math.exp(-z));
    return s * (1 - s);
  }
  return 1;
};

/** Draws the noise of one forward pass over `rows` rows (stddev 0 = no draw, as in the tfjs layer). */
export function drawNoise(rng: Xoshiro128, sizes: number[], rows: number, std: { input: number; pre: number; post: number }): RefNoise {
  const block = (width: number, s: number): number[][] | null => {
    if (s === 0) return null;
    const flat = new Float32Array(rows * width);
    fillNormal(rng, flat, rows * width, s);
    return Array.from({ length: rows }, (_, r) => Array.from(flat.subarray(r * width, (r + 1) * width)));
  };
  const noise: RefNoise = { input: block(sizes[0]!, std.input), pre: [], post: [] };
  for (let l = 1; l + 1 < sizes.length; l++) {
    noise.pre.push(block(sizes[l]!, std.pre));
    noise.post.push(block(sizes[l]!, std.post));
  }
  return noise;
}

interface Trace {
  /** Input of each Dense layer per row. */
  inputs: number[][][];
  /** Pre-activation (with pre noise) of each hidden layer per row. */
  zs: number[][][];
  probabilities: number[];
}

function trace(net: RefNet, x: number[][], noise: RefNoise | null): Trace {
  const hidden = net.sizes.length - 2;
  const inputs: number[][][] = [];
  const zs: number[][][] = [];
  let a = x.map((row, r) => row.map((v, k) => v + (noise?.input?.[r]![k] ?? 0)));
  for (let l = 0; l <= hidden; l++) {
    inputs.push(a);
    const z = a.map((row) => net.biases[l]!.map((b, j) => row.reduce((s, v, k) => s + v * net.kernels[l]![k]![j]!, b)));
    if (l === hidden) return { inputs, zs, probabilities: z.map((row) => 1 / (1 + Math.exp(-row[0]!))) };
    const zn = z.map((row, r) => row.map((v, j) => v + (noise?.pre[l]?.[r]![j] ?? 0)));
    zs.push(zn);
    a = zn.map((row, r) => row.map((v, j) => f(net.activation, v) + (noise?.post[l]?.[r]![j] ?? 0)));
  }
  throw new Error('unreachable');
}

/** Sigmoid outputs of rows x. */
export function referenceForward(net: RefNet, x: number[][], noise: RefNoise | null): number[] {
  return trace(net, x, noise).probabilities;
}

const EPS = 1e-7;

/** Mean binary cross-entropy with the prediction clipped to [1e-7, 1 - 1e-7] (Keras / tfjs-layers). */
export function referenceLoss(net: RefNet, x: number[][], y: number[], noise: RefNoise | null): number {
  const p = referenceForward(net, x, noise);
  return p.reduce((s, pi, r) => {
    const c = Math.min(Math.max(pi, EPS), 1 - EPS);
    return s - (y[r]! * Math.log(c) + (1 - y[r]!) * Math.log(1 - c));
  }, 0) / p.length;
}

/** Gradients of referenceLoss by backpropagation; zero through the clip where it clips (tfjs' ClipByValue gradient). */
export function referenceGradients(net: RefNet, x: number[][], y: number[], noise: RefNoise | null): { kernels: number[][][]; biases: number[][] } {
  const t = trace(net, x, noise);
  const hidden = net.sizes.length - 2;
  const kernels = net.kernels.map((w) => w.map((row) => row.map(() => 0)));
  const biases = net.biases.map((b) => b.map(() => 0));
  for (let r = 0; r < x.length; r++) {
    const p = t.probabilities[r]!;
    let delta = [p >= EPS && p <= 1 - EPS ? (p - y[r]!) / x.length : 0];
    for (let l = hidden; l >= 0; l--) {
      const input = t.inputs[l]![r]!;
      for (let k = 0; k < input.length; k++) for (let j = 0; j < delta.length; j++) kernels[l]![k]![j]! += input[k]! * delta[j]!;
      for (let j = 0; j < delta.length; j++) biases[l]![j]! += delta[j]!;
      if (l === 0) break;
      const z = t.zs[l - 1]![r]!;
      delta = z.map((zk, k) => df(net.activation, zk) * delta.reduce((s, d, j) => s + d * net.kernels[l]![k]![j]!, 0));
    }
  }
  return { kernels, biases };
}

/** A RefNet holding the same numbers as flat float32 kernels/biases (init.ts layout). */
export function refNetFrom(sizes: number[], activation: Activation, kernels: readonly Float32Array[], biases: readonly Float32Array[]): RefNet {
  return {
    sizes,
    activation,
    kernels: kernels.map((w, l) => Array.from({ length: sizes[l]! }, (_, k) => Array.from(w.subarray(k * sizes[l + 1]!, (k + 1) * sizes[l + 1]!)))),
    biases: biases.map((b) => Array.from(b)),
  };
}
