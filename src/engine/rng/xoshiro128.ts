/**
 * xoshiro128** (Blackman & Vigna, 2018): a small, fast 32-bit generator with 128 bits of state.
 * Hand-written rather than taken from a package because it sits in the innermost loop of training
 * (tens of millions of draws per run) and must be monomorphic, allocation-free and inlinable; the
 * reference values in test/engine/rng/xoshiro128.test.ts come from the authors' C code.
 *
 * Streams: a run derives independent generators from its seed and a stream id (init, shuffle, noise, ...)
 * so that, for example, turning noise on does not change the initial weights or the batch order.
 *
 * Normal lanes: fillNormal (rng/normal.ts) draws a generator's normals from four generators of its own, its
 * seeded state jumped 1, 2, 3 and 4 times (jump(): 2^64 steps each), in turn, so a SIMD kernel can step all
 * four at once (asm/normal.ts). The base generator keeps its stream for everything else (uniforms,
 * nextNormal); the five never overlap unless one of them draws 2^64 numbers.
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

/** xoshiro128's jump polynomial (Blackman & Vigna's xoshiro128starstar.c): jump() is 2^64 steps of next(). */
const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b] as const;

export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** The state the generator was made with: its normal lanes derive from it, not from wherever it has got to. */
  private readonly seeded: readonly [number, number, number, number];
  private lanes: NormalLanes | null = null;

  /** Raw state constructor; use fromSeed for seeding. The state must not be all zero. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) throw new Error('Xoshiro128: the state must not be all zero');
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    this.seeded = [this.s0, this.s1, this.s2, this.s3];
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

  /** Advances the generator by 2^64 steps (the authors' jump(): 2^64 non-overlapping subsequences). */
  jump(): void {
    let j0 = 0, j1 = 0, j2 = 0, j3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          j0 ^= this.s0;
          j1 ^= this.s1;
          j2 ^= this.s2;
          j3 ^= this.s3;
        }
        this.nextUint32();
      }
    }
    this.s0 = j0;
    this.s1 = j1;
    this.s2 = j2;
    this.s3 = j3;
  }

  /**
   * The four generators fillNormal draws this generator's normals from: lane l is the state this generator was
   * made with, jumped l + 1 times. Made on first use (four jumps), then kept and advanced by the draws.
   */
  normalLanes(): NormalLanes {
    if (this.lanes === null) {
      const g = new Xoshiro128(...this.seeded);
      const next = (): Xoshiro128 => {
        g.jump();
        return new Xoshiro128(g.s0, g.s1, g.s2, g.s3);
      };
      this.lanes = new NormalLanes([next(), next(), next(), next()]);
    }
    return this.lanes;
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

/**
 * A generator's normal lanes (Xoshiro128.normalLanes) and whose turn it is: the generator's m-th normal (m
 * counted from 0 over all its fillNormal calls) is the (m div 4)-th draw of lane m mod 4. So a fill of n
 * values split into consecutive fills gives the same numbers (the engines draw a block whole or row by row).
 */
export class NormalLanes {
  /** Lane of the next normal (0..3). */
  next = 0;

  constructor(readonly lanes: readonly [Xoshiro128, Xoshiro128, Xoshiro128, Xoshiro128]) {}
}
