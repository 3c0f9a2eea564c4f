/**
 * The fused plan's elementwise and pooling kernels (src/engine/fused/plan/kernels/activation.ts and
 * layers/pool.ts), bit for bit: the same formulas with the same operations, the host's Math.exp and Math.tanh.
 * They run here, not in JavaScript, because the plan's arrays live in this kernel's memory and V8's loops over
 * typed arrays on a WebAssembly memory measured about 2× slower than over its own heap (a ReLU's backward pass
 * over 32 × 800 values: 0.25 ms vs 0.12 ms).
 *
 * Activation codes as plan/kernels/activation.ts numbers them: relu 0, tanh 1, sigmoid 2, linear 3, selu 4.
 */
import { hostExp, hostTanhRange } from './host';

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
    hostTanhRange(out, n);
  } else if (kind == SIGMOID) {
    for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), 1 / (1 + hostExp(-load<f64>(z + (<usize>i << 3)))));
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

/**
 * layers/pool.ts maxPoolForward: each window's first largest cell (in (dy, dx) order) over the cells inside
 * the image; out (f64) its value, argmax (i32) its index into x. Two channels at a time (channels are
 * adjacent in memory): a lane takes a cell only when it is strictly larger, as the scalar loop does.
 */
export function maxPoolForward(
  inH: i32, inW: i32, C: i32, kh: i32, kw: i32, sh: i32, sw: i32, outH: i32, outW: i32, top: i32, left: i32,
  x: usize, rows: i32, out: usize, argmax: usize,
): void {
  const inSize = inH * inW * C;
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = max(oy * sh - top, 0);
      const y1 = min(oy * sh - top + kh, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = max(ox * sw - left, 0);
        const x1 = min(ox * sw - left + kw, inW);
        const po = ((r * outH + oy) * outW + ox) * C;
        const first = xr + (y0 * inW + x0) * C;
        let c = 0;
        for (; c + 1 < C; c += 2) {
          let at = i64x2(first + c, first + c + 1);
          let best = v128.load(x + (<usize>(first + c) << 3));
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const i = xr + (iy * inW + ix) * C + c;
              const v = v128.load(x + (<usize>i << 3));
              const taken = f64x2.gt(v, best);
              best = v128.bitselect(v, best, taken);
              at = v128.bitselect(i64x2(i, i + 1), at, taken);
            }
          }
          v128.store(out + (<usize>(po + c) << 3), best);
          store<i32>(argmax + (<usize>(po + c) << 2), <i32>i64x2.extract_lane(at, 0));
          store<i32>(argmax + (<usize>(po + c + 1) << 2), <i32>i64x2.extract_lane(at, 1));
        }
        if (c < C) {
          let at = first + c;
          let best = load<f64>(x + (<usize>at << 3));
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const i = xr + (iy * inW + ix) * C + c;
              const v = load<f64>(x + (<usize>i << 3));
              if (v > best) {
                best = v;
                at = i;
              }
            }
          }
          store<f64>(out + (<usize>(po + c) << 3), best);
          store<i32>(argmax + (<usize>(po + c) << 2), at);
        }
      }
    }
  }
}

/** layers/pool.ts maxPoolBackward: dX (inCells values, zeroed first) gets each output's gradient at its cell. */
export function maxPoolBackward(dOut: usize, outs: i32, argmax: usize, inCells: i32, dX: usize): void {
  memory.fill(dX, 0, <usize>inCells << 3);
  for (let o = 0; o < outs; o++) {
    const p = dX + (<usize>load<i32>(argmax + (<usize>o << 2)) << 3);
    store<f64>(p, load<f64>(p) + load<f64>(dOut + (<usize>o << 3)));
  }
}
