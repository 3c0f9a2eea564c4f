/**
 * numpy's legacy `np.random.RandomState(seed)` for integer seeds: the same MT19937 stream and the same
 * algorithms on top of it (numpy/random/mtrand.pyx, src/distributions/distributions.c and
 * src/legacy/legacy-distributions.c, numpy 1.17 to 2.x; these legacy streams are frozen by NEP 19).
 * scikit-learn's generators draw from it through `check_random_state(int)`.
 */
import mt19937Factory from '@stdlib/random-base-mt19937';
import { crLog } from './correctly-rounded.js';

/** MT19937 state size in 32-bit words. */
const MT_N = 624;
/** Knuth's multiplier in MT19937's init_genrand. */
const INIT_MULTIPLIER = 1812433253;

/** stdlib's typings omit `normalized` from the factory's generator; the runtime object has it (lib/factory.js). */
type Mt19937 = ReturnType<typeof mt19937Factory.factory> & { readonly normalized: () => number };
type Mt19937Options = Parameters<typeof mt19937Factory.factory>[0];

function createMt19937(options: Mt19937Options): Mt19937 {
  return mt19937Factory.factory(options) as Mt19937;
}

/** An array-like whose elements can be swapped in place (plain arrays and typed arrays). */
export interface Swappable<T> {
  readonly length: number;
  [index: number]: T;
}

export class RandomState {
  private readonly mt: Mt19937;
  /** legacy_gauss draws normals in pairs and keeps the second for the next call. */
  private hasGauss = false;
  private gauss = 0;

  /** Same stream as `np.random.RandomState(seed)`; seed is an integer in [0, 2^32 - 1]. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`RandomState: seed must be an integer in [0, 2^32 - 1], got ${seed}`);
    }
    this.mt = seed === 0 ? seededWithZero() : createMt19937({ seed });
  }

  /** Next raw 32-bit output (numpy's next_uint32). */
  nextUint32(): number {
    return this.mt();
  }

  /**
   * `random_sample()`: a double in [0, 1) from two 32-bit draws, (a>>5)·2^26 + (b>>6) over 2^53,
   * which is exactly what stdlib's `normalized()` computes.
   */
  randomSample(): number {
    return this.mt.normalized();
  }

  /**
   * `standard_normal()` of the legacy RandomState (legacy_gauss): Marsaglia's polar method; each accepted
   * pair yields f·x2 now and caches f·x1 for the next call.
   */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const cached = this.gauss;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.randomSample() - 1.0;
      x2 = 2.0 * this.randomSample() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    // crLog, not Math.log: see correctly-rounded.ts (V8's log differs from glibc's on 7% of these r2).
    const f = Math.sqrt((-2.0 * crLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `normal(loc, scale)`: loc + scale·standardNormal(), in that order of operations. */
  normal(loc = 0.0, scale = 1.0): number {
    return loc + scale * this.standardNormal();
  }

  /**
   * `random_interval(max)`: a uniform integer in [0, max] by masked rejection on 32-bit draws
   * (numpy uses 64-bit draws only when max > 2^32 - 1, which no array here reaches).
   */
  interval(max: number): number {
    if (max === 0) return 0;
    if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) throw new RangeError(`RandomState.interval: max must be an integer in [0, 2^32 - 1], got ${max}`);
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.mt() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** `shuffle(x)` in place: Fisher–Yates from the last element down, j = random_interval(i). */
  shuffle<T>(x: Swappable<T>): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = x[i]!;
      x[i] = x[j]!;
      x[j] = t;
    }
  }

  /** `permutation(n)`: arange(n), shuffled. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }
}

/**
 * stdlib's factory rejects seed 0 (it wants a positive integer), so build the state init_genrand(0) gives
 * (the same recurrence stdlib uses for other seeds) and load it through the documented state array:
 * [version, sections, N, ...state, 1, index, seedLength, ...seed].
 */
function seededWithZero(): Mt19937 {
  const template = createMt19937({ seed: 1 }).state;
  const state = new Uint32Array(template.length);
  state.set(template);
  const offset = 3;
  state[offset] = 0;
  for (let i = 1; i < MT_N; i++) {
    const prev = state[offset + i - 1]!;
    state[offset + i] = (Math.imul(prev ^ (prev >>> 30), INIT_MULTIPLIER) + i) >>> 0;
  }
  state[offset + MT_N + 1] = MT_N; // index N: twist before the first output, as after seeding
  state[state.length - 1] = 0; // the recorded seed
  return createMt19937({ state });
}
