/**
 * The LSTM of src/engine/fused/layers/lstm.ts, bit for bit (its header gives the summation order kept here):
 * forward and backward over a batch, with the tape (gates, c, h, tanh c) in this module's memory. SIMD runs
 * over the 4U gate columns j, each column its own sum in the reference's order, so the lanes change nothing;
 * the two partial sums of dx and dh_{t-1} (even and odd j) are a f64x2's two lanes, added at the end. The
 * sigmoid is 1 / (1 + exp(−z)) and tanh Math.tanh, both with Math's bits and two units at a time (libm.ts).
 *
 * Layout (all pointers are byte offsets; f64 unless said): x rows × T × F; mask rows × T bytes (0: none);
 * kernel F × 4U f32, recurrent U × 4U f32, bias 4U f32; out rows × (T·U or U); gates rows × T × 4U;
 * c and h rows × (T + 1) × U; tanhC rows × T × U; scratch dz 4U, dh, dc, dhPrev U each.
 */
import { sigmoidRange, tanhRange } from './libm';
import { axpyF32, axpyF64, dot4PairsF32, dotPairsF32, loadf32 } from './simd';

/** Two doubles at p (one, duplicated, when `single`: a last odd unit). */
@inline
function load2(p: usize, single: bool): v128 {
  return single ? f64x2.splat(load<f64>(p)) : v128.load(p);
}

/** Stores v's two lanes at p (only the low one when `single`). */
@inline
function store2(p: usize, v: v128, single: bool): void {
  if (single) store<f64>(p, f64x2.extract_lane(v, 0));
  else v128.store(p, v);
}

/** Units j, j + 1 (byte offset o8) of a step, its gates activated: c' = f·c + i·g into c' and tanh c. */
@inline
function cellStep(io: usize, fo: usize, gc: usize, cPrev: usize, cNext: usize, to: usize, o8: usize, single: bool): void {
  const cv = f64x2.add(f64x2.mul(load2(fo + o8, single), load2(cPrev + o8, single)), f64x2.mul(load2(io + o8, single), load2(gc + o8, single)));
  store2(cNext + o8, cv, single);
  store2(to + o8, cv, single);
}

/** Units j, j + 1 of a step's output: h' = o · tanh c'. */
@inline
function outputStep(oo: usize, to: usize, hNext: usize, o8: usize, single: bool): void {
  store2(hNext + o8, f64x2.mul(load2(oo + o8, single), load2(to + o8, single)), single);
}

/** out[k] = Σ_j w[k, j]·dz[j] for k < rows (w float32 rows of G), four rows at a time (simd.ts). */
@inline
function dots(w: usize, rows: i32, G: i32, dz: usize, out: usize): void {
  let k = 0;
  for (; k + 4 <= rows; k += 4) dot4PairsF32(w + (<usize>(k * G) << 2), <usize>G << 2, dz, G, out + (<usize>k << 3));
  for (; k < rows; k++) store<f64>(out + (<usize>k << 3), dotPairsF32(w + (<usize>(k * G) << 2), dz, G));
}

export function lstmForward(
  T: i32, F: i32, U: i32, returnSequences: bool, x: usize, rows: i32, mask: usize,
  kernel: usize, recurrent: usize, bias: usize, out: usize, gates: usize, c: usize, h: usize, tanhC: usize,
): void {
  const G = 4 * U;
  for (let r = 0; r < rows; r++) {
    const s0 = <usize>(r * (T + 1) * U) << 3;
    memory.fill(c + s0, 0, <usize>U << 3);
    memory.fill(h + s0, 0, <usize>U << 3);
    for (let t = 0; t < T; t++) {
      const prev = s0 + (<usize>(t * U) << 3);
      const next = prev + (<usize>U << 3);
      if (mask != 0 && load<u8>(mask + <usize>(r * T + t)) == 0) {
        memory.copy(c + next, c + prev, <usize>U << 3);
        memory.copy(h + next, h + prev, <usize>U << 3);
      } else {
        const go = gates + (<usize>((r * T + t) * G) << 3);
        for (let j = 0; j < G; j++) store<f64>(go + (<usize>j << 3), loadf32(bias + (<usize>j << 2)));
        const xo = x + (<usize>((r * T + t) * F) << 3);
        for (let k = 0; k < F; k++) {
          const xv = load<f64>(xo + (<usize>k << 3));
          if (xv != 0) axpyF32(go, xv, kernel + (<usize>(k * G) << 2), G);
        }
        for (let k = 0; k < U; k++) {
          const hv = load<f64>(h + prev + (<usize>k << 3));
          if (hv != 0) axpyF32(go, hv, recurrent + (<usize>(k * G) << 2), G);
        }
        // Gates i, f (contiguous) and o through the sigmoid, g through tanh, each a loop of its own.
        const fo = go + (<usize>U << 3);
        const gc = go + (<usize>(2 * U) << 3);
        const oo = go + (<usize>(3 * U) << 3);
        sigmoidRange(go, 2 * U, go);
        sigmoidRange(oo, U, oo);
        tanhRange(gc, U);
        const to = tanhC + (<usize>((r * T + t) * U) << 3);
        let j = 0;
        for (; j + 1 < U; j += 2) cellStep(go, fo, gc, c + prev, c + next, to, <usize>j << 3, false);
        if (j < U) cellStep(go, fo, gc, c + prev, c + next, to, <usize>j << 3, true);
        tanhRange(to, U);
        for (j = 0; j + 1 < U; j += 2) outputStep(oo, to, h + next, <usize>j << 3, false);
        if (j < U) outputStep(oo, to, h + next, <usize>j << 3, true);
      }
      if (returnSequences) memory.copy(out + (<usize>((r * T + t) * U) << 3), h + next, <usize>U << 3);
    }
    if (!returnSequences) memory.copy(out + (<usize>(r * U) << 3), h + s0 + (<usize>(T * U) << 3), <usize>U << 3);
  }
}

export function lstmBackward(
  T: i32, F: i32, U: i32, returnSequences: bool, x: usize, dOut: usize, rows: i32, mask: usize,
  kernel: usize, recurrent: usize, gKernel: usize, gRecurrent: usize, gBias: usize, dX: usize,
  gates: usize, c: usize, h: usize, tanhC: usize, dz: usize, dh: usize, dc: usize, dhPrev: usize,
): void {
  const G = 4 * U;
  const U8 = <usize>U << 3;
  memory.fill(gKernel, 0, <usize>(F * G) << 3);
  memory.fill(gRecurrent, 0, <usize>(U * G) << 3);
  memory.fill(gBias, 0, <usize>G << 3);
  const wantDx = dX != 0;
  if (wantDx) memory.fill(dX, 0, <usize>(rows * T * F) << 3);
  for (let r = 0; r < rows; r++) {
    const s0 = <usize>(r * (T + 1) * U) << 3;
    memory.fill(dh, 0, U8);
    memory.fill(dc, 0, U8);
    if (!returnSequences) memory.copy(dh, dOut + (<usize>(r * U) << 3), U8);
    for (let t = T - 1; t >= 0; t--) {
      if (returnSequences) {
        const d = dOut + (<usize>((r * T + t) * U) << 3);
        for (let j = 0; j < U; j++) store<f64>(dh + (<usize>j << 3), load<f64>(dh + (<usize>j << 3)) + load<f64>(d + (<usize>j << 3)));
      }
      if (mask != 0 && load<u8>(mask + <usize>(r * T + t)) == 0) continue;
      const prev = s0 + (<usize>(t * U) << 3);
      const go = gates + (<usize>((r * T + t) * G) << 3);
      const to = tanhC + (<usize>((r * T + t) * U) << 3);
      for (let j = 0; j < U; j++) {
        const o8 = <usize>j << 3;
        const i = load<f64>(go + o8);
        const f = load<f64>(go + U8 + o8);
        const g = load<f64>(go + 2 * U8 + o8);
        const o = load<f64>(go + 3 * U8 + o8);
        const tc = load<f64>(to + o8);
        const dhj = load<f64>(dh + o8);
        const dcj = load<f64>(dc + o8) + dhj * o * (1 - tc * tc);
        store<f64>(dz + o8, dcj * g * i * (1 - i));
        store<f64>(dz + U8 + o8, dcj * load<f64>(c + prev + o8) * f * (1 - f));
        store<f64>(dz + 2 * U8 + o8, dcj * i * (1 - g * g));
        store<f64>(dz + 3 * U8 + o8, dhj * tc * o * (1 - o));
        store<f64>(dc + o8, dcj * f);
      }
      for (let j = 0; j < G; j += 2) {
        const o = <usize>j << 3;
        v128.store(gBias + o, f64x2.add(v128.load(gBias + o), v128.load(dz + o)));
      }
      const xo = x + (<usize>((r * T + t) * F) << 3);
      const dxo = dX + (<usize>((r * T + t) * F) << 3);
      for (let k = 0; k < F; k++) {
        const xv = load<f64>(xo + (<usize>k << 3));
        if (xv != 0) axpyF64(gKernel + (<usize>(k * G) << 3), xv, dz, G);
      }
      if (wantDx) dots(kernel, F, G, dz, dxo);
      for (let k = 0; k < U; k++) {
        const hv = load<f64>(h + prev + (<usize>k << 3));
        if (hv != 0) axpyF64(gRecurrent + (<usize>(k * G) << 3), hv, dz, G);
      }
      dots(recurrent, U, G, dz, dhPrev);
      memory.copy(dh, dhPrev, U8);
    }
  }
}
