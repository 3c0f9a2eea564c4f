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
