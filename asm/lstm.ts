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
import { axpyF64, dot4PairsF32, dotPairsF32, load2f32 } from './simd';

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

/**
 * z[j] = b[j] + Σ_k x_k·W[k, j] + Σ_k h_k·R[k, j] for the G gate columns, k in order and terms with x_k or
 * h_k = 0 left out, as the TypeScript loop sums them (each column its own sum, so lanes change nothing).
 * Sixteen columns stay in eight f64x2 registers over all of k before they are stored, instead of a pass over
 * z in memory per k.
 */
@inline
function gatePreactivations(z: usize, G: i32, bias: usize, x: usize, F: i32, kernel: usize, hPrev: usize, U: i32, recurrent: usize): void {
  const row = <usize>G << 2;
  let j = 0;
  for (; j + 15 < G; j += 16) {
    const bj = bias + (<usize>j << 2);
    let a0 = load2f32(bj);
    let a1 = load2f32(bj + 8);
    let a2 = load2f32(bj + 16);
    let a3 = load2f32(bj + 24);
    let a4 = load2f32(bj + 32);
    let a5 = load2f32(bj + 40);
    let a6 = load2f32(bj + 48);
    let a7 = load2f32(bj + 56);
    for (let pass = 0; pass < 2; pass++) {
      const inputs = pass == 0 ? x : hPrev;
      const count = pass == 0 ? F : U;
      let w = (pass == 0 ? kernel : recurrent) + (<usize>j << 2);
      for (let k = 0; k < count; k++, w += row) {
        const xv = load<f64>(inputs + (<usize>k << 3));
        if (xv == 0) continue;
        const v = f64x2.splat(xv);
        a0 = f64x2.add(a0, f64x2.mul(v, load2f32(w)));
        a1 = f64x2.add(a1, f64x2.mul(v, load2f32(w + 8)));
        a2 = f64x2.add(a2, f64x2.mul(v, load2f32(w + 16)));
        a3 = f64x2.add(a3, f64x2.mul(v, load2f32(w + 24)));
        a4 = f64x2.add(a4, f64x2.mul(v, load2f32(w + 32)));
        a5 = f64x2.add(a5, f64x2.mul(v, load2f32(w + 40)));
        a6 = f64x2.add(a6, f64x2.mul(v, load2f32(w + 48)));
        a7 = f64x2.add(a7, f64x2.mul(v, load2f32(w + 56)));
      }
    }
    const zj = z + (<usize>j << 3);
    v128.store(zj, a0);
    v128.store(zj, a1, 16);
    v128.store(zj, a2, 32);
    v128.store(zj, a3, 48);
    v128.store(zj, a4, 64);
    v128.store(zj, a5, 80);
    v128.store(zj, a6, 96);
    v128.store(zj, a7, 112);
  }
  // The last G % 16 columns (G = 4U is even): the same sums, a pair at a time.
  for (; j < G; j += 2) {
    let a = load2f32(bias + (<usize>j << 2));
    for (let pass = 0; pass < 2; pass++) {
      const inputs = pass == 0 ? x : hPrev;
      const count = pass == 0 ? F : U;
      let w = (pass == 0 ? kernel : recurrent) + (<usize>j << 2);
      for (let k = 0; k < count; k++, w += row) {
        const xv = load<f64>(inputs + (<usize>k << 3));
        if (xv != 0) a = f64x2.add(a, f64x2.mul(f64x2.splat(xv), load2f32(w)));
      }
    }
    v128.store(z + (<usize>j << 3), a);
  }
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
        gatePreactivations(go, G, bias, x + (<usize>((r * T + t) * F) << 3), F, kernel, h + prev, U, recurrent);
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
