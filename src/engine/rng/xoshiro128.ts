/**
 * xoshiro128** (Blackman & Vigna, 2018): a small, fast 32-bit generator with 128 bits of state.
 * Hand-written rather than taken from a package because it sits in the innermost loop of training
 * (tens of millions of draws per run) and must be monomorphic, allocation-free and inlinable; the
 * reference values in test/engine/rng/xoshiro128.test.ts come from the authors' C code.
 *
 * Streams: a run derives independent generators from its seed and a stream id (init, shuffle, noise, ...)
 * so that, for example, turning noise on does not change the initial weights or the batch order.
 */

/** Stream ids: each kind of randomness of a run draws from its own generator. */
export const STREAM = { init: 1, shuffle: 2, noise: 3, evalNoise: 4 } as const;

/** splitmix32 step (Vigna's 32-bit variant of splitmix64's finalizer): spreads a seed over the state. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Raw state constructor; use fromSeed for seeding. The state must not be all zero. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) throw new Error('Xoshiro128: the state must not be all zero');
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** Generator for stream `stream` of the run seeded with `seed` (both 32-bit unsigned integers). */
  static fromSeed(seed: number, stream = 0): Xoshiro128 {
    let x = (seed >>> 0) ^ Math.imul(stream + 1, 0x27d4eb2d);
    const s: number[] = [];
    for (let i = 0; i < 4; i++) {
      x = splitmix32(x + i);
      s.push(x);
    }
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
    return new Xoshiro128(s[0]!, s[1]!, s[2]!, s[3]!);
  }

  /** State word i (0..3) as a signed 32-bit integer: for kernels that run this generator elsewhere (WebAssembly). */
  stateWord(i: number): number {
    return i === 0 ? this.s0 : i === 1 ? this.s1 : i === 2 ? this.s2 : this.s3;
  }

  /** Overwrites the state with words that such a kernel advanced (what stateWord gave, moved on by it). */
  setStateWords(s0: number, s1: number, s2: number, s3: number): void {
    if ((s0 | s1 | s2 | s3) === 0) throw new Error('Xoshiro128: the state must not be all zero');
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const t = s1 << 9;
    let r = Math.imul(s1, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return r >>> 0;
  }

  /** Uniform double in [0, 1) with 32 bits of randomness. */
  nextFloat(): number {
    return this.nextUint32() * 2.3283064365386963e-10; // 2^-32
  }

  /**
   * Uniform integer in [0, n) for 0 < n <= 2^31, without modulo bias (Lemire's multiply-and-reject).
   * The 64-bit product x * n is split in 16-bit halves so every intermediate stays exact in a double.
   */
  nextBelow(n: number): number {
    if (!(Number.isInteger(n) && n > 0 && n <= 0x80000000)) throw new RangeError(`nextBelow: n must be an integer in (0, 2^31], got ${n}`);
    const threshold = (0x100000000 - n) % n;
    for (;;) {
      const x = this.nextUint32();
      const lo = Math.imul(x, n) >>> 0; // low 32 bits of x * n
      if (lo >= threshold) {
        const a = (x >>> 16) * n; // < 2^47
        const b = (x & 0xffff) * n; // < 2^47
        return Math.floor((a + Math.floor(b / 0x10000)) / 0x10000);
      }
    }
  }
}
