/**
 * exp, expm1 and tanh two at a time (f64x2) with the bits of the host's Math.exp, Math.expm1 and Math.tanh.
 *
 * V8 computes those three with its port of fdlibm (Sun Microsystems, 1993, freely redistributable; V8's
 * src/base/ieee754.cc). The functions here follow fdlibm's method operation for operation in each lane: the
 * argument reduction x = k·ln2 + r with ln2 split in a high and a low part, the same polynomial coefficients,
 * the same order of double operations, and the same final formula for each k. WebAssembly's f64 arithmetic is
 * IEEE round-to-nearest with no fused multiply-add, as V8's C++ build for x64 is, so each lane rounds as the C
 * code does. Where fdlibm branches, both lanes compute every candidate and a mask picks each lane's; fdlibm's
 * cases of no interest to an activation (|x| tiny or beyond the reach here, NaN, ±∞, and V8's own exp(1) = e)
 * send the pair to the host instead. test/engine/fused/libm-wasm.test.ts holds the results to Math's over
 * millions of arguments of every kind, so a Node release with other Math functions would show there first.
 *
 * Why: the LSTM's gates take five of these per unit and step, one host call per value (a C call for
 * Math.exp, a JavaScript frame for each row's Math.tanh). A scalar port of the same method inside the kernel
 * measured no faster than the calls (0.128 vs 0.125 s per LSTM run): the arithmetic is the cost. Two lanes per
 * operation, in loops without calls (sigmoidRange, tanhRange) so that pairs overlap, made the LSTM example's
 * run 1.22–1.23× faster (0.086 → 0.070 s, median of 9, the two builds in one process, runs alternating, an
 * ad-hoc script; 2026-12-08; the same metrics). AssemblyScript's own Math.exp (musl's, table-driven) is
 * faster still (0.05 s) but rounds differently, which would change the engine's numbers.
 */
import { hostExp, hostExpm1, hostTanh } from './host';

const ONE: v128 = f64x2(1.0, 1.0);
const TWO: v128 = f64x2(2.0, 2.0);
const HALF: v128 = f64x2(0.5, 0.5);
const SIGN: v128 = i64x2(0x8000000000000000, 0x8000000000000000);
const LN2_HI: v128 = f64x2(6.93147180369123816490e-01, 6.93147180369123816490e-01); // 0x3FE62E42 FEE00000
const LN2_LO: v128 = f64x2(1.90821492927058770002e-10, 1.90821492927058770002e-10); // 0x3DEA39EF 35793C76
const INV_LN2: v128 = f64x2(1.44269504088896338700e+00, 1.44269504088896338700e+00);
/** 2^52 + 1023: k + this has k + 1023 in its low bits, so shifting them to the exponent gives 2^k. */
const EXP_MAGIC: v128 = f64x2(4503599627370496.0 + 1023.0, 4503599627370496.0 + 1023.0);

/** Each lane's high word with the sign cleared, as an i64 (0 ≤ · < 2^31). */
@inline
function absHighWord(x: v128): v128 {
  return v128.and(i64x2.shr_u(x, 32), i64x2.splat(0x7fffffff));
}

/** Lanes whose |x| high word h has lo ≤ h < hi. */
@inline
function highWordIn(h: v128, lo: i64, hi: i64): v128 {
  return v128.and(i64x2.ge_s(h, i64x2.splat(lo)), i64x2.lt_s(h, i64x2.splat(hi)));
}

/** 2^k for integral k (as doubles, −1022 ≤ k ≤ 1023) in each lane. */
@inline
function pow2(k: v128): v128 {
  return i64x2.shl(f64x2.add(k, EXP_MAGIC), 52);
}

/**
 * fdlibm's reduction for |x| > ln2/2 (high word above 0x3fd62e42): k = trunc(x/ln2 ± 1/2), hi = x − k·ln2hi,
 * lo = k·ln2lo. Lanes not above get k = 0, hi = x, lo = 0, which is fdlibm's k = 0 case. For
 * ln2/2 < |x| < 1.5·ln2 fdlibm writes hi = x ∓ ln2hi and lo = ±ln2lo with k = ±1: the same doubles.
 */
@inline
function reduceK(x: v128, h: v128): v128 {
  const above = i64x2.gt_s(h, i64x2.splat(0x3fd62e42));
  return v128.and(f64x2.trunc(f64x2.add(f64x2.mul(INV_LN2, x), v128.or(HALF, v128.and(x, SIGN)))), above);
}

/** Math.exp of each lane. */
@inline
function exp2(x: v128): v128 {
  const h = absHighWord(x);
  // 2^-28 ≤ |x| < 512 and x ≠ 1: no overflow, underflow or subnormal scale, and not V8's exp(1) = e.
  if (!i64x2.all_true(v128.and(highWordIn(h, 0x3e300000, 0x40800000), f64x2.ne(x, ONE)))) {
    return f64x2.replace_lane(f64x2.splat(hostExp(f64x2.extract_lane(x, 0))), 1, hostExp(f64x2.extract_lane(x, 1)));
  }
  const k = reduceK(x, h);
  const hi = f64x2.sub(x, f64x2.mul(k, LN2_HI));
  const lo = f64x2.mul(k, LN2_LO);
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  let p = f64x2.add(f64x2.splat(-1.65339022054652515390e-06), f64x2.mul(t, f64x2.splat(4.13813679705723846039e-08)));
  p = f64x2.add(f64x2.splat(6.61375632143793436117e-05), f64x2.mul(t, p));
  p = f64x2.add(f64x2.splat(-2.77777777770155933842e-03), f64x2.mul(t, p));
  p = f64x2.add(f64x2.splat(1.66666666666666019037e-01), f64x2.mul(t, p));
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const rc = f64x2.mul(r, c);
  // k = 0: 1 − (r·c/(c − 2) − r); else (1 − ((lo − r·c/(2 − c)) − hi))·2^k.
  const y0 = f64x2.sub(ONE, f64x2.sub(f64x2.div(rc, f64x2.sub(c, TWO)), r));
  const y1 = f64x2.mul(f64x2.sub(ONE, f64x2.sub(f64x2.sub(lo, f64x2.div(rc, f64x2.sub(TWO, c))), hi)), pow2(k));
  return v128.bitselect(y0, y1, f64x2.eq(k, f64x2.splat(0)));
}

/** expm1Core's lanes: any k, only k ≤ 0 (tanh's −2|x| for |x| < 1), or only k ≥ 3 (tanh's 2|x| for |x| ≥ 1). */
const ANY_K = 0;
const K_AT_MOST_0 = 1;
const K_AT_LEAST_3 = 2;

/**
 * Math.expm1 of each lane, for |x| in [2^-54, 56·ln2) (tanh2's arguments): fdlibm's seven final formulas
 * by k, each lane taking its own. `ks` (a constant at each call) says which k can occur, so that the
 * formulas of the others are not computed.
 */
@inline
function expm1Core(x: v128, ks: i32): v128 {
  const h = absHighWord(x);
  const k = reduceK(x, h);
  const hi = f64x2.sub(x, f64x2.mul(k, LN2_HI));
  const lo = f64x2.mul(k, LN2_LO);
  const r = f64x2.sub(hi, lo);
  const c = f64x2.sub(f64x2.sub(hi, r), lo);
  const hfx = f64x2.mul(HALF, r);
  const hxs = f64x2.mul(r, hfx);
  let q = f64x2.add(f64x2.splat(4.00821782732936239552e-06), f64x2.mul(hxs, f64x2.splat(-2.01099218183624371326e-07)));
  q = f64x2.add(f64x2.splat(-7.93650757867487942473e-05), f64x2.mul(hxs, q));
  q = f64x2.add(f64x2.splat(1.58730158725481460165e-03), f64x2.mul(hxs, q));
  q = f64x2.add(f64x2.splat(-3.33333333333331316428e-02), f64x2.mul(hxs, q));
  const r1 = f64x2.add(ONE, f64x2.mul(hxs, q));
  const t = f64x2.sub(f64x2.splat(3.0), f64x2.mul(r1, hfx));
  const e = f64x2.mul(hxs, f64x2.div(f64x2.sub(r1, t), f64x2.sub(f64x2.splat(6.0), f64x2.mul(r, t))));
  // k = 0: r − (r·e − hxs). Otherwise e' = (r·(e − c) − c) − hxs and a formula by k.
  const y0 = f64x2.sub(r, f64x2.sub(f64x2.mul(r, e), hxs));
  const e2 = f64x2.sub(f64x2.sub(f64x2.mul(r, f64x2.sub(e, c)), c), hxs);
  const twopk = pow2(k);
  // k ≤ -2 or k > 56: (1 − (e' − r))·2^k − 1.
  let y = f64x2.sub(f64x2.mul(f64x2.sub(ONE, f64x2.sub(e2, r)), twopk), ONE);
  if (ks != K_AT_MOST_0) {
    // 2 ≤ k < 20: ((1 − 2^-k) − (e' − r))·2^k; 20 ≤ k ≤ 56: (r − (e' + 2^-k) + 1)·2^k.
    const twomk = pow2(f64x2.neg(k));
    const yMid = f64x2.mul(f64x2.sub(f64x2.sub(ONE, twomk), f64x2.sub(e2, r)), twopk);
    const yHigh = f64x2.mul(f64x2.add(f64x2.sub(r, f64x2.add(e2, twomk)), ONE), twopk);
    const far = v128.or(f64x2.le(k, f64x2.splat(-2.0)), f64x2.gt(k, f64x2.splat(56.0)));
    y = v128.bitselect(y, v128.bitselect(yMid, yHigh, f64x2.lt(k, f64x2.splat(20.0))), far);
    if (ks == K_AT_LEAST_3) return y;
    // k = 1: r < -1/4 ? -2·(e' − (r + 1/2)) : 1 + 2·(r − e').
    const yP1 = v128.bitselect(
      f64x2.mul(f64x2.splat(-2.0), f64x2.sub(e2, f64x2.add(r, HALF))),
      f64x2.add(ONE, f64x2.mul(TWO, f64x2.sub(r, e2))),
      f64x2.lt(r, f64x2.splat(-0.25)),
    );
    y = v128.bitselect(yP1, y, f64x2.eq(k, ONE));
  }
  // k = -1: (r − e')/2 − 1/2.
  y = v128.bitselect(f64x2.sub(f64x2.mul(HALF, f64x2.sub(r, e2)), HALF), y, f64x2.eq(k, f64x2.splat(-1.0)));
  return v128.bitselect(y0, y, f64x2.eq(k, f64x2.splat(0)));
}

/** Math.expm1 of each lane (for the tests; the kernels use tanh2). */
function expm1x2(x: v128): v128 {
  const h = absHighWord(x);
  if (!i64x2.all_true(highWordIn(h, 0x3c900000, 0x4043687a))) {
    return f64x2.replace_lane(f64x2.splat(hostExpm1(f64x2.extract_lane(x, 0))), 1, hostExpm1(f64x2.extract_lane(x, 1)));
  }
  return expm1Core(x, ANY_K);
}

/** Math.tanh of each lane: for 2^-28 ≤ |x| < 22, 1 − 2/(expm1(2|x|) + 2) from |x| ≥ 1, else −t/(t + 2) with t = expm1(−2|x|). */
@inline
function tanh2(x: v128): v128 {
  const h = absHighWord(x);
  if (!i64x2.all_true(highWordIn(h, 0x3e300000, 0x40360000))) {
    return f64x2.replace_lane(f64x2.splat(hostTanh(f64x2.extract_lane(x, 0))), 1, hostTanh(f64x2.extract_lane(x, 1)));
  }
  const big = i64x2.ge_s(h, i64x2.splat(0x3ff00000));
  const a2 = f64x2.mul(TWO, f64x2.abs(x));
  // Both lanes on one side of |x| = 1 (the common case) compute only that side's expm1 formulas.
  const t = i64x2.all_true(big)
    ? expm1Core(a2, K_AT_LEAST_3)
    : !v128.any_true(big)
      ? expm1Core(f64x2.neg(a2), K_AT_MOST_0)
      : expm1Core(v128.bitselect(a2, f64x2.neg(a2), big), ANY_K);
  // One division for both cases: 2/(t + 2) from |x| ≥ 1, −t/(t + 2) below (each lane's own quotient, as fdlibm's).
  const q = f64x2.div(v128.bitselect(TWO, f64x2.neg(t), big), f64x2.add(t, TWO));
  const z = v128.bitselect(f64x2.sub(ONE, q), q, big);
  // z > 0; tanh is odd.
  return v128.or(z, v128.and(x, SIGN));
}

/** n doubles at p replaced by their tanh, two at a time (an odd last one as a pair with itself). */
export function tanhRange(p: usize, n: i32): void {
  let i = 0;
  for (; i + 1 < n; i += 2) v128.store(p + (<usize>i << 3), tanh2(v128.load(p + (<usize>i << 3))));
  if (i < n) store<f64>(p + (<usize>i << 3), f64x2.extract_lane(tanh2(f64x2.splat(load<f64>(p + (<usize>i << 3)))), 0));
}

/** n doubles at p replaced by their exp, as tanhRange (for the tests). */
export function expRange(p: usize, n: i32): void {
  let i = 0;
  for (; i + 1 < n; i += 2) v128.store(p + (<usize>i << 3), exp2(v128.load(p + (<usize>i << 3))));
  if (i < n) store<f64>(p + (<usize>i << 3), f64x2.extract_lane(exp2(f64x2.splat(load<f64>(p + (<usize>i << 3)))), 0));
}

/** n doubles at p replaced by their expm1, as tanhRange (for the tests). */
export function expm1Range(p: usize, n: i32): void {
  let i = 0;
  for (; i + 1 < n; i += 2) v128.store(p + (<usize>i << 3), expm1x2(v128.load(p + (<usize>i << 3))));
  if (i < n) store<f64>(p + (<usize>i << 3), f64x2.extract_lane(expm1x2(f64x2.splat(load<f64>(p + (<usize>i << 3)))), 0));
}

/** 1 / (1 + exp(−z)) of each lane, the kernels' sigmoid in doubles. */
@inline
function sigmoid2(z: v128): v128 {
  return f64x2.div(ONE, f64x2.add(ONE, exp2(f64x2.neg(z))));
}

/**
 * n doubles at z replaced by 1 / (1 + exp(−z)) at out (out = z allowed), two at a time. A loop without calls
 * (exp2 inlined, the host only on its rare branch), so consecutive pairs' divisions and polynomials overlap.
 */
export function sigmoidRange(z: usize, n: i32, out: usize): void {
  let i = 0;
  for (; i + 1 < n; i += 2) v128.store(out + (<usize>i << 3), sigmoid2(v128.load(z + (<usize>i << 3))));
  if (i < n) store<f64>(out + (<usize>i << 3), f64x2.extract_lane(sigmoid2(f64x2.splat(load<f64>(z + (<usize>i << 3)))), 0));
}
