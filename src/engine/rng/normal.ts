/**
 * Seeded standard normal draws over Xoshiro128: a 256-layer ziggurat (Marsaglia & Tsang 2000, "The Ziggurat
 * Method for Generating Random Variables", J. Stat. Softw. 5(8)), with Doornik's fix (2005, "An Improved
 * Ziggurat Method to Generate Normal Random Samples"): the layer index and the uniform come from disjoint
 * bits of the 32-bit draw, so the value does not depend on the layer's bits.
 *
 * Hand-written rather than taken from a package because noise draws are the innermost loop of training
 * (15,000 normals per epoch for `pre` noise on the tutorial's 30×500 layer, 60 million per run) and must be
 * seeded from the run's own Xoshiro128 stream (so the tfjs engine can draw the same numbers), allocation-free
 * and inlinable; @stdlib's normal generators draw from their own PRNGs, not from a generator we pass in.
 * Measured (Node 20, one core of this 2-core machine, 1e7 draws into a Float32Array, best of 5, same
 * Xoshiro128 seed for all, 2026-12-07; command: `npm run build && node dist/test/engine/rng/normal-speed.js`):
 * ziggurat (this file's fillNormal) 133–143 M normals/s (the single-stream fillNormal it replaced: 148–156,
 * in turn, under /tmp/bench.lock, load 2.1–2.7), Marsaglia polar 61 M/s, Box–Muller (both values of each pair)
 * 40 M/s (load 2.8); the WebAssembly kernel's fillNormal 325–341 M/s, 1.12× more since its wedge squeeze
 * (asm/normal.ts; 351 M/s on 2026-12-08, a slower day for this machine).
 *
 * One 32-bit draw per normal on the fast path (≈ 99% of draws): bits 0..7 pick the layer, bits 8..31 give a
 * signed 24-bit uniform u = (2j + 1) / 2^24, symmetric about 0 and never 0. The output resolution is
 * 2^-24 of the layer width, finer than the float32 the noise is stored in.
 */
import type { Xoshiro128 } from './xoshiro128.js';

/** Number of layers (rectangles plus the base strip with the tail). */
const LAYERS = 256;
/** Start of the tail for 256 layers (Marsaglia & Tsang 2000, Table/code `r`). */
export const ZIGGURAT_R = 3.6541528853610088;
/** Area of every layer under f(x) = exp(-x²/2) for 256 layers (Marsaglia & Tsang 2000, code `v`). */
export const ZIGGURAT_V = 0.00492867323399;
/** 2^-24: scale of the odd 25-bit integer (2j + 1) to (-1, 1). */
const INV_2_24 = 1 / 16777216;

/** Right edges x_0 (the base strip's pseudo-width v/f(r)), x_1 = r, …, x_255, and x_256 = 0. */
const X = new Float64Array(LAYERS + 1);
/** f(x_i) = exp(-x_i²/2), increasing in i; f(x_256) = 1. */
const F = new Float64Array(LAYERS + 1);
/** x_i · 2^-24: turns the signed odd integer straight into a point of layer i. */
const SCALE = new Float64Array(LAYERS);
/** x_{i+1}: a point of layer i with |x| below this is under the curve for sure (the fast path). */
const INNER = new Float64Array(LAYERS);

(function buildTables(): void {
  const f = (x: number) => Math.exp(-0.5 * x * x);
  X[0] = ZIGGURAT_V / f(ZIGGURAT_R);
  X[1] = ZIGGURAT_R;
  for (let i = 1; i < LAYERS - 1; i++) X[i + 1] = Math.sqrt(-2 * Math.log(ZIGGURAT_V / X[i]! + f(X[i]!)));
  X[LAYERS] = 0;
  for (let i = 0; i <= LAYERS; i++) F[i] = f(X[i]!);
  for (let i = 0; i < LAYERS; i++) {
    SCALE[i] = X[i]! * INV_2_24;
    INNER[i] = X[i + 1]!;
  }
})();

/** The tables, for tests: x_i and f(x_i), i = 0..256. */
export function zigguratTables(): { readonly x: Float64Array; readonly f: Float64Array } {
  return { x: X.slice(), f: F.slice() };
}

/** Where the squeeze rows start in zigguratKernelTables().densities (after f(x_0..x_256), 16-byte aligned). */
export const SQUEEZE_AT = 260;
/**
 * How far the squeeze's bounds stand off the curve: far above the rounding of the kernel's few double
 * operations and of Math.exp (each well under 1e-15 here, where every value is at most 1), far below the
 * thinnest wedge (f(x_2) − f(x_1) ≈ 0.0013), so it changes no decision and costs no measurable exp calls.
 */
const SQUEEZE_MARGIN = 1e-12;

/**
 * Per layer i ≥ 1, the squeeze that lets the WebAssembly kernel decide a wedge test without exp (asm/normal.ts
 * wedge): in q = x²/2, f = e^{-q} is convex, so on layer i's wedge (q from q_{i+1} to q_i) it lies below the
 * chord c(q) = f(x_i) + (q_i − q) · s, s = (f(x_{i+1}) − f(x_i)) / (q_i − q_{i+1}), and at most
 * min_q (c(q) − f(q)) below it, attained where e^{-q} = s. A point y with y − c(q) above +margin is over the
 * curve, below that minimum −margin under it: the same decision as y < Math.exp(-q), whose bits the kernel
 * still computes for the points in between (about 0.5 % of wedge tests, 0.007 % of draws). Row i holds
 * q_i, s, the lower bound and the upper (+margin), four doubles; row 0 (the base strip) is unused.
 */
function squeezeRows(): Float64Array {
  const rows = new Float64Array(4 * LAYERS);
  for (let i = 1; i < LAYERS; i++) {
    const qHi = 0.5 * X[i]! * X[i]!;
    const qLo = 0.5 * X[i + 1]! * X[i + 1]!;
    const s = (F[i + 1]! - F[i]!) / (qHi - qLo);
    const qStar = Math.min(qHi, Math.max(qLo, -Math.log(s)));
    const gap = Math.exp(-qStar) - (F[i]! + (qHi - qStar) * s); // ≤ 0: the curve's deepest point under the chord
    rows[4 * i] = qHi;
    rows[4 * i + 1] = s;
    rows[4 * i + 2] = gap * (1 + 1e-6) - SQUEEZE_MARGIN;
    rows[4 * i + 3] = SQUEEZE_MARGIN;
  }
  return rows;
}

/**
 * The tables as the WebAssembly kernel (asm/normal.ts) reads them, the same doubles: `layers` holds, for each
 * layer i, x_i · 2^-24 then x_{i+1} (one 16-byte entry, so the fast path reads one cache line); `densities`
 * holds f(x_i), i = 0..256, then from SQUEEZE_AT the wedge squeeze's rows (squeezeRows).
 */
export function zigguratKernelTables(): { readonly layers: Float64Array; readonly densities: Float64Array } {
  const layers = new Float64Array(2 * LAYERS);
  for (let i = 0; i < LAYERS; i++) {
    layers[2 * i] = SCALE[i]!;
    layers[2 * i + 1] = INNER[i]!;
  }
  const densities = new Float64Array(SQUEEZE_AT + 4 * LAYERS);
  densities.set(F);
  densities.set(squeezeRows(), SQUEEZE_AT);
  return { layers, densities };
}

/** A draw from the tail |x| > r (Marsaglia 1964), with the given sign. */
function tail(rng: Xoshiro128, negative: boolean): number {
  for (;;) {
    // (n + 1) · 2^-32 lies in (0, 1], so the logarithms are finite.
    const a = -Math.log((rng.nextUint32() + 1) * 2.3283064365386963e-10) / ZIGGURAT_R;
    const b = -Math.log((rng.nextUint32() + 1) * 2.3283064365386963e-10);
    if (b + b >= a * a) return negative ? -(ZIGGURAT_R + a) : ZIGGURAT_R + a;
  }
}

/** The slow path: point x of layer i missed the inner rectangle; test the wedge or go to the tail, else redraw. */
function slowNormal(rng: Xoshiro128, i: number, x: number): number {
  for (;;) {
    if (i === 0) return tail(rng, x < 0);
    if (F[i]! + rng.nextFloat() * (F[i + 1]! - F[i]!) < Math.exp(-0.5 * x * x)) return x;
    const w = rng.nextUint32() | 0;
    i = w & 255;
    x = ((w >> 7) | 1) * SCALE[i]!;
    if (Math.abs(x) < INNER[i]!) return x;
  }
}

/** One standard normal draw (mean 0, variance 1) from rng's own stream (fillNormal draws from its lanes). */
export function nextNormal(rng: Xoshiro128): number {
  const w = rng.nextUint32() | 0;
  const i = w & 255;
  // (w >> 7) | 1 is 2·(w >> 8) + 1: bits 8..31 as a signed odd integer; bit 7 is overwritten by the | 1.
  const x = ((w >> 7) | 1) * SCALE[i]!;
  if (Math.abs(x) < INNER[i]!) return x;
  return slowNormal(rng, i, x);
}

/** Xoshiro128's state words. TypeScript-private there; read here so the hot loop can keep them in registers. */
interface XoshiroState {
  s0: number;
  s1: number;
  s2: number;
  s3: number;
}

/**
 * Writes n draws of N(0, stddev²) to out[offset], …, out[offset + n - 1] from rng's four normal lanes
 * (Xoshiro128.normalLanes: its seeded state jumped 1..4 times), not from rng's own stream: the generator's
 * m-th normal (m counted over all its fills, from 0) is stddev · nextNormal(lane m mod 4), so on a fresh
 * generator value k of the first fill comes from lane k mod 4, and a fill split into consecutive fills gives
 * the same numbers (the engines draw a noise block whole or row by row). A fill that ends inside a group of
 * four advances only the lanes it used; the next fill goes on with the next lane. Within a lane the ziggurat
 * is nextNormal's (fast path, wedge, tail and redraws all from that lane's stream). Four independent streams
 * let the WebAssembly kernel (asm/normal.ts) step them at once in i32x4.
 *
 * The loop inlines the xoshiro128** step on local copies of a lane's state instead of calling
 * rng.nextUint32() (measured 1.4× faster when fillNormal had one stream), because V8 otherwise stores the
 * four state words back to the object on every draw. test/engine/rng/normal.test.ts checks it against
 * nextNormal on the lanes, draw for draw.
 */
export function fillNormal(rng: Xoshiro128, out: Float32Array | Float64Array, n: number, stddev: number, offset = 0): void {
  if (!(offset >= 0 && n >= 0 && offset + n <= out.length)) throw new RangeError(`fillNormal: ${n} values at offset ${offset} do not fit in ${out.length}`);
  const lanes = rng.normalLanes();
  const first = lanes.next;
  const end = offset + n;
  // Value k of this fill comes from lane (first + k) mod 4, so lane l's first value is k = (l - first) mod 4.
  for (let l = 0; l < 4; l++) fillLane(lanes.lanes[l]!, out, offset + ((l - first) & 3), end, stddev);
  lanes.next = (first + n) & 3;
}

/** out[start], out[start + 4], … below end: stddev · nextNormal(rng) each. */
function fillLane(rng: Xoshiro128, out: Float32Array | Float64Array, start: number, end: number, stddev: number): void {
  const state = rng as unknown as XoshiroState;
  let s0 = state.s0, s1 = state.s1, s2 = state.s2, s3 = state.s3;
  for (let k = start; k < end; k += 4) {
    // xoshiro128** (same as Xoshiro128.nextUint32, but signed: only the bits matter here).
    const t = s1 << 9;
    let w = Math.imul(s1, 5);
    w = Math.imul((w << 7) | (w >>> 25), 9);
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const i = w & 255;
    const x = ((w >> 7) | 1) * SCALE[i]!;
    if (Math.abs(x) < INNER[i]!) {
      out[k] = stddev * x;
    } else {
      state.s0 = s0, state.s1 = s1, state.s2 = s2, state.s3 = s3;
      out[k] = stddev * slowNormal(rng, i, x);
      s0 = state.s0, s1 = state.s1, s2 = state.s2, s3 = state.s3;
    }
  }
  state.s0 = s0, state.s1 = s1, state.s2 = s2, state.s3 = s3;
}

/** What a kernel running fillNormal's lanes (asm/normal.ts) holds between its fills: 4 lanes × 4 state words and the next lane. */
export interface NormalLaneKernel {
  setNoiseLane(lane: number, s0: number, s1: number, s2: number, s3: number): void;
  /** Word j of lane l at i = 4l + j. */
  noiseWord(i: number): number;
  setNoiseNext(lane: number): void;
  noiseNext(): number;
}

/** Copies rng's normal lanes into the kernel, before its fillNormal calls. */
export function lanesToKernel(rng: Xoshiro128, kernel: NormalLaneKernel): void {
  const { lanes, next } = rng.normalLanes();
  for (let l = 0; l < 4; l++) {
    const g = lanes[l]!;
    kernel.setNoiseLane(l, g.stateWord(0), g.stateWord(1), g.stateWord(2), g.stateWord(3));
  }
  kernel.setNoiseNext(next);
}

/** Copies the lanes, as the kernel's fillNormal calls left them, back into rng. */
export function lanesFromKernel(rng: Xoshiro128, kernel: NormalLaneKernel): void {
  const state = rng.normalLanes();
  for (let l = 0; l < 4; l++) {
    state.lanes[l]!.setStateWords(kernel.noiseWord(4 * l), kernel.noiseWord(4 * l + 1), kernel.noiseWord(4 * l + 2), kernel.noiseWord(4 * l + 3));
  }
  state.next = kernel.noiseNext();
}
