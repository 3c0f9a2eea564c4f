/**
 * Forward pass of one hidden layer over a batch, as FusedNet.forward and the row kernels of
 * src/engine/fused/kernels.ts do it, in float32, four units per SIMD step (f32x4): every operation per unit is
 * the same float32 operation in the same order, so the values are the same bits. The output unit's product
 * Σ_j a_j·wOut_j is summed as kernels.ts documents: lane l of an f32x4 sums the units j ≡ l (mod 4), the last
 * n mod 4 units join lanes 0, 1, 2 as scalars, then (L0 + L1) + (L2 + L3). Layers with two inputs (the
 * tutorial's first) go two rows at a time; tanh layers row by row in three passes around one host call
 * (host.ts). Pointers are byte offsets into the memory the host lays out; every array is float32.
 */
import { act, act4, LINEAR, RELU, TANH } from './activation';
import { tanhRange } from './libm';
import { fillNormal } from './normal';

/** Pre noise is drawn and added. */
export const PRE: i32 = 1;
/** The layer has a post-noise output buffer: `a` = act(z) + post (zeros when the noise is off). */
export const POST: i32 = 2;
/** Post noise is drawn (training); without it POST adds the zeros at `zeros`. */
export const DRAW_POST: i32 = 4;
/** Last hidden layer: return the output unit's product per row. */
export const OUT: i32 = 8;

/** The four lane sums of acc, with the scalar tail's sums t0, t1, t2 added to lanes 0, 1, 2: (L0 + L1) + (L2 + L3). */
@inline
function laneSum(acc: v128, t0: f32, t1: f32, t2: f32): f32 {
  return (f32x4.extract_lane(acc, 0) + t0 + (f32x4.extract_lane(acc, 1) + t1)) + (f32x4.extract_lane(acc, 2) + t2 + f32x4.extract_lane(acc, 3));
}

/**
 * One row, in one pass (kernels.ts denseRow2 for fanIn 2, finishRow otherwise): v_j = affine part, + pre_j,
 * h_j = act(v_j) into z, a_j = h_j + post_j into a; returns Σ a_j · wOut_j with hasOut.
 * With `two`, v_j = (b_j + a0·w_0j) + a1·w_1j from the layer's two inputs; else v_j is read from z (affine()).
 * The flags are compile-time constants at each call site below, so each combination gets its own loop.
 */
@inline
function rowCore(
  two: bool, relu: bool, hasPre: bool, hasPost: bool, hasOut: bool,
  kind: i32, a0: f32, a1: f32, w: usize, b: usize, z: usize, n: i32, pre: usize, post: usize, a: usize, wOut: usize,
): f32 {
  const va0 = f32x4.splat(a0);
  const va1 = f32x4.splat(a1);
  const w1 = w + (<usize>n << 2);
  let acc = f32x4.splat(0.0);
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const o4 = <usize>j << 2;
    let v: v128;
    if (two) v = f32x4.add(f32x4.add(v128.load(b + o4), f32x4.mul(va0, v128.load(w + o4))), f32x4.mul(va1, v128.load(w1 + o4)));
    else v = v128.load(z + o4);
    if (hasPre) v = f32x4.add(v, v128.load(pre + o4));
    const h = act4(relu, kind, v);
    v128.store(z + o4, h);
    let o = h;
    if (hasPost) {
      o = f32x4.add(h, v128.load(post + o4));
      v128.store(a + o4, o);
    }
    if (hasOut) acc = f32x4.add(acc, f32x4.mul(o, v128.load(wOut + o4)));
  }
  // The last n mod 4 units, lanes 0, 1, 2 of the sum.
  let t0: f32 = 0, t1: f32 = 0, t2: f32 = 0;
  for (let l = 0; j < n; j++, l++) {
    const o4 = <usize>j << 2;
    let v: f32;
    if (two) v = load<f32>(b + o4) + a0 * load<f32>(w + o4) + a1 * load<f32>(w1 + o4);
    else v = load<f32>(z + o4);
    if (hasPre) v += load<f32>(pre + o4);
    const h = relu ? <f32>0.5 * (v + abs<f32>(v)) : act(kind, v);
    store<f32>(z + o4, h);
    let o = h;
    if (hasPost) {
      o = h + load<f32>(post + o4);
      store<f32>(a + o4, o);
    }
    if (hasOut) {
      const p = o * load<f32>(wOut + o4);
      if (l == 0) t0 = p;
      else if (l == 1) t1 = p;
      else t2 = p;
    }
  }
  return hasOut ? laneSum(acc, t0, t1, t2) : 0;
}

/**
 * rowCore for tanh, in three passes: v_j into z (as rowCore), tanh of the whole row by the host (in doubles, in
 * `scratch`, n of them), rounded back into z, then as rowCore from h_j on. Each value goes through the same
 * operations as in rowCore.
 */
function tanhRow(two: bool, flags: i32, a0: f32, a1: f32, w: usize, b: usize, z: usize, n: i32, pre: usize, post: usize, a: usize, wOut: usize, scratch: usize): f32 {
  const hasPre = (flags & PRE) != 0;
  const va0 = f32x4.splat(a0);
  const va1 = f32x4.splat(a1);
  const w1 = w + (<usize>n << 2);
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const o4 = <usize>j << 2;
    let v: v128;
    if (two) v = f32x4.add(f32x4.add(v128.load(b + o4), f32x4.mul(va0, v128.load(w + o4))), f32x4.mul(va1, v128.load(w1 + o4)));
    else v = v128.load(z + o4);
    if (hasPre) v = f32x4.add(v, v128.load(pre + o4));
    v128.store(scratch + (<usize>j << 3), f64x2.promote_low_f32x4(v));
    v128.store(scratch + (<usize>j << 3), f64x2.promote_low_f32x4(i64x2.shuffle(v, v, 1, 1)), 16);
  }
  for (; j < n; j++) {
    const o4 = <usize>j << 2;
    let v: f32;
    if (two) v = load<f32>(b + o4) + a0 * load<f32>(w + o4) + a1 * load<f32>(w1 + o4);
    else v = load<f32>(z + o4);
    if (hasPre) v += load<f32>(pre + o4);
    store<f64>(scratch + (<usize>j << 3), <f64>v);
  }
  tanhRange(scratch, n);
  for (j = 0; j < n; j++) store<f32>(z + (<usize>j << 2), <f32>load<f64>(scratch + (<usize>j << 3)));
  // From h on, rowCore reading v = h and neither adding pre nor applying an activation (LINEAR is the identity).
  return rowCore(false, false, false, (flags & POST) != 0, (flags & OUT) != 0, LINEAR, 0, 0, w, b, z, n, pre, post, a, wOut);
}

/** rowCore with the flags turned into constants: ReLU gets a loop per flag combination, the rest one loop. */
@inline
function row(two: bool, kind: i32, flags: i32, a0: f32, a1: f32, w: usize, b: usize, z: usize, n: i32, pre: usize, post: usize, a: usize, wOut: usize, scratch: usize): f32 {
  if (kind == TANH) return tanhRow(two, flags, a0, a1, w, b, z, n, pre, post, a, wOut, scratch);
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
 * read once for both rows. Each row's values and its own lane sums are as rowCore computes them.
 * Row r + 1's arrays follow row r's (z, a, pre: n floats on; post: postStride bytes on, 0 for the shared
 * zeros). Stores the two output products at sums, sums + 4 (with hasOut).
 */
@inline
function rowPairCore(
  relu: bool, hasPre: bool, hasPost: bool, hasOut: bool,
  kind: i32, x: usize, w: usize, b: usize, z: usize, n: i32, pre: usize, post: usize, postStride: usize, a: usize, wOut: usize, sums: usize,
): void {
  const xr0 = f32x4.splat(load<f32>(x));
  const xr1 = f32x4.splat(load<f32>(x, 4));
  const xs0 = f32x4.splat(load<f32>(x, 8));
  const xs1 = f32x4.splat(load<f32>(x, 12));
  const rowBytes = <usize>n << 2;
  const w1 = w + rowBytes;
  const zs = z + rowBytes;
  const as = a + rowBytes;
  const pres = pre + rowBytes;
  const posts = post + postStride;
  let accR = f32x4.splat(0.0);
  let accS = f32x4.splat(0.0);
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const o4 = <usize>j << 2;
    const bj = v128.load(b + o4);
    const w0j = v128.load(w + o4);
    const w1j = v128.load(w1 + o4);
    let vr = f32x4.add(f32x4.add(bj, f32x4.mul(xr0, w0j)), f32x4.mul(xr1, w1j));
    let vs = f32x4.add(f32x4.add(bj, f32x4.mul(xs0, w0j)), f32x4.mul(xs1, w1j));
    if (hasPre) {
      vr = f32x4.add(vr, v128.load(pre + o4));
      vs = f32x4.add(vs, v128.load(pres + o4));
    }
    const hr = act4(relu, kind, vr);
    const hs = act4(relu, kind, vs);
    v128.store(z + o4, hr);
    v128.store(zs + o4, hs);
    let or = hr;
    let os = hs;
    if (hasPost) {
      or = f32x4.add(hr, v128.load(post + o4));
      os = f32x4.add(hs, v128.load(posts + o4));
      v128.store(a + o4, or);
      v128.store(as + o4, os);
    }
    if (hasOut) {
      const wo = v128.load(wOut + o4);
      accR = f32x4.add(accR, f32x4.mul(or, wo));
      accS = f32x4.add(accS, f32x4.mul(os, wo));
    }
  }
  let r0: f32 = 0, r1: f32 = 0, r2: f32 = 0, q0: f32 = 0, q1: f32 = 0, q2: f32 = 0;
  for (let l = 0; j < n; j++, l++) {
    const o4 = <usize>j << 2;
    const bj = load<f32>(b + o4), w0j = load<f32>(w + o4), w1j = load<f32>(w1 + o4);
    let vr = bj + load<f32>(x) * w0j + load<f32>(x, 4) * w1j;
    let vs = bj + load<f32>(x, 8) * w0j + load<f32>(x, 12) * w1j;
    if (hasPre) {
      vr += load<f32>(pre + o4);
      vs += load<f32>(pres + o4);
    }
    const hr = relu ? <f32>0.5 * (vr + abs<f32>(vr)) : act(kind, vr);
    const hs = relu ? <f32>0.5 * (vs + abs<f32>(vs)) : act(kind, vs);
    store<f32>(z + o4, hr);
    store<f32>(zs + o4, hs);
    let or = hr;
    let os = hs;
    if (hasPost) {
      or = hr + load<f32>(post + o4);
      os = hs + load<f32>(posts + o4);
      store<f32>(a + o4, or);
      store<f32>(as + o4, os);
    }
    if (hasOut) {
      const wo = load<f32>(wOut + o4);
      const pr = or * wo;
      const ps = os * wo;
      if (l == 0) {
        r0 = pr;
        q0 = ps;
      } else if (l == 1) {
        r1 = pr;
        q1 = ps;
      } else {
        r2 = pr;
        q2 = ps;
      }
    }
  }
  if (hasOut) {
    store<f32>(sums, laneSum(accR, r0, r1, r2));
    store<f32>(sums, laneSum(accS, q0, q1, q2), 4);
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
  memory.copy(z, b, <usize>n << 2);
  for (let k = 0; k < fanIn; k++) {
    const xk = load<f32>(x + (<usize>k << 2));
    if (xk == 0) continue;
    const vx = f32x4.splat(xk);
    const wk = w + (<usize>(k * n) << 2);
    let j = 0;
    for (; j + 3 < n; j += 4) {
      const p = z + (<usize>j << 2);
      v128.store(p, f32x4.add(v128.load(p), f32x4.mul(vx, v128.load(wk + (<usize>j << 2)))));
    }
    for (; j < n; j++) {
      const p = z + (<usize>j << 2);
      store<f32>(p, load<f32>(p) + xk * load<f32>(wk + (<usize>j << 2)));
    }
  }
}

/** Rows affineRows4 computes at once. */
const BLOCK: i32 = 4;

/**
 * affine() for four rows at once (x rows fanIn floats apart, z rows n floats apart), every input nonzero: the
 * sums of eight units × four rows stay in registers through the loop over k, so each weight load serves four
 * rows and no partial sum goes through memory (affine() loads and stores z once per k). Each sum is still
 * b_j + x_0·w_0j + x_1·w_1j + … in k order, as affine() adds it, so the bits are affine()'s.
 * Measured on breast-cancer's 30 → 500 layer: see affineRows.
 */
function affine4(x: usize, fanIn: i32, w: usize, b: usize, z: usize, n: i32): void {
  const xs = <usize>fanIn << 2;
  const zs = <usize>n << 2;
  const ws = <usize>n << 2;
  const x1 = x + xs;
  const x2 = x1 + xs;
  const x3 = x2 + xs;
  let j = 0;
  for (; j + 7 < n; j += 8) {
    const bj = b + (<usize>j << 2);
    const lo = v128.load(bj);
    const hi = v128.load(bj, 16);
    let s0l = lo, s0h = hi, s1l = lo, s1h = hi, s2l = lo, s2h = hi, s3l = lo, s3h = hi;
    let wk = w + (<usize>j << 2);
    for (let k: usize = 0; k < xs; k += 4) {
      const wl = v128.load(wk);
      const wh = v128.load(wk, 16);
      const v0 = v128.load32_splat(x + k);
      const v1 = v128.load32_splat(x1 + k);
      const v2 = v128.load32_splat(x2 + k);
      const v3 = v128.load32_splat(x3 + k);
      s0l = f32x4.add(s0l, f32x4.mul(v0, wl));
      s0h = f32x4.add(s0h, f32x4.mul(v0, wh));
      s1l = f32x4.add(s1l, f32x4.mul(v1, wl));
      s1h = f32x4.add(s1h, f32x4.mul(v1, wh));
      s2l = f32x4.add(s2l, f32x4.mul(v2, wl));
      s2h = f32x4.add(s2h, f32x4.mul(v2, wh));
      s3l = f32x4.add(s3l, f32x4.mul(v3, wl));
      s3h = f32x4.add(s3h, f32x4.mul(v3, wh));
      wk += ws;
    }
    const o = z + (<usize>j << 2);
    v128.store(o, s0l);
    v128.store(o, s0h, 16);
    v128.store(o + zs, s1l);
    v128.store(o + zs, s1h, 16);
    v128.store(o + 2 * zs, s2l);
    v128.store(o + 2 * zs, s2h, 16);
    v128.store(o + 3 * zs, s3l);
    v128.store(o + 3 * zs, s3h, 16);
  }
  for (; j + 3 < n; j += 4) {
    const lo = v128.load(b + (<usize>j << 2));
    let s0 = lo, s1 = lo, s2 = lo, s3 = lo;
    let wk = w + (<usize>j << 2);
    for (let k: usize = 0; k < xs; k += 4) {
      const wl = v128.load(wk);
      s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(x + k), wl));
      s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(x1 + k), wl));
      s2 = f32x4.add(s2, f32x4.mul(v128.load32_splat(x2 + k), wl));
      s3 = f32x4.add(s3, f32x4.mul(v128.load32_splat(x3 + k), wl));
      wk += ws;
    }
    const o = z + (<usize>j << 2);
    v128.store(o, s0);
    v128.store(o + zs, s1);
    v128.store(o + 2 * zs, s2);
    v128.store(o + 3 * zs, s3);
  }
  for (; j < n; j++) {
    const bj = load<f32>(b + (<usize>j << 2));
    let s0 = bj, s1 = bj, s2 = bj, s3 = bj;
    let wk = w + (<usize>j << 2);
    for (let k: usize = 0; k < xs; k += 4) {
      const wv = load<f32>(wk);
      s0 += load<f32>(x + k) * wv;
      s1 += load<f32>(x1 + k) * wv;
      s2 += load<f32>(x2 + k) * wv;
      s3 += load<f32>(x3 + k) * wv;
      wk += ws;
    }
    const o = z + (<usize>j << 2);
    store<f32>(o, s0);
    store<f32>(o + zs, s1);
    store<f32>(o + 2 * zs, s2);
    store<f32>(o + 3 * zs, s3);
  }
}

/** Whether any of the `count` floats at x is 0 (or -0). */
function anyZero(x: usize, count: i32): bool {
  const end = x + (<usize>count << 2);
  for (let p = x; p < end; p += 4) if (load<f32>(p) == 0) return true;
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
  for (let r = 0; r < count; r++) affine(x + <usize>(r * fanIn) * 4, fanIn, w, b, z + <usize>(r * n) * 4, n);
}

/**
 * FusedNet.forward's loop over one hidden layer: `rows` rows of `input` (fanIn floats each) through the layer
 * (kernel w, fanIn × n, and bias b), activations into z (and a, with POST), the output unit's product per row
 * into sums (with OUT). Noise as FusedNet draws it: with both PRE and DRAW_POST the layer's whole pre block, then
 * its whole post block, up front; with one of them, row by row into rowBuf (room for two rows: a layer with two
 * inputs goes two rows at a time). `scratch`: n doubles for tanh (tanh layers only).
 */
export function hiddenLayer(
  kind: i32, flags: i32, fanIn: i32, n: i32, rows: i32, input: usize, w: usize, b: usize, z: usize, a: usize,
  preStd: f64, postStd: f64, preBlock: usize, postBlock: usize, zeros: usize, rowBuf: usize, wOut: usize, sums: usize, scratch: usize,
): void {
  const hasPre = (flags & PRE) != 0;
  const drawPost = (flags & DRAW_POST) != 0;
  const byRow = !(hasPre && drawPost);
  if (!byRow) {
    fillNormal(preBlock, rows * n, preStd);
    fillNormal(postBlock, rows * n, postStd);
  }
  const rowFloats = <usize>n << 2;
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
      const zr = z + <usize>r * rowFloats;
      const ar = a + <usize>r * rowFloats;
      rowPair(kind, flags, input + (<usize>r << 3), w, b, zr, n, pre, post, drawPost ? rowFloats : 0, ar, wOut, sums + (<usize>r << 2));
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
    const zr = z + <usize>r * rowFloats;
    const ar = a + <usize>r * rowFloats;
    let s: f32;
    if (fanIn == 2) {
      const xr = input + (<usize>r << 3);
      s = row(true, kind, flags, load<f32>(xr), load<f32>(xr, 4), w, b, zr, n, pre, post, ar, wOut, scratch);
    } else {
      // The affine parts of a block of rows first (they draw nothing, so the draw order stays), then row by row.
      if (r % BLOCK == 0) affineRows(input + <usize>(r * fanIn) * 4, min(BLOCK, rows - r), fanIn, w, b, zr, n);
      s = row(false, kind, flags, 0, 0, w, b, zr, n, pre, post, ar, wOut, scratch);
    }
    if ((flags & OUT) != 0) store<f32>(sums + (<usize>r << 2), s);
  }
}
