/**
 * The fused engine's WebAssembly kernel (AssemblyScript source in asm/, compiled by `npm run build` to
 * fused.wasm beside this file): the module is compiled once per thread, and each network gets its own instance
 * over its own memory, sized for it at construction and never grown, so typed-array views of it stay valid.
 * The kernel takes Math.exp, Math.log and Math.tanh from this thread, so both paths share them bit for bit.
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
  setNoiseState(s0: number, s1: number, s2: number, s3: number): void;
  noiseState(i: number): number;
  fillNormal(out: number, n: number, stddev: number): void;
  hiddenLayer(
    kind: number, flags: number, fanIn: number, n: number, rows: number, input: number, w: number, b: number, z: number, a: number,
    preStd: number, postStd: number, preBlock: number, postBlock: number, zeros: number, rowBuf: number, wOut: number, sums: number,
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

/** A kernel instance over a fresh memory of at least `bytes` bytes (zero-filled). */
export function instantiateKernel(bytes: number): { kernel: KernelExports; buffer: ArrayBuffer } {
  const module = kernelModule();
  if (module === null) throw new Error(`the fused engine's WebAssembly kernel is missing (${WASM_FILE.pathname}): run npm run build`);
  const pages = Math.ceil(bytes / WASM_PAGE);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const doubles = new Float64Array(memory.buffer);
  const tanhRange = (at: number, n: number): void => {
    for (let i = at / 8, end = i + n; i < end; i++) doubles[i] = Math.tanh(doubles[i]!);
  };
  const instance = new WebAssembly.Instance(module, { env: { memory, exp: Math.exp, log: Math.log, tanhRange } });
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
