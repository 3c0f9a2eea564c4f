/**
 * The seeded normal generator of src/engine/rng/normal.ts (xoshiro128** under a 256-layer ziggurat), draw for
 * draw the same numbers: the same bit operations, the same tables (copied in from JavaScript, so they are the
 * same doubles) and the host's Math.exp / Math.log on the rare slow path. The generator's state lives in this
 * module's globals between calls; the JavaScript side copies a Xoshiro128's state in before and out after.
 *
 * Measured (one core, Node 20, `npm run build && node dist/test/engine/rng/normal-speed.js`): 300 M normals/s
 * against 145–180 M/s for normal.ts. The generator's serial state bounds it: a two-pass variant (the state
 * steps into a buffer, then four draws per SIMD step, table entries fetched lane by lane) drew the same numbers
 * at 280 M/s, since this one loop already overlaps the state's dependency chain with the table lookups.
 */
import { hostExp, hostLog } from './host';

/** Start of the tail for 256 layers (Marsaglia & Tsang 2000), as ZIGGURAT_R in normal.ts. */
const R: f64 = 3.6541528853610088;
/** 2^-32. */
const INV_2_32: f64 = 2.3283064365386963e-10;

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

/** Sets the generator's four state words. */
export function setNoiseState(a: i32, b: i32, c: i32, d: i32): void {
  s0 = a;
  s1 = b;
  s2 = c;
  s3 = d;
}

/** State word `i` (0..3) of the generator. */
export function noiseState(i: i32): i32 {
  return i == 0 ? s0 : i == 1 ? s1 : i == 2 ? s2 : s3;
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

/** normal.ts slowNormal(): the wedge test, the tail, or a fresh draw. */
function slowNormal(i: i32, x: f64): f64 {
  while (true) {
    if (i == 0) return tail(x < 0);
    const fi = load<f64>(densityTable + (<usize>i << 3));
    const fNext = load<f64>(densityTable + (<usize>i << 3), 8);
    if (fi + nextFloat() * (fNext - fi) < hostExp(-0.5 * x * x)) return x;
    const w = nextBits();
    i = w & 255;
    const entry = layerTable + (<usize>i << 4);
    x = <f64>((w >> 7) | 1) * load<f64>(entry);
    if (abs(x) < load<f64>(entry, 8)) return x;
  }
}

/** normal.ts fillNormal(): n draws of N(0, stddev²) as float32 at out, out + 4, …; same numbers, same order. */
export function fillNormal(out: usize, n: i32, stddev: f64): void {
  let a = s0;
  let b = s1;
  let c = s2;
  let d = s3;
  const layers = layerTable;
  const end = out + (<usize>n << 2);
  for (let p = out; p < end; p += 4) {
    const t = b << 9;
    const w = rotl<i32>(b * 5, 7) * 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl<i32>(d, 11);
    const i = w & 255;
    const entry = layers + (<usize>i << 4);
    const x = <f64>((w >> 7) | 1) * load<f64>(entry);
    if (abs(x) < load<f64>(entry, 8)) {
      store<f32>(p, <f32>(stddev * x));
    } else {
      s0 = a;
      s1 = b;
      s2 = c;
      s3 = d;
      store<f32>(p, <f32>(stddev * slowNormal(i, x)));
      a = s0;
      b = s1;
      c = s2;
      d = s3;
    }
  }
  s0 = a;
  s1 = b;
  s2 = c;
  s3 = d;
}
