/**
 * Adam (optimizer.ts: same constants and β^t bookkeeping) with its update in the WebAssembly kernel
 * (asm/optimizer.ts: the same float32 operations four at a time, the same bits), for networks whose weights
 * live in JavaScript memory (the chain of layer kernels, plan/chain-net.ts): each step copies the weights and
 * gradients into the instance's memory and the weights back; the moments stay there. For the CNN example's
 * 13,000 weights the TypeScript update was a tenth of a run; the copies cost a few microseconds.
 */
import { Adam } from './optimizer.js';
import { instantiateKernel, type KernelExports, Layout } from './wasm-kernel.js';

export class CopyingWasmAdam extends Adam {
  private readonly kernel: KernelExports;
  private readonly params: Float32Array;
  private readonly grads: Float64Array;
  private readonly at: { readonly params: number; readonly grads: number; readonly m: number; readonly v: number };

  constructor(size: number, learningRate: number) {
    const layout = new Layout();
    const at = { params: layout.take(size, 4), grads: layout.take(size, 8), m: layout.take(size, 4), v: layout.take(size, 4) };
    const { kernel, buffer } = instantiateKernel(layout.size);
    super(size, learningRate, new Float32Array(buffer, at.m, size), new Float32Array(buffer, at.v, size));
    this.kernel = kernel;
    this.at = at;
    this.params = new Float32Array(buffer, at.params, size);
    this.grads = new Float64Array(buffer, at.grads, size);
  }

  protected override update(params: Float32Array, grads: Float64Array, c1: number, c2: number): void {
    if (params.length !== this.params.length) throw new RangeError(`CopyingWasmAdam: ${params.length} weights, sized for ${this.params.length}`);
    this.params.set(params);
    this.grads.set(grads);
    const { at } = this;
    this.kernel.adamStep(at.params, at.grads, at.m, at.v, params.length, this.beta1, this.beta2, this.oneMinusBeta1, this.oneMinusBeta2, c1, c2, this.epsilon, this.negLearningRate);
    params.set(this.params);
  }
}
