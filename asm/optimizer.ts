/**
 * Adam and SGD steps of src/engine/fused/optimizer.ts, four parameters per SIMD step: the same float32
 * operations in the same order (tfjs' ops, each one float32 operation), so the same bits. The float32
 * constants and the bias corrections c1 = 1 - β1^t, c2 = 1 - β2^t come from the host, which keeps β^t.
 * Measured on the tutorial's 2,001 weights: 6.5 µs per step as doubles in f64x2, 2.2 µs as float32 in f32x4
 * (the square root and three divisions dominate).
 *
 * Float32 denormals: a weight whose gradient stays exactly zero (a dead ReLU's) has its first moment shrink
 * by β1 each step into the float32 denormal range, where float32 arithmetic is slow on x86 (a microcode
 * assist per operation; 48 µs per step instead of ~3 on friedman1's MLP, where 41 % of gradients are zero).
 * So a block of four whose m, v or g holds a tiny nonzero value takes the same operations in doubles instead,
 * each result rounded to float32 (demote, promote) before the next: for + - × ÷ √ of float32 inputs that
 * double rounding gives the float32 operation's bits (doubles have 53 ≥ 2·24 + 2 bits; float32 denormal
 * results round once, at their own precision), which is also how the TypeScript twin computes (Math.fround
 * after each operation), and a float32 denormal is a normal double. The doubles path costs ~7× the float32
 * one per value (14 roundings), so it is kept for the blocks that need it, and a block where only m is tiny
 * (the common case: a dead unit) takes only m's half of the step in doubles (7 roundings).
 */

/** Gradients g[i..i+4) (float64) rounded to float32, as one f32x4. */
@inline
function load4Grads(grads: usize, i: i32): v128 {
  const p = grads + (<usize>i << 3);
  return i64x2.shuffle(f32x4.demote_f64x2_zero(v128.load(p)), f32x4.demote_f64x2_zero(v128.load(p, 16)), 0, 2);
}

/**
 * Below these magnitudes (float32 bit patterns of 2^-110, 2^-58, 2^-125) a nonzero m, g or v sends its block
 * to the doubles path: from m ≥ 2^-110, g ≥ 2^-58 (g² · (1-β2) ≥ 2^-126) and v ≥ 2^-125 no float32 operation
 * of the step meets a denormal unless v̂ is huge beside m̂ or w + step cancels to one; those stay exact, only
 * slow. The thresholds choose a speed, never the bits: both paths compute the same numbers.
 */
const TINY_M: u32 = (127 - 110) << 23;
const TINY_G: u32 = (127 - 58) << 23;
const TINY_V: u32 = (127 - 125) << 23;

/** Lanes of x (float32) that are nonzero with |x| below the float32 whose bits are `limit` (all ones there). */
@inline
function tinyLanes(x: v128, limit: u32): v128 {
  // |x|'s bits minus one, unsigned: zero wraps to 0xffffffff and so is never below the limit.
  return i32x4.lt_u(i32x4.sub(v128.and(x, i32x4.splat(0x7fffffff)), i32x4.splat(1)), i32x4.splat(limit - 1));
}

/** x rounded to float32 and widened back: one float32 operation's result, in a double. */
@inline
function round2(x: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x));
}

/**
 * Two parameters of adamStep (low lanes of m2, v2, w2: float32 pairs; g: two float32-exact doubles) in
 * doubles, every operation rounded to float32: the float32 path's bits without its denormal arithmetic.
 * Stores m, v and w at offset o4 (bytes, float32).
 */
@inline
function adamPairF64(
  params: usize, m: usize, v: usize, o4: usize, g: v128,
  b1: v128, b2: v128, ob1: v128, ob2: v128, vc1: v128, vc2: v128, eps: v128, lr: v128,
): void {
  const mi = round2(f64x2.add(round2(f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(m + o4)), b1)), round2(f64x2.mul(g, ob1))));
  const vi = round2(f64x2.add(round2(f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(v + o4)), b2)), round2(f64x2.mul(round2(f64x2.mul(g, g)), ob2))));
  v128.store64_lane(m + o4, f32x4.demote_f64x2_zero(mi), 0);
  v128.store64_lane(v + o4, f32x4.demote_f64x2_zero(vi), 0);
  const denom = round2(f64x2.add(round2(f64x2.sqrt(round2(f64x2.div(vi, vc2)))), eps));
  const step = round2(f64x2.mul(round2(f64x2.div(round2(f64x2.div(mi, vc1)), denom)), lr));
  const w = f64x2.add(step, f64x2.promote_low_f32x4(v128.load64_zero(params + o4)));
  v128.store64_lane(params + o4, f32x4.demote_f64x2_zero(w), 0);
}

/**
 * adamPairF64's m half (m, m̂, the step and w) for two parameters whose g and v are not tiny: `denom` holds
 * their float32 sqrt(v̂) + ε in its two low lanes (computed in float32: no denormal there).
 */
@inline
function mPairF64(params: usize, m: usize, o4: usize, g: v128, denom: v128, b1: v128, ob1: v128, vc1: v128, lr: v128): void {
  const mi = round2(f64x2.add(round2(f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(m + o4)), b1)), round2(f64x2.mul(g, ob1))));
  v128.store64_lane(m + o4, f32x4.demote_f64x2_zero(mi), 0);
  const step = round2(f64x2.mul(round2(f64x2.div(round2(f64x2.div(mi, vc1)), f64x2.promote_low_f32x4(denom))), lr));
  const w = f64x2.add(step, f64x2.promote_low_f32x4(v128.load64_zero(params + o4)));
  v128.store64_lane(params + o4, f32x4.demote_f64x2_zero(w), 0);
}

/**
 * m ← m·β1 + g·(1-β1); v ← v·β2 + g²·(1-β2); w ← ((m / c1) / (sqrt(v / c2) + ε))·(-lr) + w, every operation in
 * float32; params, m, v float32; grads float64 (rounded to float32 first); `count` values.
 */
export function adamStep(
  params: usize, grads: usize, m: usize, v: usize, count: i32,
  beta1: f32, beta2: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, c1: f32, c2: f32, epsilon: f32, negLearningRate: f32,
): void {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const ob1 = f32x4.splat(oneMinusBeta1);
  const ob2 = f32x4.splat(oneMinusBeta2);
  const vc1 = f32x4.splat(c1);
  const vc2 = f32x4.splat(c2);
  const eps = f32x4.splat(epsilon);
  const lr = f32x4.splat(negLearningRate);
  const db1 = f64x2.splat(<f64>beta1);
  const db2 = f64x2.splat(<f64>beta2);
  const dob1 = f64x2.splat(<f64>oneMinusBeta1);
  const dob2 = f64x2.splat(<f64>oneMinusBeta2);
  const dc1 = f64x2.splat(<f64>c1);
  const dc2 = f64x2.splat(<f64>c2);
  const deps = f64x2.splat(<f64>epsilon);
  const dlr = f64x2.splat(<f64>negLearningRate);
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const o4 = <usize>i << 2;
    const g = load4Grads(grads, i);
    const m4 = v128.load(m + o4);
    const v4 = v128.load(v + o4);
    if (v128.any_true(v128.or(tinyLanes(g, TINY_G), tinyLanes(v4, TINY_V)))) {
      const o8 = <usize>i << 3;
      adamPairF64(params, m, v, o4, round2(v128.load(grads + o8)), db1, db2, dob1, dob2, dc1, dc2, deps, dlr);
      adamPairF64(params, m, v, o4 + 8, round2(v128.load(grads + o8, 16)), db1, db2, dob1, dob2, dc1, dc2, deps, dlr);
      continue;
    }
    const vi = f32x4.add(f32x4.mul(v4, b2), f32x4.mul(f32x4.mul(g, g), ob2));
    v128.store(v + o4, vi);
    const denom = f32x4.add(f32x4.sqrt(f32x4.div(vi, vc2)), eps);
    if (v128.any_true(tinyLanes(m4, TINY_M))) {
      // Only m is tiny (a dead unit's moment): v's half in float32 as below, m's half in doubles.
      mPairF64(params, m, o4, f64x2.promote_low_f32x4(g), denom, db1, dob1, dc1, dlr);
      mPairF64(params, m, o4 + 8, f64x2.promote_low_f32x4(i64x2.shuffle(g, g, 1, 1)), i64x2.shuffle(denom, denom, 1, 1), db1, dob1, dc1, dlr);
      continue;
    }
    const mi = f32x4.add(f32x4.mul(m4, b1), f32x4.mul(g, ob1));
    v128.store(m + o4, mi);
    const step = f32x4.mul(f32x4.div(f32x4.div(mi, vc1), denom), lr);
    v128.store(params + o4, f32x4.add(step, v128.load(params + o4)));
  }
  // The last count % 4 values one at a time, in doubles rounded per operation as above (no denormal assists).
  for (; i < count; i++) {
    const o4 = <usize>i << 2;
    const g = <f64><f32>load<f64>(grads + (<usize>i << 3));
    const mi = <f64><f32>(<f64><f32>(<f64>load<f32>(m + o4) * <f64>beta1) + <f64><f32>(g * <f64>oneMinusBeta1));
    const vi = <f64><f32>(<f64><f32>(<f64>load<f32>(v + o4) * <f64>beta2) + <f64><f32>(<f64><f32>(g * g) * <f64>oneMinusBeta2));
    store<f32>(m + o4, <f32>mi);
    store<f32>(v + o4, <f32>vi);
    const denom = <f64><f32>(<f64><f32>Math.sqrt(<f64><f32>(vi / <f64>c2)) + <f64>epsilon);
    const step = <f64><f32>(<f64><f32>(<f64><f32>(mi / <f64>c1) / denom) * <f64>negLearningRate);
    store<f32>(params + o4, <f32>(step + <f64>load<f32>(params + o4)));
  }
}

/** w ← (-lr)·g + w in float32 (g rounded to float32 first). */
export function sgdStep(params: usize, grads: usize, count: i32, negLearningRate: f32): void {
  const lr = f32x4.splat(negLearningRate);
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const o4 = <usize>i << 2;
    v128.store(params + o4, f32x4.add(f32x4.mul(lr, load4Grads(grads, i)), v128.load(params + o4)));
  }
  for (; i < count; i++) {
    const o4 = <usize>i << 2;
    store<f32>(params + o4, negLearningRate * <f32>load<f64>(grads + (<usize>i << 3)) + load<f32>(params + o4));
  }
}
