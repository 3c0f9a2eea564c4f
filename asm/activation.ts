/**
 * Activations and their slopes, lane by lane as src/engine/fused/kernels.ts computes them (same formulas, same
 * operation order, the host's Math.exp and Math.tanh), so both paths give the same bits.
 */
import { hostExp } from './host';

// Activation codes: indices into ACTIVATIONS of src/engine/fused/net.ts, as kernels.ts numbers them.
export const RELU: i32 = 0;
export const TANH: i32 = 1;
export const SIGMOID: i32 = 2;
export const LINEAR: i32 = 3;

/**
 * act(v) for one value: relu as 0.5·(v + |v|) (kernels.ts relu), sigmoid 1 / (1 + exp(-v)), or v. Not tanh:
 * the forward pass applies the host's tanh to whole rows (forward.ts).
 */
@inline
export function act(kind: i32, v: f64): f64 {
  if (kind == RELU) return 0.5 * (v + abs(v));
  if (kind == SIGMOID) return 1.0 / (1.0 + hostExp(-v));
  return v;
}

/** act(v) for both lanes, not tanh (as act); `relu` is a compile-time constant at the fast call sites. */
@inline
export function act2(relu: bool, kind: i32, v: v128): v128 {
  if (relu || kind == RELU) return f64x2.mul(f64x2.splat(0.5), f64x2.add(v, f64x2.abs(v)));
  if (kind == LINEAR) return v;
  return f64x2.replace_lane(f64x2.splat(act(kind, f64x2.extract_lane(v, 0))), 1, act(kind, f64x2.extract_lane(v, 1)));
}

/** act'(z) from h = act(z), as kernels.ts slope(): relu +(h > 0), tanh 1 - h², sigmoid h(1 - h), linear 1. */
@inline
export function slope(kind: i32, h: f64): f64 {
  if (kind == RELU) return h > 0 ? 1.0 : 0.0;
  if (kind == TANH) return 1.0 - h * h;
  if (kind == SIGMOID) return h * (1.0 - h);
  return 1.0;
}

/** slope() for both lanes: relu's is the compare mask and-ed with 1.0 (1.0 or +0.0, as +(h > 0)). */
@inline
export function slope2(kind: i32, h: v128): v128 {
  const one = f64x2.splat(1.0);
  if (kind == RELU) return v128.and(f64x2.gt(h, f64x2.splat(0.0)), one);
  if (kind == TANH) return f64x2.sub(one, f64x2.mul(h, h));
  if (kind == SIGMOID) return f64x2.mul(h, f64x2.sub(one, h));
  return one;
}
