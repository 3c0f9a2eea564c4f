/**
 * The fused plan's noise sites (src/engine/fused/plan/kernels/noise.ts), bit for bit: each kind's elementwise
 * step over a block of rows × size values, and the dropout kinds' uniform draws.
 * They run here because the plan's arrays live in this kernel's memory, where V8's loops over typed arrays are
 * slow (asm/elementwise.ts), and because dropout's draws were a TypeScript call per element: in a profile of
 * the noise-kinds-circles study (500 units, 32 rows, rate 0.4, node --cpu-prof) the noise site's TypeScript
 * forward took 37 % of a dropout run and 56 % of an alphaDropout one.
 *
 * Uniforms: the noise generator's own stream (not its normal lanes), xoshiro128** stepped here as
 * rng/xoshiro128.ts nextUint32 steps it, its state copied in before a block and out after it (setUniformState,
 * uniformWord), so the block gets the same numbers in the same order as rng.nextFloat() would give it: element
 * i of the block is the i-th draw, u = word · 2^-32 (a double), kept where u >= rate.
 * Arithmetic in f64 on the f32 draws, as the TypeScript reads them from its Float32Array; a multiplier stored
 * as f32 rounds as a Float32Array store does (round to nearest even).
 */

let u0: i32 = 0;
let u1: i32 = 0;
let u2: i32 = 0;
let u3: i32 = 0;

/** Sets the uniform stream's state (the generator's stateWord(0..3)). */
export function setUniformState(s0: i32, s1: i32, s2: i32, s3: i32): void {
  u0 = s0;
  u1 = s1;
  u2 = s2;
  u3 = s3;
}

/** State word i (0..3) as the draws left it (for the generator's setStateWords). */
export function uniformWord(i: i32): i32 {
  return i == 0 ? u0 : i == 1 ? u1 : i == 2 ? u2 : u3;
}

/** 2^-32: a 32-bit word to [0, 1), as nextFloat scales it. */
const TO_UNIT: f64 = 2.3283064365386963e-10;

/**
 * mult[i] = u_i >= rate ? kept : 0 (f32) and out[i] = x[i] · mult[i] for i < n: Dropout (kept = 1 / (1 - rate)
 * in float32). With `alpha`, AlphaDropout instead: out[i] = (kept ? x[i] : alphaPrime) · a + b and mult[i] =
 * kept ? a : 0 (dOut's multiplier), `kept` unused.
 */
export function dropoutForward(x: usize, out: usize, mult: usize, n: i32, rate: f64, kept: f32, alpha: i32, a: f64, b: f64, alphaPrime: f64): void {
  // The kept/dropped choice as bit masks, not select: V8 compiles a float select to a branch, which the
  // random choice mispredicts (measured 12 ns per element with select, against ~2 with masks).
  const keptBits = reinterpret<i32>(alpha ? <f32>a : kept);
  const primeBits = reinterpret<i64>(alphaPrime);
  // The state in locals for the loop (the steps of rng/xoshiro128.ts nextUint32), stored back at the end.
  let s0 = u0, s1 = u1, s2 = u2, s3 = u3;
  for (let i = 0; i < n; i++) {
    const r = rotl<i32>(s1 * 5, 7) * 9;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s1 ^= n2;
    s0 ^= n3;
    s2 = n2 ^ t;
    s3 = rotl<i32>(n3, 11);
    const keep = <i32>(<f64><u32>r * TO_UNIT >= rate);
    const m = reinterpret<f32>(keptBits & -keep); // kept (or a) where kept, +0 where dropped
    store<f32>(mult + (<usize>i << 2), m);
    const xi = load<f64>(x + (<usize>i << 3));
    if (alpha) {
      const keep64 = -<i64>keep;
      const v = reinterpret<f64>((reinterpret<i64>(xi) & keep64) | (primeBits & ~keep64)); // kept ? x : α'
      store<f64>(out + (<usize>i << 3), v * a + b);
    } else {
      store<f64>(out + (<usize>i << 3), xi * <f64>m);
    }
  }
  u0 = s0;
  u1 = s1;
  u2 = s2;
  u3 = s3;
}

/** GaussianNoise: out[i] = x[i] + noise[i] (the normals drawn into noise, f32) for i < n. */
export function addNoise(x: usize, noise: usize, n: i32, out: usize): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), load<f64>(x + (<usize>i << 3)) + <f64>load<f32>(noise + (<usize>i << 2)));
}

/** GaussianDropout: mult[i] = 1 + mult[i] (the normals drawn into it, the sum rounded to f32), out[i] = x[i] · mult[i]. */
export function gaussianDropoutForward(x: usize, mult: usize, n: i32, out: usize): void {
  for (let i = 0; i < n; i++) {
    const m = <f32>(1 + <f64>load<f32>(mult + (<usize>i << 2)));
    store<f32>(mult + (<usize>i << 2), m);
    store<f64>(out + (<usize>i << 3), load<f64>(x + (<usize>i << 3)) * <f64>m);
  }
}

/** A multiplicative site's backward: dX[i] = dOut[i] · mult[i] for i < n. */
export function noiseBackward(dOut: usize, mult: usize, n: i32, dX: usize): void {
  for (let i = 0; i < n; i++) store<f64>(dX + (<usize>i << 3), load<f64>(dOut + (<usize>i << 3)) * <f64>load<f32>(mult + (<usize>i << 2)));
}
