/**
 * Activations and their slopes in float32, lane by lane as src/engine/fused/kernels.ts computes them (same
 * formulas, same operation order, each operation a float32 one; the host's Math.exp and Math.tanh in double of
 * the float32 argument, rounded to float32), so both paths give the same bits.
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
export function act(kind: i32, v: f32): f32 {
  if (kind == RELU) return <f32>0.5 * (v + abs<f32>(v));
  if (kind == SIGMOID) return <f32>1.0 / (<f32>1.0 + <f32>hostExp(-<f64>v));
  return v;
}

/** act(v) for four lanes, not tanh (as act); `relu` is a compile-time constant at the fast call sites. */
@inline
export function act4(relu: bool, kind: i32, v: v128): v128 {
  if (relu || kind == RELU) return f32x4.mul(f32x4.splat(0.5), f32x4.add(v, f32x4.abs(v)));
  if (kind == LINEAR) return v;
  let h = f32x4.splat(act(kind, f32x4.extract_lane(v, 0)));
  h = f32x4.replace_lane(h, 1, act(kind, f32x4.extract_lane(v, 1)));
  h = f32x4.replace_lane(h, 2, act(kind, f32x4.extract_lane(v, 2)));
  return f32x4.replace_lane(h, 3, act(kind, f32x4.extract_lane(v, 3)));
}

/** act'(z) from h = act(z), as kernels.ts slope(): relu +(h > 0), tanh 1 - h², sigmoid h(1 - h), linear 1. */
@inline
export function slope(kind: i32, h: f32): f32 {
  if (kind == RELU) return h > 0 ? <f32>1.0 : <f32>0.0;
  if (kind == TANH) return <f32>1.0 - h * h;
  if (kind == SIGMOID) return h * (<f32>1.0 - h);
  return 1.0;
}

/** slope() for four lanes: relu's is the compare mask and-ed with 1.0 (1.0 or +0.0, as +(h > 0)). */
@inline
export function slope4(kind: i32, h: v128): v128 {
  const one = f32x4.splat(1.0);
  if (kind == RELU) return v128.and(f32x4.gt(h, f32x4.splat(0.0)), one);
  if (kind == TANH) return f32x4.sub(one, f32x4.mul(h, h));
  if (kind == SIGMOID) return f32x4.mul(h, f32x4.sub(one, h));
  return one;
}
