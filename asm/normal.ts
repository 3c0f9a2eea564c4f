/**
 * fillNormal of src/engine/rng/normal.ts (xoshiro128** under a 256-layer ziggurat, four generator lanes taking
 * turns), draw for draw the same numbers: the same bit operations, the same tables (copied in from JavaScript,
 * so they are the same doubles) and the host's Math.exp / Math.log on the rare slow path. The four lanes'
 * states live in this module's globals between calls, one i32x4 per state word; the JavaScript side copies a
 * Xoshiro128's normal lanes in before and out after (normal.ts lanesToKernel, lanesFromKernel).
 *
 * Measured (Node 20, `npm run build && node dist/test/engine/rng/normal-speed.js`, this build and the
 * single-stream kernel it replaced (487f0fa) run in turn, 3 times each, under /tmp/bench.lock, load 2.1–2.7 on
 * this 2-core machine, 2026-12-07): 325–341 M normals/s against 260–264 M/s, 1.3×, not the 3× four lanes were
 * meant to give. The
 * single-stream loop was not bound by its state's dependency chain (a few dependent operations per step) but
 * by the work per draw, and SIMD shares only part of it: V8's code for one group of four (--print-wasm-code)
 * is about 90 instructions, 16 of them extracting the four layer indices and fetching their table entries
 * and a dozen rebuilding vector constants on every group. A variant whose fast loop has no calls (a group
 * with a rejected lane leaving it), so that V8 keeps state and constants in registers (about 75
 * instructions), measured no faster: 337–342 M/s against 337 M/s for this loop, in turn (unlocked, load 1.7).
 *
 * The slow path (a group with a rejected lane, 5.8 % of groups) then cost about a quarter of the time: a
 * variant whose rejected lanes keep their first point (wrong numbers, timing only) drew 1.25× faster. Most of
 * it was the wedge test's call out to the host's exp and the four unpredictable per-lane branches. The wedge
 * now decides from a squeeze (underCurve: exp only for ~0.5 % of wedge tests) and a group walks its rejected
 * lanes from a bit mask, taking a lane's words without branching on its index. Measured in one process, the
 * builds alternating, best of 40 rounds of 1e7 draws (an ad-hoc A/B script, not in the repo; 2026-12-08,
 * this shared machine's speed swinging by ±25 % between rounds): squeeze 1.12× (three runs: 1.118–1.125),
 * the lane walk another 1.01–1.03×; the same bits as before over 2e8 draws of two seeds.
 */
import { hostExp, hostLog } from './host';

/** Start of the tail for 256 layers (Marsaglia & Tsang 2000), as ZIGGURAT_R in normal.ts. */
const R: f64 = 3.6541528853610088;
/** 2^-32. */
const INV_2_32: f64 = 2.3283064365386963e-10;

/** The lanes' state between calls: word j of lanes 0..3 in Wj, lane l in i32x4 lane l. */
let W0: v128 = i32x4.splat(0);
let W1: v128 = i32x4.splat(0);
let W2: v128 = i32x4.splat(0);
let W3: v128 = i32x4.splat(0);

/** Lane of the next normal (NormalLanes.next): a fill that ends inside a group of four, the next goes on from there. */
let nextLane: i32 = 0;

/** One lane's state while the scalar slow path steps it. */
let s0: i32 = 0;
let s1: i32 = 0;
let s2: i32 = 0;
let s3: i32 = 0;

/** 256 entries of 16 bytes: x_i · 2^-24 (the scale) then x_{i+1} (the fast path's bound). */
let layerTable: usize = 0;
/** f(x_i) for i = 0..256, f64. */
let densityTable: usize = 0;

/** Where the ziggurat tables are (laid out as described above; written once by the host). */
export function setZigguratTables(layers: usize, densities: usize): void {
  layerTable = layers;
  densityTable = densities;
}

/** Byte indices 0..3 of each i32x4 lane: laneOf's swizzle adds 4l to them. */
const LANE_BYTES: v128 = i32x4(0x03020100, 0x03020100, 0x03020100, 0x03020100);
/** Each lane's own index, for withLane's mask. */
const LANE_IDS: v128 = i32x4(0, 1, 2, 3);

/** i32x4 lane l (0..3) of v, without branching on l (a rejected lane's index is unpredictable). */
function laneOf(v: v128, l: i32): i32 {
  return i32x4.extract_lane(i8x16.swizzle(v, i32x4.add(LANE_BYTES, i32x4.splat(l * 0x04040404))), 0);
}

/** v with i32x4 lane l (0..3) set to x, without branching on l. */
function withLane(v: v128, l: i32, x: i32): v128 {
  return v128.bitselect(i32x4.splat(x), v, i32x4.eq(i32x4.splat(l), LANE_IDS));
}

/** Sets lane l's four state words (Xoshiro128.normalLanes()[l]). */
export function setNoiseLane(l: i32, a: i32, b: i32, c: i32, d: i32): void {
  W0 = withLane(W0, l, a);
  W1 = withLane(W1, l, b);
  W2 = withLane(W2, l, c);
  W3 = withLane(W3, l, d);
}

/** Sets the lane of the next normal (0..3). */
export function setNoiseNext(l: i32): void {
  nextLane = l;
}

/** The lane of the next normal. */
export function noiseNext(): i32 {
  return nextLane;
}

/** State word j of lane l, at i = 4l + j (0..15). */
export function noiseWord(i: i32): i32 {
  const j = i & 3;
  return laneOf(j == 0 ? W0 : j == 1 ? W1 : j == 2 ? W2 : W3, i >> 2);
}

/** Lane l's state into s0..s3, for the scalar path. */
function takeLane(l: i32): void {
  s0 = laneOf(W0, l);
  s1 = laneOf(W1, l);
  s2 = laneOf(W2, l);
  s3 = laneOf(W3, l);
}

/** s0..s3 back into lane l. */
function putLane(l: i32): void {
  W0 = withLane(W0, l, s0);
  W1 = withLane(W1, l, s1);
  W2 = withLane(W2, l, s2);
  W3 = withLane(W3, l, s3);
}

/** One xoshiro128** output from the global state (slow path only: the fast loop keeps the state in locals). */
function nextBits(): i32 {
  const t = s1 << 9;
  const w = rotl<i32>(s1 * 5, 7) * 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<i32>(s3, 11);
  return w;
}

/** Xoshiro128.nextFloat: the unsigned output times 2^-32. */
function nextFloat(): f64 {
  return <f64>(<u32>nextBits()) * INV_2_32;
}

/** normal.ts tail(): a draw beyond r by Marsaglia's (1964) method. */
function tail(negative: bool): f64 {
  while (true) {
    const a = -hostLog((<f64>(<u32>nextBits()) + 1) * INV_2_32) / R;
    const b = -hostLog((<f64>(<u32>nextBits()) + 1) * INV_2_32);
    if (b + b >= a * a) return negative ? -(R + a) : R + a;
  }
}

/** Byte offset of the squeeze rows in the density table (normal.ts SQUEEZE_AT doubles). */
const SQUEEZE_BYTES: usize = 260 << 3;

/**
 * normal.ts's wedge test y < Math.exp(-x²/2), the same decision for every point, mostly without exp: the
 * squeeze row of layer i (normal.ts squeezeRows) bounds the curve between its chord in q = x²/2 (above) and
 * the chord less its deepest gap (below), each widened by a margin far above this function's rounding, so only
 * points between the bounds (about 0.5 % of wedge tests) call the host's exp, whose bits normal.ts compares.
 * Measured: `node dist/test/engine/rng/normal-speed.js` (see the file's header).
 */
function underCurve(i: i32, x: f64, fi: f64, y: f64): bool {
  const row = densityTable + SQUEEZE_BYTES + (<usize>i << 5);
  const d = y - fi - (load<f64>(row) - 0.5 * x * x) * load<f64>(row, 8);
  if (d < load<f64>(row, 16)) return true;
  if (d > load<f64>(row, 24)) return false;
  return y < hostExp(-0.5 * x * x);
}

/** normal.ts slowNormal(): the wedge test, the tail, or a fresh draw. */
function slowNormal(i: i32, x: f64): f64 {
  while (true) {
    if (i == 0) return tail(x < 0);
    const fi = load<f64>(densityTable + (<usize>i << 3));
    const fNext = load<f64>(densityTable + (<usize>i << 3), 8);
    if (underCurve(i, x, fi, fi + nextFloat() * (fNext - fi))) return x;
    const w = nextBits();
    i = w & 255;
    const entry = layerTable + (<usize>i << 4);
    x = <f64>((w >> 7) | 1) * load<f64>(entry);
    if (abs(x) < load<f64>(entry, 8)) return x;
  }
}

/** normal.ts nextNormal() on s0..s3: one lane's draw, by itself (a last partial group). */
function nextNormal(): f64 {
  const w = nextBits();
  const i = w & 255;
  const entry = layerTable + (<usize>i << 4);
  const x = <f64>((w >> 7) | 1) * load<f64>(entry);
  if (abs(x) < load<f64>(entry, 8)) return x;
  return slowNormal(i, x);
}

/** One draw of N(0, stddev²) from lane l, alone. */
function laneNormal(l: i32, stddev: f64): f32 {
  takeLane(l);
  const v = <f32>(stddev * nextNormal());
  putLane(l);
  return v;
}

/**
 * normal.ts fillNormal(): n draws of N(0, stddev²) as float32 at out, out + 4, …; same numbers, same order
 * (the generator's m-th normal from lane m mod 4). Values up to the next lane-0 turn are drawn one by one;
 * then a group of four steps the four lanes at once in i32x4 and tests the four points in two f64x2: when all
 * four are inside their layers' inner rectangles it stores them as one f32x4, else each rejected lane (in lane
 * order) takes the scalar slow path on its own state and overwrites its value; a last partial group goes one
 * by one again.
 */
export function fillNormal(out: usize, n: i32, stddev: f64): void {
  while (nextLane != 0) {
    if (n == 0) return;
    store<f32>(out, laneNormal(nextLane, stddev));
    out += 4;
    n--;
    nextLane = (nextLane + 1) & 3;
  }
  let a = W0;
  let b = W1;
  let c = W2;
  let d = W3;
  const layers = layerTable;
  const sd = f64x2.splat(stddev);
  const end = out + (<usize>(n >> 2) << 4);
  for (let p = out; p < end; p += 16) {
    const t = i32x4.shl(b, 9);
    const b5 = i32x4.mul(b, i32x4.splat(5));
    const w = i32x4.mul(v128.or(i32x4.shl(b5, 7), i32x4.shr_u(b5, 25)), i32x4.splat(9));
    c = v128.xor(c, a);
    d = v128.xor(d, b);
    b = v128.xor(b, c);
    a = v128.xor(a, d);
    c = v128.xor(c, t);
    d = v128.or(i32x4.shl(d, 11), i32x4.shr_u(d, 21));
    // Layer entries (16 bytes each) and the signed odd integers (w >> 7) | 1, as in the scalar path.
    const at = i32x4.shl(v128.and(w, i32x4.splat(255)), 4);
    const e0 = layers + <usize>i32x4.extract_lane(at, 0);
    const e1 = layers + <usize>i32x4.extract_lane(at, 1);
    const e2 = layers + <usize>i32x4.extract_lane(at, 2);
    const e3 = layers + <usize>i32x4.extract_lane(at, 3);
    const j = v128.or(i32x4.shr_s(w, 7), i32x4.splat(1));
    const scaleLo = v128.load64_lane(e1, v128.load64_zero(e0), 1);
    const scaleHi = v128.load64_lane(e3, v128.load64_zero(e2), 1);
    const innerLo = v128.load64_lane(e1, v128.load64_zero(e0, 8), 1, 8);
    const innerHi = v128.load64_lane(e3, v128.load64_zero(e2, 8), 1, 8);
    const xLo = f64x2.mul(f64x2.convert_low_i32x4_s(j), scaleLo);
    const xHi = f64x2.mul(f64x2.convert_low_i32x4_s(i64x2.shuffle(j, j, 1, 1)), scaleHi);
    const insideLo = f64x2.lt(f64x2.abs(xLo), innerLo);
    const insideHi = f64x2.lt(f64x2.abs(xHi), innerHi);
    const yLo = f32x4.demote_f64x2_zero(f64x2.mul(sd, xLo));
    const yHi = f32x4.demote_f64x2_zero(f64x2.mul(sd, xHi));
    v128.store(p, i64x2.shuffle(yLo, yHi, 0, 2));
    if (!i64x2.all_true(v128.and(insideLo, insideHi))) {
      // The rejected lanes, one after another in lane order, each overwriting its own value of the store above.
      let rejected = ~(i64x2.bitmask(insideLo) | (i64x2.bitmask(insideHi) << 2)) & 15;
      W0 = a;
      W1 = b;
      W2 = c;
      W3 = d;
      do {
        const l = ctz(rejected);
        const wl = laneOf(w, l);
        const i = wl & 255;
        const x = <f64>((wl >> 7) | 1) * load<f64>(layers + (<usize>i << 4));
        store<f32>(p + (<usize>l << 2), <f32>(stddev * slowLane(l, i, x)));
        rejected &= rejected - 1;
      } while (rejected != 0);
      a = W0;
      b = W1;
      c = W2;
      d = W3;
    }
  }
  W0 = a;
  W1 = b;
  W2 = c;
  W3 = d;
  nextLane = n & 3;
  for (let l = 0; l < nextLane; l++) store<f32>(end + (<usize>l << 2), laneNormal(l, stddev));
}

/** slowNormal(i, x) on lane l's state (W0..W3, lane l), which it advances. */
function slowLane(l: i32, i: i32, x: f64): f64 {
  takeLane(l);
  const v = slowNormal(i, x);
  putLane(l);
  return v;
}
