/**
 * Adam and SGD (optimizer.ts: the same constants, the same β^t bookkeeping, the same float32 operations) with
 * their update in the WebAssembly kernel (asm/optimizer.ts), over params, grads and moments that are views of
 * that kernel's memory: the tutorial's WasmNet and the plan's chain on a WebAssembly arena both use them.
 */
import { Adam, type Optimizer, type OptimizerKind, Sgd } from './optimizer.js';
import type { KernelExports } from './wasm-kernel.js';

/** What a kernel optimizer steps: a network's params and grads in the kernel's memory. */
export interface KernelStepTarget {
  readonly kernel: KernelExports;
  readonly params: Float32Array;
  readonly grads: Float64Array;
}

/** Throws unless the arrays are the target's own (the kernel steps its memory, not whatever it is given). */
function checkOwn(target: KernelStepTarget, params: Float32Array, grads: Float64Array): void {
  if (params !== target.params || grads !== target.grads) throw new Error('a kernel optimizer steps only its own network’s params and grads');
}

class KernelAdam extends Adam {
  constructor(private readonly target: KernelStepTarget, learningRate: number, m: Float32Array, v: Float32Array) {
    super(m.length, learningRate, m, v);
  }

  protected override update(params: Float32Array, grads: Float64Array, c1: number, c2: number): void {
    checkOwn(this.target, params, grads);
    this.target.kernel.adamStep(params.byteOffset, grads.byteOffset, this.m.byteOffset, this.v.byteOffset, params.length, this.beta1, this.beta2, this.oneMinusBeta1, this.oneMinusBeta2, c1, c2, this.epsilon, this.negLearningRate);
  }
}

class KernelSgd extends Sgd {
  constructor(private readonly target: KernelStepTarget, learningRate: number) {
    super(learningRate);
  }

  override step(params: Float32Array, grads: Float64Array): void {
    checkOwn(this.target, params, grads);
    this.target.kernel.sgdStep(params.byteOffset, grads.byteOffset, params.length, this.negLearningRate);
  }
}

/**
 * An optimizer over the target, its update in the kernel; Adam's moments `m` and `v` (zeros, params.length
 * each) must be views of the same memory. One per network: a second would share the moments.
 */
export function kernelOptimizer(kind: OptimizerKind, target: KernelStepTarget, learningRate: number, m: Float32Array, v: Float32Array): Optimizer {
  return kind === 'sgd' ? new KernelSgd(target, learningRate) : new KernelAdam(target, learningRate, m, v);
}
