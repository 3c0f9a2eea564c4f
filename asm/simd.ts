/** Small SIMD helpers shared by the kernels: two float32 or float64 values as one f64x2. */

/** The two float32 values at p, p + 4, widened to doubles (exactly, as reading a Float32Array does). */
@inline
export function load2f32(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

/** Rounds both lanes to float32 (as storing to a Float32Array does) and stores them at p, p + 4. */
@inline
export function store2f32(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

/** A float64 read widened from float32 storage, for the scalar tails. */
@inline
export function loadf32(p: usize): f64 {
  return <f64>load<f32>(p);
}

/**
 * dst[j] += v · src[j] for j < n (both float64): each j its own sum, so two lanes at a time give the bits of
 * the scalar loop; an odd n ends with one scalar step.
 */
@inline
export function axpyF64(dst: usize, v: f64, src: usize, n: i32): void {
  const vv = f64x2.splat(v);
  const pairs = n & ~1;
  for (let j = 0; j < pairs; j += 2) {
    const o = <usize>j << 3;
    v128.store(dst + o, f64x2.add(v128.load(dst + o), f64x2.mul(vv, v128.load(src + o))));
  }
  if (pairs < n) {
    const o = <usize>pairs << 3;
    store<f64>(dst + o, load<f64>(dst + o) + v * load<f64>(src + o));
  }
}

/**
 * Σ_j w[j]·d[j] (w float32, d float64) the way the TypeScript kernels sum it: two partial sums, even j and odd
 * j (a f64x2's lanes), each in j order, added at the end; an odd n's last term joins the even sum last.
 */
@inline
export function dotPairsF32(w: usize, d: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  const pairs = n & ~1;
  for (let j = 0; j < pairs; j += 2) acc = f64x2.add(acc, f64x2.mul(load2f32(w + (<usize>j << 2)), v128.load(d + (<usize>j << 3))));
  let even = f64x2.extract_lane(acc, 0);
  if (pairs < n) even += loadf32(w + (<usize>pairs << 2)) * load<f64>(d + (<usize>pairs << 3));
  return even + f64x2.extract_lane(acc, 1);
}

/** dotPairsF32 with w float64 (weights widened beforehand): the same sums. */
@inline
export function dotPairsF64(w: usize, d: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  const pairs = n & ~1;
  for (let j = 0; j < pairs; j += 2) {
    const o = <usize>j << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(w + o), v128.load(d + o)));
  }
  let even = f64x2.extract_lane(acc, 0);
  if (pairs < n) even += load<f64>(w + (<usize>pairs << 3)) * load<f64>(d + (<usize>pairs << 3));
  return even + f64x2.extract_lane(acc, 1);
}

/**
 * Four dotPairsF64 at once, of rows w, w + stride, w + 2·stride, w + 3·stride (bytes) with the same d: each
 * result still its own two partial sums in j order, but four independent chains hide the add latency that
 * bounds one (a single chain ran at about a quarter of the speed). Adds the four results to out[0..3].
 */
@inline
export function addDot4PairsF64(w: usize, stride: usize, d: usize, n: i32, out: usize): void {
  const w1 = w + stride;
  const w2 = w1 + stride;
  const w3 = w2 + stride;
  let s0 = f64x2.splat(0);
  let s1 = s0;
  let s2 = s0;
  let s3 = s0;
  const pairs = n & ~1;
  for (let j = 0; j < pairs; j += 2) {
    const o = <usize>j << 3;
    const dv = v128.load(d + o);
    s0 = f64x2.add(s0, f64x2.mul(v128.load(w + o), dv));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(w1 + o), dv));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(w2 + o), dv));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(w3 + o), dv));
  }
  let e0 = f64x2.extract_lane(s0, 0);
  let e1 = f64x2.extract_lane(s1, 0);
  let e2 = f64x2.extract_lane(s2, 0);
  let e3 = f64x2.extract_lane(s3, 0);
  if (pairs < n) {
    const o = <usize>pairs << 3;
    const dv = load<f64>(d + o);
    e0 += load<f64>(w + o) * dv;
    e1 += load<f64>(w1 + o) * dv;
    e2 += load<f64>(w2 + o) * dv;
    e3 += load<f64>(w3 + o) * dv;
  }
  store<f64>(out, load<f64>(out) + (e0 + f64x2.extract_lane(s0, 1)));
  store<f64>(out, load<f64>(out, 8) + (e1 + f64x2.extract_lane(s1, 1)), 8);
  store<f64>(out, load<f64>(out, 16) + (e2 + f64x2.extract_lane(s2, 1)), 16);
  store<f64>(out, load<f64>(out, 24) + (e3 + f64x2.extract_lane(s3, 1)), 24);
}

/** addDot4PairsF64 with float32 rows w (n even: the LSTM's 4U gate columns). */
@inline
export function dot4PairsF32(w: usize, stride: usize, d: usize, n: i32, out: usize): void {
  const w1 = w + stride;
  const w2 = w1 + stride;
  const w3 = w2 + stride;
  let s0 = f64x2.splat(0);
  let s1 = s0;
  let s2 = s0;
  let s3 = s0;
  for (let j = 0; j < n; j += 2) {
    const dv = v128.load(d + (<usize>j << 3));
    const o = <usize>j << 2;
    s0 = f64x2.add(s0, f64x2.mul(load2f32(w + o), dv));
    s1 = f64x2.add(s1, f64x2.mul(load2f32(w1 + o), dv));
    s2 = f64x2.add(s2, f64x2.mul(load2f32(w2 + o), dv));
    s3 = f64x2.add(s3, f64x2.mul(load2f32(w3 + o), dv));
  }
  store<f64>(out, f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1));
  store<f64>(out, f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1), 8);
  store<f64>(out, f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1), 16);
  store<f64>(out, f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1), 24);
}
