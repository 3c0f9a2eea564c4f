/**
 * Forward pass of one hidden layer over a batch, as FusedNet.forward and the row kernels of
 * src/engine/fused/kernels.ts do it, two units per SIMD step (f64x2): every operation per unit is the same
 * IEEE operation in the same order, so the values are the same bits. The output unit's product Σ_j a_j·wOut_j
 * is summed as two partial sums, over even and over odd j, added at the end: the order kernels.ts uses too,
 * so that it fits the two lanes. Layers with two inputs (the tutorial's first) go two rows at a time; tanh
 * layers row by row in three passes around one host call (host.ts).
 * Pointers are byte offsets into the memory the host lays out; float32 arrays are weights and noise, float64
 * arrays activations.
 */
import { act, act2, LINEAR, RELU, TANH } from './activation';
import { hostTanhRange } from './host';
import { fillNormal } from './normal';
import { load2f32, loadf32 } from './simd';

/** Pre noise is drawn and added. */
export const PRE: i32 = 1;
/** The layer has a post-noise output buffer: `a` = act(z) + post (zeros when the noise is off). */
export const POST: i32 = 2;
/** Post noise is drawn (training); without it POST adds the zeros at `zeros`. */
export const DRAW_POST: i32 = 4;
/** Last hidden layer: return the output unit's product per row. */
export const OUT: i32 = 8;

/**
 * One row, in one pass (kernels.ts denseRow2 for fanIn 2, finishRow otherwise): v_j = affine part, + pre_j,
 * h_j = act(v_j) into z, a_j = h_j + post_j into a; returns Σ a_j · wOut_j with hasOut.
 * With `two`, v_j = (b_j + a0·w_0j) + a1·w_1j from the layer's two inputs; else v_j is read from z (affine()).
 * The flags are compile-time constants at each call site below, so each combination gets its own loop.
 */
@inline
function rowCore(
  two: bool, relu: bool, hasPre: bool, hasPost: bool, hasOut: bool,
  kind: i32, a0: f64, a1: f64, w: usize, b: usize, z: usize, n: i32, pre: usize, post: usize, a: usize, wOut: usize,
): f64 {
  const va0 = f64x2.splat(a0);
  const va1 = f64x2.splat(a1);
  const w1 = w + (<usize>n << 2);
  let acc = f64x2.splat(0.0);
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const o4 = <usize>j << 2;
    const o8 = <usize>j << 3;
    let v: v128;
    if (two) v = f64x2.add(f64x2.add(load2f32(b + o4), f64x2.mul(va0, load2f32(w + o4))), f64x2.mul(va1, load2f32(w1 + o4)));
    else v = v128.load(z + o8);
    if (hasPre) v = f64x2.add(v, load2f32(pre + o4));
    const h = act2(relu, kind, v);
    v128.store(z + o8, h);
    let o = h;
    if (hasPost) {
      o = f64x2.add(h, load2f32(post + o4));
      v128.store(a + o8, o);
    }
    if (hasOut) acc = f64x2.add(acc, f64x2.mul(o, load2f32(wOut + o4)));
  }
  let even = f64x2.extract_lane(acc, 0);
  const odd = f64x2.extract_lane(acc, 1);
  if (j < n) {
    // n odd: the last unit, j even.
    const o4 = <usize>j << 2;
    const o8 = <usize>j << 3;
    let v: f64;
    if (two) v = loadf32(b + o4) + a0 * loadf32(w + o4) + a1 * loadf32(w1 + o4);
    else v = load<f64>(z + o8);
    if (hasPre) v += loadf32(pre + o4);
    const h = relu ? 0.5 * (v + abs(v)) : act(kind, v);
    store<f64>(z + o8, h);
    let o = h;
    if (hasPost) {
      o = h + loadf32(post + o4);
      store<f64>(a + o8, o);
    }
    if (hasOut) even += o * loadf32(wOut + o4);
  }
  return even + odd;
}

/**
 * rowCore for tanh, in three passes: v_j into z (as rowCore), tanh of the whole row by the host, then as rowCore
 * from h_j on. Each value goes through the same operations as in rowCore.
 */
function tanhRow(two: bool, flags: i32, a0: f64, a1: f64, w: usize, b: usize, z: usize, n: i32, pre: usize, post: usize, a: usize, wOut: usize): f64 {
  const hasPre = (flags & PRE) != 0;
  const va0 = f64x2.splat(a0);
  const va1 = f64x2.splat(a1);
  const w1 = w + (<usize>n << 2);
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const o4 = <usize>j << 2;
    const o8 = <usize>j << 3;
    let v: v128;
    if (two) v = f64x2.add(f64x2.add(load2f32(b + o4), f64x2.mul(va0, load2f32(w + o4))), f64x2.mul(va1, load2f32(w1 + o4)));
    else v = v128.load(z + o8);
    if (hasPre) v = f64x2.add(v, load2f32(pre + o4));
    v128.store(z + o8, v);
  }
  if (j < n) {
    const o4 = <usize>j << 2;
    const o8 = <usize>j << 3;
    let v: f64;
    if (two) v = loadf32(b + o4) + a0 * loadf32(w + o4) + a1 * loadf32(w1 + o4);
    else v = load<f64>(z + o8);
    if (hasPre) v += loadf32(pre + o4);
    store<f64>(z + o8, v);
  }
  hostTanhRange(z, n);
  // From h on, rowCore reading v = h and neither adding pre nor applying an activation (LINEAR is the identity).
  return rowCore(false, false, false, (flags & POST) != 0, (flags & OUT) != 0, LINEAR, 0, 0, w, b, z, n, pre, post, a, wOut);
}

/** rowCore with the flags turned into constants: ReLU gets a loop per flag combination, the rest one loop. */
@inline
function row(two: bool, kind: i32, flags: i32, a0: f64, a1: f64, w: usize, b: usize, z: usize, n: i32, pre: usize, post: usize, a: usize, wOut: usize): f64 {
  if (kind == TANH) return tanhRow(two, flags, a0, a1, w, b, z, n, pre, post, a, wOut);
  if (kind == RELU) {
    switch (flags & (PRE | POST | OUT)) {
      case 0: return rowCore(two, true, false, false, false, kind, a0, a1, w, b, z, n, pre, post, a, wOut);
      case PRE: return rowCore(two, true, true, false, false, kind, a0, a1, w, b, z, n, pre, post, a, wOut);
      case POST: return rowCore(two, true, false, true, false, kind, a0, a1, w, b, z, n, pre, post, a, wOut);
      case PRE | POST: return rowCore(two, true, true, true, false, kind, a0, a1, w, b, z, n, pre, post, a, wOut);
      case OUT: return rowCore(two, true, false, false, true, kind, a0, a1, w, b, z, n, pre, post, a, wOut);
      case PRE | OUT: return rowCore(two, true, true, false, true, kind, a0, a1, w, b, z, n, pre, post, a, wOut);
      case POST | OUT: return rowCore(two, true, false, true, true, kind, a0, a1, w, b, z, n, pre, post, a, wOut);
      default: return rowCore(two, true, true, true, true, kind, a0, a1, w, b, z, n, pre, post, a, wOut);
    }
  }
  return rowCore(two, false, (flags & PRE) != 0, (flags & POST) != 0, (flags & OUT) != 0, kind, a0, a1, w, b, z, n, pre, post, a, wOut);
}

/**
 * rowCore for two rows r, r + 1 of a layer with two inputs at once: the weights, bias and output weights are
 * read once for both rows. Each row's values and its own two partial sums are as rowCore computes them.
 * Row r + 1's arrays follow row r's (z, a: n doubles on; pre: n floats on; post: postStride bytes on, 0 for
 * the shared zeros). Stores the two output products at sums, sums + 8 (with hasOut).
 */
@inline
function rowPairCore(
  relu: bool, hasPre: bool, hasPost: bool, hasOut: bool,
  kind: i32, x: usize, w: usize, b: usize, z: usize, n: i32, pre: usize, post: usize, postStride: usize, a: usize, wOut: usize, sums: usize,
): void {
  const xr0 = f64x2.splat(load<f64>(x));
  const xr1 = f64x2.splat(load<f64>(x, 8));
  const xs0 = f64x2.splat(load<f64>(x, 16));
  const xs1 = f64x2.splat(load<f64>(x, 24));
  const w1 = w + (<usize>n << 2);
  const zs = z + (<usize>n << 3);
  const as = a + (<usize>n << 3);
  const pres = pre + (<usize>n << 2);
  const posts = post + postStride;
  let accR = f64x2.splat(0.0);
  let accS = f64x2.splat(0.0);
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const o4 = <usize>j << 2;
    const o8 = <usize>j << 3;
    const bj = load2f32(b + o4);
    const w0j = load2f32(w + o4);
    const w1j = load2f32(w1 + o4);
    let vr = f64x2.add(f64x2.add(bj, f64x2.mul(xr0, w0j)), f64x2.mul(xr1, w1j));
    let vs = f64x2.add(f64x2.add(bj, f64x2.mul(xs0, w0j)), f64x2.mul(xs1, w1j));
    if (hasPre) {
      vr = f64x2.add(vr, load2f32(pre + o4));
      vs = f64x2.add(vs, load2f32(pres + o4));
    }
    const hr = act2(relu, kind, vr);
    const hs = act2(relu, kind, vs);
    v128.store(z + o8, hr);
    v128.store(zs + o8, hs);
    let or = hr;
    let os = hs;
    if (hasPost) {
      or = f64x2.add(hr, load2f32(post + o4));
      os = f64x2.add(hs, load2f32(posts + o4));
      v128.store(a + o8, or);
      v128.store(as + o8, os);
    }
    if (hasOut) {
      const wo = load2f32(wOut + o4);
      accR = f64x2.add(accR, f64x2.mul(or, wo));
      accS = f64x2.add(accS, f64x2.mul(os, wo));
    }
  }
  let evenR = f64x2.extract_lane(accR, 0);
  let evenS = f64x2.extract_lane(accS, 0);
  if (j < n) {
    const o4 = <usize>j << 2;
    const o8 = <usize>j << 3;
    const bj = loadf32(b + o4), w0j = loadf32(w + o4), w1j = loadf32(w1 + o4);
    let vr = bj + load<f64>(x) * w0j + load<f64>(x, 8) * w1j;
    let vs = bj + load<f64>(x, 16) * w0j + load<f64>(x, 24) * w1j;
    if (hasPre) {
      vr += loadf32(pre + o4);
      vs += loadf32(pres + o4);
    }
    const hr = relu ? 0.5 * (vr + abs(vr)) : act(kind, vr);
    const hs = relu ? 0.5 * (vs + abs(vs)) : act(kind, vs);
    store<f64>(z + o8, hr);
    store<f64>(zs + o8, hs);
    let or = hr;
    let os = hs;
    if (hasPost) {
      or = hr + loadf32(post + o4);
      os = hs + loadf32(posts + o4);
      store<f64>(a + o8, or);
      store<f64>(as + o8, os);
    }
    if (hasOut) {
      const wo = loadf32(wOut + o4);
      evenR += or * wo;
      evenS += os * wo;
    }
  }
  if (hasOut) {
    store<f64>(sums, evenR + f64x2.extract_lane(accR, 1));
    store<f64>(sums, evenS + f64x2.extract_lane(accS, 1), 8);
  }
}

/** rowPairCore with the flags turned into constants, as row(). */
@inline
function rowPair(kind: i32, flags: i32, x: usize, w: usize, b: usize, z: usize, n: i32, pre: usize, post: usize, postStride: usize, a: usize, wOut: usize, sums: usize): void {
  if (kind == RELU) {
    switch (flags & (PRE | POST | OUT)) {
      case 0: rowPairCore(true, false, false, false, kind, x, w, b, z, n, pre, post, postStride, a, wOut, sums); return;
      case PRE: rowPairCore(true, true, false, false, kind, x, w, b, z, n, pre, post, postStride, a, wOut, sums); return;
      case POST: rowPairCore(true, false, true, false, kind, x, w, b, z, n, pre, post, postStride, a, wOut, sums); return;
      case PRE | POST: rowPairCore(true, true, true, false, kind, x, w, b, z, n, pre, post, postStride, a, wOut, sums); return;
      case OUT: rowPairCore(true, false, false, true, kind, x, w, b, z, n, pre, post, postStride, a, wOut, sums); return;
      case PRE | OUT: rowPairCore(true, true, false, true, kind, x, w, b, z, n, pre, post, postStride, a, wOut, sums); return;
      case POST | OUT: rowPairCore(true, false, true, true, kind, x, w, b, z, n, pre, post, postStride, a, wOut, sums); return;
      default: rowPairCore(true, true, true, true, kind, x, w, b, z, n, pre, post, postStride, a, wOut, sums); return;
    }
  }
  rowPairCore(false, (flags & PRE) != 0, (flags & POST) != 0, (flags & OUT) != 0, kind, x, w, b, z, n, pre, post, postStride, a, wOut, sums);
}

/** kernels.ts affineRow: z_j = b_j + Σ_k x_k · w_kj, k in order, inputs equal to 0 skipped. */
function affine(x: usize, fanIn: i32, w: usize, b: usize, z: usize, n: i32): void {
  let j = 0;
  for (; j + 1 < n; j += 2) v128.store(z + (<usize>j << 3), load2f32(b + (<usize>j << 2)));
  if (j < n) store<f64>(z + (<usize>j << 3), loadf32(b + (<usize>j << 2)));
  for (let k = 0; k < fanIn; k++) {
    const xk = load<f64>(x + (<usize>k << 3));
    if (xk == 0) continue;
    const vx = f64x2.splat(xk);
    const wk = w + (<usize>(k * n) << 2);
    j = 0;
    for (; j + 1 < n; j += 2) {
      const p = z + (<usize>j << 3);
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(vx, load2f32(wk + (<usize>j << 2)))));
    }
    if (j < n) {
      const p = z + (<usize>j << 3);
      store<f64>(p, load<f64>(p) + xk * loadf32(wk + (<usize>j << 2)));
    }
  }
}

/** Rows affineRows4 computes at once. */
const BLOCK: i32 = 4;

/**
 * affine() for four rows at once (x rows fanIn doubles apart, z rows n doubles apart), every input nonzero:
 * the sums of four units × four rows stay in registers through the loop over k, so each weight load serves four
 * rows and no partial sum goes through memory (affine() loads and stores z once per k). Each sum is still
 * b_j + x_0·w_0j + x_1·w_1j + … in k order, as affine() adds it, so the bits are affine()'s.
 * Measured on breast-cancer's 30 → 500 layer: see affineRows.
 */
function affine4(x: usize, fanIn: i32, w: usize, b: usize, z: usize, n: i32): void {
  const xs = <usize>fanIn << 3;
  const zs = <usize>n << 3;
  const ws = <usize>n << 2;
  const x1 = x + xs;
  const x2 = x1 + xs;
  const x3 = x2 + xs;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const bj = b + (<usize>j << 2);
    const lo = load2f32(bj);
    const hi = load2f32(bj + 8);
    let s0l = lo, s0h = hi, s1l = lo, s1h = hi, s2l = lo, s2h = hi, s3l = lo, s3h = hi;
    let wk = w + (<usize>j << 2);
    for (let k: usize = 0; k < xs; k += 8) {
      const wl = load2f32(wk);
      const wh = load2f32(wk + 8);
      const v0 = v128.load64_splat(x + k);
      const v1 = v128.load64_splat(x1 + k);
      const v2 = v128.load64_splat(x2 + k);
      const v3 = v128.load64_splat(x3 + k);
      s0l = f64x2.add(s0l, f64x2.mul(v0, wl));
      s0h = f64x2.add(s0h, f64x2.mul(v0, wh));
      s1l = f64x2.add(s1l, f64x2.mul(v1, wl));
      s1h = f64x2.add(s1h, f64x2.mul(v1, wh));
      s2l = f64x2.add(s2l, f64x2.mul(v2, wl));
      s2h = f64x2.add(s2h, f64x2.mul(v2, wh));
      s3l = f64x2.add(s3l, f64x2.mul(v3, wl));
      s3h = f64x2.add(s3h, f64x2.mul(v3, wh));
      wk += ws;
    }
    const o = z + (<usize>j << 3);
    v128.store(o, s0l);
    v128.store(o, s0h, 16);
    v128.store(o + zs, s1l);
    v128.store(o + zs, s1h, 16);
    v128.store(o + 2 * zs, s2l);
    v128.store(o + 2 * zs, s2h, 16);
    v128.store(o + 3 * zs, s3l);
    v128.store(o + 3 * zs, s3h, 16);
  }
  for (; j + 1 < n; j += 2) {
    const lo = load2f32(b + (<usize>j << 2));
    let s0 = lo, s1 = lo, s2 = lo, s3 = lo;
    let wk = w + (<usize>j << 2);
    for (let k: usize = 0; k < xs; k += 8) {
      const wl = load2f32(wk);
      s0 = f64x2.add(s0, f64x2.mul(v128.load64_splat(x + k), wl));
      s1 = f64x2.add(s1, f64x2.mul(v128.load64_splat(x1 + k), wl));
      s2 = f64x2.add(s2, f64x2.mul(v128.load64_splat(x2 + k), wl));
      s3 = f64x2.add(s3, f64x2.mul(v128.load64_splat(x3 + k), wl));
      wk += ws;
    }
    const o = z + (<usize>j << 3);
    v128.store(o, s0);
    v128.store(o + zs, s1);
    v128.store(o + 2 * zs, s2);
    v128.store(o + 3 * zs, s3);
  }
  if (j < n) {
    const bj = loadf32(b + (<usize>j << 2));
    let s0 = bj, s1 = bj, s2 = bj, s3 = bj;
    let wk = w + (<usize>j << 2);
    for (let k: usize = 0; k < xs; k += 8) {
      const wv = loadf32(wk);
      s0 += load<f64>(x + k) * wv;
      s1 += load<f64>(x1 + k) * wv;
      s2 += load<f64>(x2 + k) * wv;
      s3 += load<f64>(x3 + k) * wv;
      wk += ws;
    }
    const o = z + (<usize>j << 3);
    store<f64>(o, s0);
    store<f64>(o + zs, s1);
    store<f64>(o + 2 * zs, s2);
    store<f64>(o + 3 * zs, s3);
  }
}

/** Whether any of the `count` doubles at x is 0 (or -0). */
function anyZero(x: usize, count: i32): bool {
  const end = x + (<usize>count << 3);
  for (let p = x; p < end; p += 8) if (load<f64>(p) == 0) return true;
  return false;
}

/**
 * affine() for rows r, …, r + count - 1 (count ≤ BLOCK): four at a time by affine4 when there are four and none
 * of their inputs is 0; else row by row, since affine() skips zero inputs and a sum that adds x·w = ±0 instead
 * of skipping it need not keep its bits (-0 + +0 is +0; 0·∞ is NaN). Inputs are rarely exactly 0 in a first
 * layer; a layer fed by ReLUs, about half 0, goes row by row as before.
 */
function affineRows(x: usize, count: i32, fanIn: i32, w: usize, b: usize, z: usize, n: i32): void {
  if (count == BLOCK && !anyZero(x, BLOCK * fanIn)) {
    affine4(x, fanIn, w, b, z, n);
    return;
  }
  for (let r = 0; r < count; r++) affine(x + <usize>(r * fanIn) * 8, fanIn, w, b, z + <usize>(r * n) * 8, n);
}

/**
 * FusedNet.forward's loop over one hidden layer: `rows` rows of `input` (fanIn doubles each) through the layer
 * (kernel w, fanIn × n, and bias b, float32), activations into z (and a, with POST), the output unit's
 * product per row into sums (with OUT). Noise as FusedNet draws it: with both PRE and DRAW_POST the layer's
 * whole pre block, then its whole post block, up front; with one of them, row by row into rowBuf (room for
 * two rows: a layer with two inputs goes two rows at a time).
 */
export function hiddenLayer(
  kind: i32, flags: i32, fanIn: i32, n: i32, rows: i32, input: usize, w: usize, b: usize, z: usize, a: usize,
  preStd: f64, postStd: f64, preBlock: usize, postBlock: usize, zeros: usize, rowBuf: usize, wOut: usize, sums: usize,
): void {
  const hasPre = (flags & PRE) != 0;
  const drawPost = (flags & DRAW_POST) != 0;
  const byRow = !(hasPre && drawPost);
  if (!byRow) {
    fillNormal(preBlock, rows * n, preStd);
    fillNormal(postBlock, rows * n, postStd);
  }
  const rowFloats = <usize>n << 2;
  const rowDoubles = <usize>n << 3;
  let r = 0;
  if (fanIn == 2 && kind != TANH) {
    // Two rows at a time; drawing both rows' noise before either row is computed keeps the draw order, since
    // computing a row draws nothing.
    for (; r + 1 < rows; r += 2) {
      let pre = preBlock + <usize>r * rowFloats;
      let post = drawPost ? postBlock + <usize>r * rowFloats : zeros;
      if (byRow) {
        if (hasPre) {
          fillNormal(rowBuf, 2 * n, preStd);
          pre = rowBuf;
        } else if (drawPost) {
          fillNormal(rowBuf, 2 * n, postStd);
          post = rowBuf;
        }
      }
      const zr = z + <usize>r * rowDoubles;
      const ar = a + <usize>r * rowDoubles;
      rowPair(kind, flags, input + (<usize>r << 4), w, b, zr, n, pre, post, drawPost ? rowFloats : 0, ar, wOut, sums + (<usize>r << 3));
    }
  }
  for (; r < rows; r++) {
    let pre = preBlock + <usize>r * rowFloats;
    let post = drawPost ? postBlock + <usize>r * rowFloats : zeros;
    if (byRow) {
      if (hasPre) {
        fillNormal(rowBuf, n, preStd);
        pre = rowBuf;
      } else if (drawPost) {
        fillNormal(rowBuf, n, postStd);
        post = rowBuf;
      }
    }
    const zr = z + <usize>r * rowDoubles;
    const ar = a + <usize>r * rowDoubles;
    let s: f64;
    if (fanIn == 2) {
      const xr = input + (<usize>r << 4);
      s = row(true, kind, flags, load<f64>(xr), load<f64>(xr, 8), w, b, zr, n, pre, post, ar, wOut);
    } else {
      // The affine parts of a block of rows first (they draw nothing, so the draw order stays), then row by row.
      if (r % BLOCK == 0) affineRows(input + <usize>(r * fanIn) * 8, min(BLOCK, rows - r), fanIn, w, b, zr, n);
      s = row(false, kind, flags, 0, 0, w, b, zr, n, pre, post, ar, wOut);
    }
    if ((flags & OUT) != 0) store<f64>(sums + (<usize>r << 3), s);
  }
}
