/**
 * A compiled plan (build.ts) run as a network: forward through its stages, the head's predictions, and the
 * backward pass from the head's loss gradient back to the first stage with weights. Stages before that one
 * are not run backward, and the first weighted stage computes no input gradient. No allocation per step.
 */
import type { RunConfig } from '../../../config/schema.js';
import type { Xoshiro128 } from '../../rng/xoshiro128.js';
import { fillNormal, lanesFromKernel, lanesToKernel, zigguratKernelTables } from '../../rng/normal.js';
import { computeStepMask } from '../layers/masking.js';
import { Adam, type Optimizer, type OptimizerKind, Sgd } from '../optimizer.js';
import type { KernelExports } from '../wasm-kernel.js';
import { kernelOptimizer } from '../wasm-optimizer.js';
import type { Trainable } from '../trainable.js';
import { type Arena, CountingArena, HeapArena, WasmArena } from './arena.js';
import { buildPlan, type Plan } from './build.js';
import { type Loops, type NormalFill, sizeOf } from './kernel.js';

export interface ChainSpec {
  readonly config: RunConfig;
  readonly input: readonly number[];
  readonly outputs: number;
  readonly initSeed: number;
  /** Most rows one pass handles (a batch, or a whole set when evaluating). */
  readonly maxRows: number;
  /** Which loops the heavy layers run (plan/kernel.ts); default the TypeScript ones. */
  readonly loops?: Loops;
}

/**
 * Most bytes one network's buffers may take. Above it a run fails at once with a message saying what it
 * needs, instead of the process running out of memory: a conv2d of 3000 filters over 64 × 64 images, 64
 * rows a pass, would take about 25 GB (two such runs once made the kernel kill the process on this 23 GB
 * machine). tfjs' wasm backend cannot grow past 2 GiB either; a worker per core shares the machine.
 */
export const MEMORY_LIMIT_BYTES = 2 ** 30;

/** The bytes a network of `spec` takes, counted without allocating them. */
export function chainBytes(spec: ChainSpec): number {
  const arena = new CountingArena();
  new ChainNet(spec, arena);
  return arena.bytes;
}

/**
 * The network of `spec`: on the WebAssembly kernel (loops 'wasm'), every buffer in one kernel memory of
 * `bytes` (chainBytes: what a counting build of the same spec takes), else in JavaScript arrays.
 */
export function makeChainNet(spec: ChainSpec, bytes = chainBytes(spec)): ChainNet {
  return new ChainNet(spec, spec.loops === 'wasm' ? new WasmArena(bytes) : new HeapArena());
}

export class ChainNet implements Trainable {
  readonly plan: Plan;
  readonly maxRows: number;
  readonly params: Float32Array;
  readonly grads: Float64Array;
  readonly output: Float64Array;
  readonly outputs: number;

  private readonly inSize: number;
  private readonly input: Float64Array;
  private readonly logitGrad: Float64Array;
  /** What each stage received in the last forward pass (its backward needs it). */
  private readonly received: Float64Array[];
  /** The first stage with weights: the backward pass stops there. */
  private readonly firstWeighted: number;
  private readonly pass: { rng: Xoshiro128 | null; readonly masks: { readonly raw: Uint8Array; readonly layer: Uint8Array }; readonly normals: NormalFill };
  /** Adam's moments, in the arena (so a kernel optimizer can step them where the weights are). */
  private readonly moments: { readonly m: Float32Array; readonly v: Float32Array };
  private readonly kernel: KernelExports | null;
  private rows = 0;

  constructor(spec: ChainSpec, arena: Arena = new HeapArena()) {
    this.plan = buildPlan({ ...spec, arena });
    this.maxRows = spec.maxRows;
    const { plan } = this;
    this.params = plan.params;
    this.grads = plan.grads;
    this.outputs = plan.head.outputs;
    this.inSize = sizeOf(plan.input);
    this.input = arena.f64(spec.maxRows * this.inSize);
    this.output = arena.f64(spec.maxRows * this.outputs);
    this.logitGrad = arena.f64(spec.maxRows * this.outputs);
    this.received = plan.stages.map(() => this.input);
    this.firstWeighted = plan.stages.findIndex((s) => s.weighted);
    this.moments = { m: arena.f32(plan.paramCount), v: arena.f32(plan.paramCount) };
    this.kernel = spec.loops === 'wasm' ? (arena.kernel ?? null) : null;
    this.pass = {
      rng: null,
      masks: {
        raw: arena.u8(plan.rawMask === null ? 0 : spec.maxRows * plan.rawMask.steps),
        layer: arena.u8(spec.maxRows * plan.maskSteps),
      },
      normals: this.normalFill(arena, spec.loops === 'wasm'),
    };
  }

  /**
   * The noise stages' normal draws: on the WebAssembly path the kernel's ziggurat (asm/normal.ts, tables in
   * the arena, the generator's normal lanes copied in and out), else rng/normal.ts; the same numbers either way.
   */
  private normalFill(arena: Arena, wasm: boolean): NormalFill {
    if (!wasm) return fillNormal;
    const tables = zigguratKernelTables();
    const layers = arena.f64(tables.layers.length);
    const densities = arena.f64(tables.densities.length);
    const kernel = arena.kernel;
    if (kernel === undefined) return fillNormal; // a counting arena: the tables are counted, nothing runs
    layers.set(tables.layers);
    densities.set(tables.densities);
    kernel.setZigguratTables(layers.byteOffset, densities.byteOffset);
    return (rng, out, n, stddev) => {
      lanesToKernel(rng, kernel);
      kernel.fillNormal(out.byteOffset, n, stddev);
      lanesFromKernel(rng, kernel);
    };
  }

  forward(x: Float32Array, order: Int32Array, start: number, count: number, noiseRng: Xoshiro128 | null): void {
    this.rows = count;
    const n = this.inSize;
    const input = this.input;
    for (let r = 0; r < count; r++) {
      const src = order[start + r]! * n;
      const dst = r * n;
      for (let k = 0; k < n; k++) input[dst + k] = x[src + k]!;
    }
    const { plan, pass } = this;
    if (plan.rawMask !== null) computeStepMask(plan.rawMask.steps, plan.rawMask.features, plan.rawMask.maskValue, input, count, pass.masks.raw);
    pass.rng = noiseRng;
    let h = input;
    const stages = plan.stages;
    for (let i = 0; i < stages.length; i++) {
      this.received[i] = h;
      h = stages[i]!.kernel.forward(h, count, pass);
    }
    plan.head.predict(h, count, this.output);
  }

  backward(y: Float32Array, order: Int32Array, start: number): void {
    const rows = this.rows;
    const { plan } = this;
    plan.head.gradient(this.output, rows, y, order, start, this.logitGrad);
    let d: Float64Array = this.logitGrad;
    const stages = plan.stages;
    for (let i = stages.length - 1; i >= this.firstWeighted; i--) {
      d = stages[i]!.kernel.backward(this.received[i]!, d, rows, i > this.firstWeighted)!;
    }
  }

  /** One per network: a second would share the moments. */
  optimizer(kind: OptimizerKind, learningRate: number): Optimizer {
    const { m, v } = this.moments;
    if (this.kernel !== null) return kernelOptimizer(kind, { kernel: this.kernel, params: this.params, grads: this.grads }, learningRate, m, v);
    return kind === 'sgd' ? new Sgd(learningRate) : new Adam(this.params.length, learningRate, m, v);
  }
}
