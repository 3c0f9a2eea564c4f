/**
 * Where a compiled plan's buffers live. Every buffer a network needs (parameters, gradients, activations,
 * noise blocks, masks, tapes) is taken from an arena once, when the plan is built: a step allocates nothing.
 * The arena here hands out JavaScript typed arrays; a WebAssembly kernel can hand out views of its memory
 * instead (their byteOffset is the pointer the kernel takes), so kernels are written against this interface.
 */

export interface Arena {
  /** True for an arena that only counts bytes (its arrays are empty): a plan built on it is never run. */
  readonly counting?: boolean;
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
