/**
 * What the fused engine's training loop and evaluator need of a network: the tutorial's fast path (net.ts,
 * wasm-net.ts) and the compiled chain of layer kernels (plan/chain-net.ts) both provide it.
 */
import type { Xoshiro128 } from '../rng/xoshiro128.js';
import type { Optimizer, OptimizerKind } from './optimizer.js';

export interface Trainable {
  /** Every weight, the array the optimizer updates. */
  readonly params: Float32Array;
  /** dLoss/dparams of the last backward pass, same layout as params. */
  readonly grads: Float64Array;
  /** Predictions of the last forward pass: `rows × outputs` values (probabilities, or the regression output). */
  readonly output: Float64Array;
  /** Output units per row. */
  readonly outputs: number;
  /** Most rows one forward pass takes. */
  readonly maxRows: number;
  /**
   * Forward pass over rows `order[start]`, …, `order[start + count - 1]` of `x`; with `noiseRng` the noise
   * sites are active (training phase), with null the network is deterministic (inference).
   */
  forward(x: Float32Array, order: Int32Array, start: number, count: number, noiseRng: Xoshiro128 | null): void;
  /** Backward pass for the last forward pass against labels `y[order[start + r]]`: fills `grads`. */
  backward(y: Float32Array, order: Int32Array, start: number): void;
  /** An optimizer over this network's params and grads. */
  optimizer(kind: OptimizerKind, learningRate: number): Optimizer;
}
