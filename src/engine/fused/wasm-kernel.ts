/**
 * The fused engine's WebAssembly kernel (AssemblyScript source in asm/, compiled by `npm run build` to
 * fused.wasm beside this file): the module is compiled once per thread, and each network gets its own instance
 * over its own memory, sized for it at construction and never grown, so typed-array views of it stay valid
 * (a finished run's memories serve the next runs of the thread: withSpareKernelMemories).
 * The kernel computes exp and tanh itself with this thread's Math.exp and Math.tanh bits (asm/libm.ts, tested
 * against them) and takes Math.log, and those two for rare arguments, from this thread.
 */
import { existsSync, readFileSync } from 'node:fs';

/** The few WebAssembly JS-API types used here (the project's TypeScript libs do not declare them). */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
}

/** The kernel's exports; pointers are byte offsets into the instance's memory (asm/index.ts documents each). */
export interface KernelExports {
  setZigguratTables(layers: number, densities: number): void;
  setNoiseLane(lane: number, s0: number, s1: number, s2: number, s3: number): void;
  noiseWord(i: number): number;
  setNoiseNext(lane: number): void;
  noiseNext(): number;
  fillNormal(out: number, n: number, stddev: number): void;
  /** n doubles at p replaced by Math.exp, Math.expm1 or Math.tanh of themselves, computed by the kernel (asm/libm.ts). */
  expRange(p: number, n: number): void;
  expm1Range(p: number, n: number): void;
  tanhRange(p: number, n: number): void;
  hiddenLayer(
    kind: number, flags: number, fanIn: number, n: number, rows: number, input: number, w: number, b: number, z: number, a: number,
    preStd: number, postStd: number, preBlock: number, postBlock: number, zeros: number, rowBuf: number, wOut: number, sums: number, scratch: number,
  ): void;
  backwardColumns2(kind: number, g: number, x: number, a: number, h: number, rows: number, n: number, wOut: number, gwOut: number, gb: number, gw: number): void;
  outputBackRow(kind: number, g: number, a: number, h: number, n: number, wOut: number, gwOut: number, gb: number, delta: number): void;
  kernelGradRow(a: number, fanIn: number, delta: number, gw: number, n: number): void;
  kernelGrad4(a0: number, a1: number, a2: number, a3: number, fanIn: number, delta: number, gw: number, n: number): void;
  deltaBackRow(kind: number, delta: number, w: number, n: number, hIn: number, fanIn: number, deltaIn: number, gbIn: number): void;
  adamStep(
    params: number, grads: number, m: number, v: number, count: number,
    beta1: number, beta2: number, oneMinusBeta1: number, oneMinusBeta2: number, c1: number, c2: number, epsilon: number, negLearningRate: number,
  ): void;
  sgdStep(params: number, grads: number, count: number, negLearningRate: number): void;
  activationForward(kind: number, z: number, n: number, out: number): void;
  activationBackward(kind: number, h: number, dOut: number, n: number, dZ: number): void;
  setUniformState(s0: number, s1: number, s2: number, s3: number): void;
  uniformWord(i: number): number;
  dropoutForward(x: number, out: number, mult: number, n: number, rate: number, kept: number, alpha: number, a: number, b: number, alphaPrime: number): void;
  addNoise(x: number, noise: number, n: number, out: number): void;
  gaussianDropoutForward(x: number, mult: number, n: number, out: number): void;
  noiseBackward(dOut: number, mult: number, n: number, dX: number): void;
  maxPoolForward(inH: number, inW: number, C: number, kh: number, kw: number, sh: number, sw: number, outH: number, outW: number, top: number, left: number, x: number, rows: number, out: number, argmax: number): void;
  maxPoolBackward(dOut: number, outs: number, argmax: number, inCells: number, dX: number): void;
  avgPoolForward(inH: number, inW: number, C: number, kh: number, kw: number, sh: number, sw: number, outH: number, outW: number, top: number, left: number, x: number, rows: number, out: number): void;
  avgPoolBackward(inH: number, inW: number, C: number, kh: number, kw: number, sh: number, sw: number, outH: number, outW: number, top: number, left: number, dOut: number, rows: number, dX: number): void;
  widenF32(src: number, dst: number, n: number): void;
  denseForward(x: number, rows: number, fanIn: number, w: number, b: number, n: number, z: number, nz: number): void;
  denseBackward(x: number, dOut: number, rows: number, fanIn: number, w: number, n: number, gw: number, gb: number, dX: number, sparseDx: number, nz: number): void;
  convForward(
    inH: number, inW: number, C: number, kh: number, kw: number, sh: number, sw: number, outH: number, outW: number, top: number, left: number, F: number,
    x: number, rows: number, kernel: number, bias: number, out: number,
  ): void;
  convBackward(
    inH: number, inW: number, C: number, kh: number, kw: number, sh: number, sw: number, outH: number, outW: number, top: number, left: number, F: number,
    x: number, dOut: number, rows: number, kernel: number, gKernel: number, gBias: number, dX: number,
  ): void;
  lstmForward(
    T: number, F: number, U: number, returnSequences: number, x: number, rows: number, mask: number,
    kernel: number, recurrent: number, bias: number, out: number, gates: number, c: number, h: number, tanhC: number,
  ): void;
  lstmBackward(
    T: number, F: number, U: number, returnSequences: number, x: number, dOut: number, rows: number, mask: number,
    kernel: number, recurrent: number, gKernel: number, gRecurrent: number, gBias: number, dX: number,
    gates: number, c: number, h: number, tanhC: number, dz: number, dh: number, dc: number, dhPrev: number,
  ): void;
}

/** hiddenLayer's flag bits (asm/forward.ts). */
export const LAYER_FLAGS = { pre: 1, post: 2, drawPost: 4, out: 8 } as const;

const WASM_PAGE = 65536;
const WASM_FILE = new URL('./fused.wasm', import.meta.url);

let compiled: WebAssembly.Module | null | undefined;

/**
 * The compiled module, or null when fused.wasm is absent (dist built by `tsc` alone, without `npm run build`).
 * A file that is there but does not compile is a broken build and throws.
 */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) compiled = existsSync(WASM_FILE) ? new WebAssembly.Module(readFileSync(WASM_FILE)) : null;
  return compiled;
}

/** Whether this thread can use the kernel (fused.wasm was built). */
export function wasmKernelAvailable(): boolean {
  return kernelModule() !== null;
}

/**
 * Kernel memories kept for this thread's next networks (issue 13). A fresh WebAssembly.Memory a run is freed
 * only when a GC finds it dead, and V8 starts that GC only once the thread's external memory has grown by
 * about 64 MB: measured with NOISE_SWEEP_MEMORY_LOG on a 30,000-run grid study, each worker thread's external
 * memory swung between 10 and 63 MB, dead memories of finished runs. A run of the fused engine is synchronous
 * (no await: nothing else runs on its thread meanwhile), so the memories it instantiated are dead when it
 * returns; `withSpareKernelMemories` hands them to the next networks of the same size, zero-filled, which is
 * all a fresh memory is: the same bits.
 */
let scope: WebAssembly.Memory[] | null = null;
/** Spares, oldest first: past MAX_SPARE_BYTES the oldest go to the GC (the newest sizes are the likeliest next). */
const spares: WebAssembly.Memory[] = [];
let spareBytes = 0;
/** Spare memory a thread keeps at most: many grid-study networks (a few hundred KB each), not a big CNN's. */
export const MAX_SPARE_BYTES = 32 * 2 ** 20;

/**
 * Runs `f` (synchronous), then keeps the kernel memories instantiated during it as spares for this thread's
 * next networks. Nothing `f` returns may hold a view of them (a run's metrics and history are plain numbers).
 */
export function withSpareKernelMemories<T>(f: () => T): T {
  const outer = scope;
  const mine: WebAssembly.Memory[] = [];
  scope = mine;
  try {
    return f();
  } finally {
    scope = outer;
    for (const memory of mine) keepSpare(memory);
  }
}

function keepSpare(memory: WebAssembly.Memory): void {
  const bytes = memory.buffer.byteLength;
  if (bytes > MAX_SPARE_BYTES) return; // left to the GC, as before
  while (spareBytes + bytes > MAX_SPARE_BYTES) spareBytes -= spares.shift()!.buffer.byteLength;
  spares.push(memory);
  spareBytes += bytes;
}

function takeSpare(pages: number): WebAssembly.Memory | undefined {
  const bytes = pages * WASM_PAGE;
  for (let i = spares.length - 1; i >= 0; i--) {
    const memory = spares[i]!;
    if (memory.buffer.byteLength !== bytes) continue;
    spares.splice(i, 1);
    spareBytes -= bytes;
    new Uint8Array(memory.buffer).fill(0);
    return memory;
  }
  return undefined;
}

/** This thread's spare kernel memories (for tests). */
export function spareKernelMemories(): { count: number; bytes: number } {
  return { count: spares.length, bytes: spareBytes };
}

/** A kernel instance over a fresh (or spare, zero-filled) memory of at least `bytes` bytes. */
export function instantiateKernel(bytes: number): { kernel: KernelExports; buffer: ArrayBuffer } {
  const module = kernelModule();
  if (module === null) throw new Error(`the fused engine's WebAssembly kernel is missing (${WASM_FILE.pathname}): run npm run build`);
  const pages = Math.ceil(bytes / WASM_PAGE);
  const memory = (scope ? takeSpare(pages) : undefined) ?? new WebAssembly.Memory({ initial: pages, maximum: pages });
  scope?.push(memory);
  const instance = new WebAssembly.Instance(module, { env: { memory, exp: Math.exp, expm1: Math.expm1, log: Math.log, tanh: Math.tanh } });
  return { kernel: instance.exports as unknown as KernelExports, buffer: memory.buffer };
}

/**
 * Byte offsets of a network's arrays in its kernel memory, handed out in order, each 16-byte aligned. Starts
 * at 0: the kernel has no data segment and no stack (asm/index.ts, built with the stub runtime and no asserts).
 */
export class Layout {
  private end = 0;

  /** Room for n values of `bytesPer` bytes; returns its offset. */
  take(n: number, bytesPer: 4 | 8): number {
    const at = this.end;
    this.end = at + Math.ceil((n * bytesPer) / 16) * 16;
    return at;
  }

  /** Bytes taken so far. */
  get size(): number {
    return this.end;
  }
}
