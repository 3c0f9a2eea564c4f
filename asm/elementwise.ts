/**
 * The fused plan's elementwise kernels (src/engine/fused/plan/kernels/activation.ts), bit for bit: the same
 * formulas with the same operations, Math.exp's and Math.tanh's bits (libm.ts, or the host's own).
 * They run here, not in JavaScript, because the plan's arrays live in this kernel's memory and V8's loops over
 * typed arrays on a WebAssembly memory measured about 2× slower than over its own heap (a ReLU's backward pass
 * over 32 × 800 values: 0.25 ms vs 0.12 ms).
 *
 * Activation codes as plan/kernels/activation.ts numbers them: relu 0, tanh 1, sigmoid 2, linear 3, selu 4.
 */
import { hostExp } from './host';
import { sigmoidRange, tanhRange } from './libm';

const RELU: i32 = 0;
const TANH: i32 = 1;
const SIGMOID: i32 = 2;
const SELU: i32 = 4;
/** tfjs-core's SELU_SCALE (λ) and SELU_SCALEALPHA (λα), as plan/kernels/activation.ts has them. */
const SELU_SCALE: f64 = 1.0507009873554804934193349852946;
const SELU_SCALEALPHA: f64 = 1.7580993408473768599402175208123;

/** out[i] = act(z[i]) for i < n (f64; out may be z). Not linear (the plan passes its input on). */
export function activationForward(kind: i32, z: usize, n: i32, out: usize): void {
  if (kind == RELU) {
    const half = f64x2.splat(0.5);
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const v = v128.load(z + (<usize>i << 3));
      v128.store(out + (<usize>i << 3), f64x2.mul(half, f64x2.add(v, f64x2.abs(v))));
    }
    if (i < n) {
      const v = load<f64>(z + (<usize>i << 3));
      store<f64>(out + (<usize>i << 3), 0.5 * (v + abs(v)));
    }
  } else if (kind == TANH) {
    if (out != z) memory.copy(out, z, <usize>n << 3);
    tanhRange(out, n);
  } else if (kind == SIGMOID) {
    sigmoidRange(z, n, out);
  } else if (kind == SELU) {
    for (let i = 0; i < n; i++) {
      const v = load<f64>(z + (<usize>i << 3));
      store<f64>(out + (<usize>i << 3), v > 0 ? SELU_SCALE * v : SELU_SCALEALPHA * (hostExp(v) - 1));
    }
  }
}

/** dZ[i] = dOut[i] · act'(z_i), the slope from h = act(z) (plan/kernels/activation.ts activationBackward). */
export function activationBackward(kind: i32, h: usize, dOut: usize, n: i32, dZ: usize): void {
  let i = 0;
  if (kind == RELU) {
    const zero = f64x2.splat(0);
    for (; i + 1 < n; i += 2) {
      const o = <usize>i << 3;
      // h > 0 ? dOut : 0, as a mask: dOut's bits where h > 0, +0 elsewhere.
      v128.store(dZ + o, v128.and(v128.load(dOut + o), f64x2.gt(v128.load(h + o), zero)));
    }
    for (; i < n; i++) {
      const o = <usize>i << 3;
      store<f64>(dZ + o, load<f64>(h + o) > 0 ? load<f64>(dOut + o) : 0);
    }
  } else if (kind == TANH) {
    const one = f64x2.splat(1);
    for (; i + 1 < n; i += 2) {
      const o = <usize>i << 3;
      const v = v128.load(h + o);
      v128.store(dZ + o, f64x2.mul(v128.load(dOut + o), f64x2.sub(one, f64x2.mul(v, v))));
    }
    for (; i < n; i++) {
      const o = <usize>i << 3;
      const v = load<f64>(h + o);
      store<f64>(dZ + o, load<f64>(dOut + o) * (1 - v * v));
    }
  } else if (kind == SIGMOID) {
    const one = f64x2.splat(1);
    for (; i + 1 < n; i += 2) {
      const o = <usize>i << 3;
      const v = v128.load(h + o);
      v128.store(dZ + o, f64x2.mul(v128.load(dOut + o), f64x2.mul(v, f64x2.sub(one, v))));
    }
    for (; i < n; i++) {
      const o = <usize>i << 3;
      const v = load<f64>(h + o);
      store<f64>(dZ + o, load<f64>(dOut + o) * (v * (1 - v)));
    }
  } else if (kind == SELU) {
    for (; i < n; i++) {
      const o = <usize>i << 3;
      const v = load<f64>(h + o);
      const d = load<f64>(dOut + o);
      store<f64>(dZ + o, v > 0 ? d * SELU_SCALE : d * (v + SELU_SCALEALPHA));
    }
  } else {
    memory.copy(dZ, dOut, <usize>n << 3);
  }
}
