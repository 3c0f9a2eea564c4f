/**
 * Adam and SGD steps of src/engine/fused/optimizer.ts, two parameters per SIMD step, the same operations in
 * the same order (float32 storage of weights and moments, double arithmetic), so the same bits. The float32
 * constants and the bias corrections c1 = 1 - β1^t, c2 = 1 - β2^t come from the host, which keeps β^t.
 */
import { load2f32, loadf32, store2f32 } from './simd';

/**
 * m ← f32(β1·m + (1-β1)·g); v ← f32(β2·v + (1-β2)·g²); w ← f32(w + ((m / c1) / (sqrt(v / c2) + ε)) · (-lr)).
 * params, m, v float32; grads float64; `count` values.
 */
export function adamStep(
  params: usize, grads: usize, m: usize, v: usize, count: i32,
  beta1: f64, beta2: f64, oneMinusBeta1: f64, oneMinusBeta2: f64, c1: f64, c2: f64, epsilon: f64, negLearningRate: f64,
): void {
  const b1 = f64x2.splat(beta1);
  const b2 = f64x2.splat(beta2);
  const ob1 = f64x2.splat(oneMinusBeta1);
  const ob2 = f64x2.splat(oneMinusBeta2);
  const vc1 = f64x2.splat(c1);
  const vc2 = f64x2.splat(c2);
  const eps = f64x2.splat(epsilon);
  const lr = f64x2.splat(negLearningRate);
  let i = 0;
  for (; i + 1 < count; i += 2) {
    const o4 = <usize>i << 2;
    const g = v128.load(grads + (<usize>i << 3));
    store2f32(m + o4, f64x2.add(f64x2.mul(b1, load2f32(m + o4)), f64x2.mul(ob1, g)));
    store2f32(v + o4, f64x2.add(f64x2.mul(b2, load2f32(v + o4)), f64x2.mul(ob2, f64x2.mul(g, g))));
    const mi = load2f32(m + o4);
    const vi = load2f32(v + o4);
    const step = f64x2.mul(f64x2.div(f64x2.div(mi, vc1), f64x2.add(f64x2.sqrt(f64x2.div(vi, vc2)), eps)), lr);
    store2f32(params + o4, f64x2.add(load2f32(params + o4), step));
  }
  if (i < count) {
    const o4 = <usize>i << 2;
    const g = load<f64>(grads + (<usize>i << 3));
    const mi = <f64>(<f32>(beta1 * loadf32(m + o4) + oneMinusBeta1 * g));
    const vi = <f64>(<f32>(beta2 * loadf32(v + o4) + oneMinusBeta2 * (g * g)));
    store<f32>(m + o4, <f32>mi);
    store<f32>(v + o4, <f32>vi);
    store<f32>(params + o4, <f32>(loadf32(params + o4) + ((mi / c1) / (sqrt(vi / c2) + epsilon)) * negLearningRate));
  }
}

/** w ← f32(w + (-lr)·g). */
export function sgdStep(params: usize, grads: usize, count: i32, negLearningRate: f64): void {
  const lr = f64x2.splat(negLearningRate);
  let i = 0;
  for (; i + 1 < count; i += 2) {
    const o4 = <usize>i << 2;
    store2f32(params + o4, f64x2.add(load2f32(params + o4), f64x2.mul(lr, v128.load(grads + (<usize>i << 3)))));
  }
  if (i < count) store<f32>(params + (<usize>i << 2), <f32>(loadf32(params + (<usize>i << 2)) + negLearningRate * load<f64>(grads + (<usize>i << 3))));
}
