/**
 * Where a compiled plan's buffers live. Every buffer a network needs (parameters, gradients, activations,
 * noise blocks, masks, tapes) is taken from an arena once, when the plan is built: a step allocates nothing.
 * The arena here hands out JavaScript typed arrays; a WebAssembly kernel can hand out views of its memory
 * instead (their byteOffset is the pointer the kernel takes), so kernels are written against this interface.
 */
import { instantiateKernel, type KernelExports, Layout } from '../wasm-kernel.js';

export interface Arena {
  /** True for an arena that only counts bytes (its arrays are empty): a plan built on it is never run. */
  readonly counting?: boolean;
  /** The WebAssembly kernel whose memory holds this arena's arrays (their byteOffset is their pointer). */
  readonly kernel?: KernelExports;
  f64(n: number): Float64Array;
  f32(n: number): Float32Array;
  u8(n: number): Uint8Array;
  i32(n: number): Int32Array;
}

/** Fresh typed arrays, counting the bytes taken (what a kernel memory must hold). */
export class HeapArena implements Arena {
  private taken = 0;

  f64(n: number): Float64Array {
    this.count(n * 8);
    return new Float64Array(n);
  }

  f32(n: number): Float32Array {
    this.count(n * 4);
    return new Float32Array(n);
  }

  u8(n: number): Uint8Array {
    this.count(n);
    return new Uint8Array(n);
  }

  i32(n: number): Int32Array {
    this.count(n * 4);
    return new Int32Array(n);
  }

  /** Bytes taken so far, each buffer rounded up to 16 (the alignment a SIMD kernel wants). */
  get bytes(): number {
    return this.taken;
  }

  private count(bytes: number): void {
    this.taken += Math.ceil(bytes / 16) * 16;
  }
}

/**
 * Counts the bytes a plan would take without allocating them (its arrays are empty), so a network too big
 * for memory is refused before it is built (chain-net.ts).
 */
export class CountingArena implements Arena {
  readonly counting = true;
  private taken = 0;

  f64(n: number): Float64Array {
    this.count(n * 8);
    return new Float64Array(0);
  }

  f32(n: number): Float32Array {
    this.count(n * 4);
    return new Float32Array(0);
  }

  u8(n: number): Uint8Array {
    this.count(n);
    return new Uint8Array(0);
  }

  i32(n: number): Int32Array {
    this.count(n * 4);
    return new Int32Array(0);
  }

  get bytes(): number {
    return this.taken;
  }

  private count(bytes: number): void {
    this.taken += Math.ceil(bytes / 16) * 16;
  }
}

/**
 * Views of one WebAssembly kernel's memory, sized up front (a CountingArena's count of the same requests:
 * both round each buffer to 16 bytes) and never grown, so the views stay valid.
 */
export class WasmArena implements Arena {
  readonly kernel: KernelExports;
  readonly buffer: ArrayBuffer;
  private readonly layout = new Layout();

  constructor(readonly bytes: number) {
    ({ kernel: this.kernel, buffer: this.buffer } = instantiateKernel(Math.max(bytes, 16)));
  }

  f64(n: number): Float64Array {
    return new Float64Array(this.buffer, this.take(n, 8), n);
  }

  f32(n: number): Float32Array {
    return new Float32Array(this.buffer, this.take(n, 4), n);
  }

  u8(n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(Math.ceil(n / 4), 4), n);
  }

  i32(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(n, 4), n);
  }

  private take(n: number, bytesPer: 4 | 8): number {
    const at = this.layout.take(n, bytesPer);
    if (this.layout.size > this.bytes) throw new RangeError(`WasmArena: ${this.layout.size} bytes taken, sized for ${this.bytes}`);
    return at;
  }
}
