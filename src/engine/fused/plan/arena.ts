/**
 * Where a compiled plan's buffers live. Every buffer a network needs (parameters, gradients, activations,
 * noise blocks, masks, tapes) is taken from an arena once, when the plan is built: a step allocates nothing.
 * The arena here hands out JavaScript typed arrays; a WebAssembly kernel can hand out views of its memory
 * instead (their byteOffset is the pointer the kernel takes), so kernels are written against this interface.
 */

export interface Arena {
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
