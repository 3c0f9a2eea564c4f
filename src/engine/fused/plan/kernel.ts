/**
 * The layer-kernel seam of the fused engine's plan: one kernel per layer of the network (and per noise site),
 * each owning its buffers (taken from the plan's arena when it is built), chained by the plan (chain-net.ts).
 *
 * A kernel works on a batch of rows, float64 activations, float32 weights (what tfjs stores), float64
 * gradients. forward may return its input unchanged (flatten, noise in inference) instead of copying it, and
 * backward may return dOut itself (flatten, additive noise): the chain passes on whatever array comes back.
 */
import type { Xoshiro128 } from '../../rng/xoshiro128.js';
import type { Arena } from './arena.js';

/** Step masks of a forward pass (rows × steps, 1 for a real step), as the tfjs stack hands them on. */
export interface StepMasks {
  /** The mask the masking layer would find in the raw input: what noise before that layer keeps to (noise.mask). */
  readonly raw: Uint8Array;
  /** The mask the masking layer found in its input: what the LSTM and noise after the masking layer use. */
  readonly layer: Uint8Array;
}

/** Which mask a kernel reads, fixed when the plan is built. */
export type MaskSource = 'raw' | 'layer' | null;

/** Writes n draws of N(0, stddev²) from rng to out[0..n): rng/normal.ts fillNormal, or the kernel's, the same numbers. */
export type NormalFill = (rng: Xoshiro128, out: Float32Array, n: number, stddev: number) => void;

/** What one forward pass shares: the noise generator (null: inference, every noise site off) and the masks. */
export interface Pass {
  readonly rng: Xoshiro128 | null;
  readonly masks: StepMasks;
  readonly normals: NormalFill;
}

export interface LayerKernel {
  /** Shape of one output row. */
  readonly outShape: readonly number[];
  /**
   * Whether the chain up to and including this kernel ignores dOut wherever this kernel's output is exactly 0
   * (a ReLU's zeros pass no gradient; so do a max pool's or a flatten's of them): the kernel after it may then
   * leave its dX at 0 there instead of computing it, which changes no weight's gradient.
   */
  readonly zerosIgnored: boolean;
  /**
   * Forward over `rows` rows of x (rows × input size, row-major); returns the output (its own buffer, or x).
   * Draws noise from pass.rng in the order plan/build.ts documents.
   */
  forward(x: Float64Array, rows: number, pass: Pass): Float64Array;
  /**
   * Backward for the last forward over the same x, given dOut (rows × output size): overwrites this kernel's
   * parameter gradients, and returns dLoss/dx when wantDx (null otherwise).
   */
  backward(x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null;
}

/** A kernel's weights and their gradients, views of the plan's flat arrays, in tfjs' order for the layer. */
export interface ParamViews {
  readonly values: readonly Float32Array[];
  readonly grads: readonly Float64Array[];
}

/** What a kernel factory gets from the plan builder. */
export interface KernelContext {
  readonly arena: Arena;
  /** Shape of one input row. */
  readonly inShape: readonly number[];
  /** Most rows one pass handles (a batch, or a whole set when evaluating). */
  readonly maxRows: number;
  /** The layer's weights (empty for layers without any). */
  readonly params: ParamViews;
  /** The step mask this kernel reads. */
  readonly mask: MaskSource;
  /**
   * Which loops run the heavy layers: the WebAssembly kernel's (asm/, over the plan's arena when it lives in
   * the kernel's memory, or the layers/*-wasm.ts twins) or the TypeScript ones; they compute the same bits
   * (test/engine/fused/plan/chain-wasm.test.ts).
   */
  readonly loops: Loops;
  /** The previous stage's zerosIgnored (false for the first stage). */
  readonly inputZerosIgnored: boolean;
}

/** The implementation of a layer's loops: 'wasm' (the kernel's SIMD twins) or 'js' (the TypeScript reference). */
export type Loops = 'wasm' | 'js';

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
