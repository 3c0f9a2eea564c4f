/**
 * The dense layer of the fused plan (src/engine/fused/plan/kernels/dense.ts), bit for bit: every output is
 * its own sum in the reference's order (z[r, j]: the bias, then k in order; gw[k, j] and gb[j]: rows in
 * order; dX[r, k]: even and odd j apart, a f64x2's lanes), so SIMD lanes and register blocking change nothing.
 * Sixteen outputs (eight f64x2) are summed in registers over the whole k (or r) loop before they are stored.
 *
 * Layout (byte offsets): x rows × fanIn f64; w fanIn × n f64 (the float32 weights widened: widenF32); b n f32; z rows × n f64; dOut rows × n f64;
 * gw fanIn × n f64; gb n f64; dX rows × fanIn f64; nz max(fanIn, rows) i32 scratch (nonzero inputs or rows).
 */
import { dotPairsF64, load2f32, loadf32 } from './simd';

/**
 * dst[i] = src[i] widened to f64 (exactly, as reading a Float32Array does), i < n: the weights once per pass,
 * not at each of their uses (asm/conv.ts measured widening at every use as a third of its forward pass).
 */
export function widenF32(src: usize, dst: usize, n: i32): void {
  let i = 0;
  for (; i + 1 < n; i += 2) v128.store(dst + (<usize>i << 3), load2f32(src + (<usize>i << 2)));
  if (i < n) store<f64>(dst + (<usize>i << 3), loadf32(src + (<usize>i << 2)));
}

/**
 * Indices k < n with x[k] != 0 written to nz; returns their count (zero inputs add nothing, so are skipped).
 * Branch-free: after a ReLU about half the inputs are 0 at random, and a branch per input mispredicted often.
 */
@inline
function nonzeros(x: usize, n: i32, nz: usize): i32 {
  let m = 0;
  for (let k = 0; k < n; k++) {
    store<i32>(nz + (<usize>m << 2), k);
    m += <i32>(load<f64>(x + (<usize>k << 3)) != 0);
  }
  return m;
}

/** nonzeros over a column: rows r < n of x[r·stride] (stride in bytes). */
@inline
function nonzeroRows(x: usize, stride: usize, n: i32, nz: usize): i32 {
  let m = 0;
  for (let r = 0; r < n; r++) {
    store<i32>(nz + (<usize>m << 2), r);
    m += <i32>(load<f64>(x + <usize>r * stride) != 0);
  }
  return m;
}

/**
 * a·b, or −0 in the lanes where a is ±0: the TypeScript loops skip a zero input's terms, and x + (−0) = x for
 * every double x (±0 included), so adding −0 there gives their bits (and 0·∞ does not become NaN). The narrow
 * loops below take every term this way instead of a list of nonzero inputs, so that rows or inputs can share
 * a SIMD register although each has its own zeros.
 */
@inline
function termSkip0(a: v128, b: v128): v128 {
  return v128.bitselect(f64x2.splat(-0.0), f64x2.mul(a, b), f64x2.eq(a, f64x2.splat(0)));
}

/** The doubles at p0 and p1 (byte addresses) as one f64x2. */
@inline
function pairAt(p0: usize, p1: usize): v128 {
  return v128.load64_lane(p1, v128.load64_zero(p0), 1);
}

/**
 * z (rows × n) = x · w + b, zero inputs skipped. With 8 units or more, a row at a time over the row's nonzero
 * inputs, 16 (then 8, 2, 1) outputs summed in registers; a head of 1 to 7 units goes column by column with two rows in a f64x2 and four such pairs at once (narrowForward): a single
 * output's sum over k is a chain of dependent adds that the pairs run side by side.
 */
export function denseForward(x: usize, rows: i32, fanIn: i32, w: usize, b: usize, n: i32, z: usize, nz: usize): void {
  const wRow = <usize>n << 3;
  const wide = n & ~7;
  if (wide > 0) {
    for (let r = 0; r < rows; r++) {
      const xr = x + (<usize>(r * fanIn) << 3);
      const zr = z + (<usize>(r * n) << 3);
      const m = nonzeros(xr, fanIn, nz);
      let j = 0;
      for (; j + 15 < wide; j += 16) {
        const bj = b + (<usize>j << 2);
        let a0 = load2f32(bj);
        let a1 = load2f32(bj + 8);
        let a2 = load2f32(bj + 16);
        let a3 = load2f32(bj + 24);
        let a4 = load2f32(bj + 32);
        let a5 = load2f32(bj + 40);
        let a6 = load2f32(bj + 48);
        let a7 = load2f32(bj + 56);
        for (let i = 0; i < m; i++) {
          const k = load<i32>(nz + (<usize>i << 2));
          const xv = v128.load64_splat(xr + (<usize>k << 3));
          const wk = w + <usize>k * wRow + (<usize>j << 3);
          a0 = f64x2.add(a0, f64x2.mul(xv, v128.load(wk)));
          a1 = f64x2.add(a1, f64x2.mul(xv, v128.load(wk, 16)));
          a2 = f64x2.add(a2, f64x2.mul(xv, v128.load(wk, 32)));
          a3 = f64x2.add(a3, f64x2.mul(xv, v128.load(wk, 48)));
          a4 = f64x2.add(a4, f64x2.mul(xv, v128.load(wk, 64)));
          a5 = f64x2.add(a5, f64x2.mul(xv, v128.load(wk, 80)));
          a6 = f64x2.add(a6, f64x2.mul(xv, v128.load(wk, 96)));
          a7 = f64x2.add(a7, f64x2.mul(xv, v128.load(wk, 112)));
        }
        const zj = zr + (<usize>j << 3);
        v128.store(zj, a0);
        v128.store(zj, a1, 16);
        v128.store(zj, a2, 32);
        v128.store(zj, a3, 48);
        v128.store(zj, a4, 64);
        v128.store(zj, a5, 80);
        v128.store(zj, a6, 96);
        v128.store(zj, a7, 112);
      }
      if (j < wide) {
        const bj = b + (<usize>j << 2);
        let a0 = load2f32(bj);
        let a1 = load2f32(bj + 8);
        let a2 = load2f32(bj + 16);
        let a3 = load2f32(bj + 24);
        for (let i = 0; i < m; i++) {
          const k = load<i32>(nz + (<usize>i << 2));
          const xv = v128.load64_splat(xr + (<usize>k << 3));
          const wk = w + <usize>k * wRow + (<usize>j << 3);
          a0 = f64x2.add(a0, f64x2.mul(xv, v128.load(wk)));
          a1 = f64x2.add(a1, f64x2.mul(xv, v128.load(wk, 16)));
          a2 = f64x2.add(a2, f64x2.mul(xv, v128.load(wk, 32)));
          a3 = f64x2.add(a3, f64x2.mul(xv, v128.load(wk, 48)));
        }
        const zj = zr + (<usize>j << 3);
        v128.store(zj, a0);
        v128.store(zj, a1, 16);
        v128.store(zj, a2, 32);
        v128.store(zj, a3, 48);
        j += 8;
      }
      // The last n % 8 columns beside wide ones: a pair at a time, then one (narrowForward measured slower here).
      for (; j + 1 < n; j += 2) {
        let a = load2f32(b + (<usize>j << 2));
        for (let i = 0; i < m; i++) {
          const k = load<i32>(nz + (<usize>i << 2));
          a = f64x2.add(a, f64x2.mul(v128.load64_splat(xr + (<usize>k << 3)), v128.load(w + <usize>k * wRow + (<usize>j << 3))));
        }
        v128.store(zr + (<usize>j << 3), a);
      }
      if (j < n) {
        let a = loadf32(b + (<usize>j << 2));
        for (let i = 0; i < m; i++) {
          const k = load<i32>(nz + (<usize>i << 2));
          a += load<f64>(xr + (<usize>k << 3)) * load<f64>(w + <usize>k * wRow + (<usize>j << 3));
        }
        store<f64>(zr + (<usize>j << 3), a);
      }
    }
    return;
  }
  for (let j = 0; j < n; j++) narrowForward(x, rows, fanIn, w, b, n, z, j);
}

/** Output column j of denseForward, two rows per f64x2 (an odd last row pairs with itself; one lane kept). */
function narrowForward(x: usize, rows: i32, fanIn: i32, w: usize, b: usize, n: i32, z: usize, j: i32): void {
  const xRow = <usize>fanIn << 3;
  const wRow = <usize>n << 3;
  const wj = w + (<usize>j << 3);
  const bias = f64x2.splat(loadf32(b + (<usize>j << 2)));
  const zj = z + (<usize>j << 3);
  const zRow = <usize>n << 3;
  let r = 0;
  for (; r + 7 < rows; r += 8) {
    const x0 = x + <usize>r * xRow;
    const x1 = x0 + xRow;
    const x2 = x1 + xRow;
    const x3 = x2 + xRow;
    const x4 = x3 + xRow;
    const x5 = x4 + xRow;
    const x6 = x5 + xRow;
    const x7 = x6 + xRow;
    let a0 = bias;
    let a1 = bias;
    let a2 = bias;
    let a3 = bias;
    for (let k = 0; k < fanIn; k++) {
      const o = <usize>k << 3;
      const wv = v128.load64_splat(wj + <usize>k * wRow);
      a0 = f64x2.add(a0, termSkip0(pairAt(x0 + o, x1 + o), wv));
      a1 = f64x2.add(a1, termSkip0(pairAt(x2 + o, x3 + o), wv));
      a2 = f64x2.add(a2, termSkip0(pairAt(x4 + o, x5 + o), wv));
      a3 = f64x2.add(a3, termSkip0(pairAt(x6 + o, x7 + o), wv));
    }
    const zr = zj + <usize>r * zRow;
    v128.store64_lane(zr, a0, 0);
    v128.store64_lane(zr + zRow, a0, 1);
    v128.store64_lane(zr + 2 * zRow, a1, 0);
    v128.store64_lane(zr + 3 * zRow, a1, 1);
    v128.store64_lane(zr + 4 * zRow, a2, 0);
    v128.store64_lane(zr + 5 * zRow, a2, 1);
    v128.store64_lane(zr + 6 * zRow, a3, 0);
    v128.store64_lane(zr + 7 * zRow, a3, 1);
  }
  for (; r < rows; r += 2) {
    const x0 = x + <usize>r * xRow;
    const x1 = r + 1 < rows ? x0 + xRow : x0;
    let a = bias;
    for (let k = 0; k < fanIn; k++) {
      const o = <usize>k << 3;
      a = f64x2.add(a, termSkip0(pairAt(x0 + o, x1 + o), v128.load64_splat(wj + <usize>k * wRow)));
    }
    const zr = zj + <usize>r * zRow;
    v128.store64_lane(zr, a, 0);
    if (r + 1 < rows) v128.store64_lane(zr + zRow, a, 1);
  }
}

/**
 * gw (fanIn × n) and gb (n) overwritten with the batch's sums; dX (rows × fanIn, when not 0) with
 * Σ_j w[k, j]·dOut[r, j], or 0 where x is 0 when `sparseDx` (the stage before ignores the gradient there).
 * With 8 units or more, gw goes input by input over the rows where that input is nonzero, 16 (then 8, 2, 1)
 * sums in registers, and dX four inputs at a time over the j pairs; a head of 1 to 7 units goes two inputs
 * per f64x2 (narrowKernelGrad, narrowDx), whose sums are single chains otherwise.
 */
export function denseBackward(x: usize, dOut: usize, rows: i32, fanIn: i32, w: usize, n: i32, gw: usize, gb: usize, dX: usize, sparseDx: bool, nz: usize): void {
  const dRow = <usize>n << 3;
  const xRow = <usize>fanIn << 3;
  // gb[j] = Σ_r dOut[r, j]
  let j = 0;
  for (; j + 1 < n; j += 2) {
    let a = f64x2.splat(0);
    for (let r = 0; r < rows; r++) a = f64x2.add(a, v128.load(dOut + <usize>r * dRow + (<usize>j << 3)));
    v128.store(gb + (<usize>j << 3), a);
  }
  if (j < n) {
    let a = 0.0;
    for (let r = 0; r < rows; r++) a += load<f64>(dOut + <usize>r * dRow + (<usize>j << 3));
    store<f64>(gb + (<usize>j << 3), a);
  }
  // gw[k, j] = Σ_r x[r, k]·dOut[r, j], rows with x[r, k] = 0 skipped (their rows listed once per k in nz)
  const wide = n & ~7;
  if (wide > 0) {
    for (let k = 0; k < fanIn; k++) {
      const gk = gw + (<usize>(k * n) << 3);
      const xk = x + (<usize>k << 3);
      const m = nonzeroRows(xk, xRow, rows, nz);
      j = 0;
      for (; j + 15 < wide; j += 16) {
        let a0 = f64x2.splat(0);
        let a1 = a0;
        let a2 = a0;
        let a3 = a0;
        let a4 = a0;
        let a5 = a0;
        let a6 = a0;
        let a7 = a0;
        for (let i = 0; i < m; i++) {
          const r = load<i32>(nz + (<usize>i << 2));
          const v = v128.load64_splat(xk + <usize>r * xRow);
          const d = dOut + <usize>r * dRow + (<usize>j << 3);
          a0 = f64x2.add(a0, f64x2.mul(v, v128.load(d)));
          a1 = f64x2.add(a1, f64x2.mul(v, v128.load(d, 16)));
          a2 = f64x2.add(a2, f64x2.mul(v, v128.load(d, 32)));
          a3 = f64x2.add(a3, f64x2.mul(v, v128.load(d, 48)));
          a4 = f64x2.add(a4, f64x2.mul(v, v128.load(d, 64)));
          a5 = f64x2.add(a5, f64x2.mul(v, v128.load(d, 80)));
          a6 = f64x2.add(a6, f64x2.mul(v, v128.load(d, 96)));
          a7 = f64x2.add(a7, f64x2.mul(v, v128.load(d, 112)));
        }
        const g = gk + (<usize>j << 3);
        v128.store(g, a0);
        v128.store(g, a1, 16);
        v128.store(g, a2, 32);
        v128.store(g, a3, 48);
        v128.store(g, a4, 64);
        v128.store(g, a5, 80);
        v128.store(g, a6, 96);
        v128.store(g, a7, 112);
      }
      if (j < wide) {
        let a0 = f64x2.splat(0);
        let a1 = a0;
        let a2 = a0;
        let a3 = a0;
        for (let i = 0; i < m; i++) {
          const r = load<i32>(nz + (<usize>i << 2));
          const v = v128.load64_splat(xk + <usize>r * xRow);
          const d = dOut + <usize>r * dRow + (<usize>j << 3);
          a0 = f64x2.add(a0, f64x2.mul(v, v128.load(d)));
          a1 = f64x2.add(a1, f64x2.mul(v, v128.load(d, 16)));
          a2 = f64x2.add(a2, f64x2.mul(v, v128.load(d, 32)));
          a3 = f64x2.add(a3, f64x2.mul(v, v128.load(d, 48)));
        }
        const g = gk + (<usize>j << 3);
        v128.store(g, a0);
        v128.store(g, a1, 16);
        v128.store(g, a2, 32);
        v128.store(g, a3, 48);
        j += 8;
      }
      // The last n % 8 columns beside wide ones: a pair at a time, then one.
      for (; j + 1 < n; j += 2) {
        let a = f64x2.splat(0);
        for (let i = 0; i < m; i++) {
          const r = load<i32>(nz + (<usize>i << 2));
          a = f64x2.add(a, f64x2.mul(v128.load64_splat(xk + <usize>r * xRow), v128.load(dOut + <usize>r * dRow + (<usize>j << 3))));
        }
        v128.store(gk + (<usize>j << 3), a);
      }
      if (j < n) {
        let a = 0.0;
        for (let i = 0; i < m; i++) {
          const r = load<i32>(nz + (<usize>i << 2));
          a += load<f64>(xk + <usize>r * xRow) * load<f64>(dOut + <usize>r * dRow + (<usize>j << 3));
        }
        store<f64>(gk + (<usize>j << 3), a);
      }
    }
  } else {
    for (j = 0; j < n; j++) narrowKernelGrad(x, dOut, rows, fanIn, n, gw, j);
  }
  if (dX == 0) return;
  if (wide == 0) {
    narrowDx(x, dOut, rows, fanIn, w, n, dX, sparseDx);
    return;
  }
  const pairs = n & ~1;
  for (let r = 0; r < rows; r++) {
    const dr = dOut + <usize>r * dRow;
    const xr = x + <usize>r * xRow;
    const out = dX + <usize>r * xRow;
    // The inputs whose dX is computed (all, or the nonzero ones), four at a time sharing each dOut load.
    let m = fanIn;
    if (sparseDx) {
      for (let k = 0; k < fanIn; k++) store<f64>(out + (<usize>k << 3), 0.0);
      m = nonzeros(xr, fanIn, nz);
    } else {
      for (let k = 0; k < fanIn; k++) store<i32>(nz + (<usize>k << 2), k);
    }
    let i = 0;
    for (; i + 3 < m; i += 4) {
      const k0 = load<i32>(nz + (<usize>i << 2));
      const k1 = load<i32>(nz + (<usize>(i + 1) << 2));
      const k2 = load<i32>(nz + (<usize>(i + 2) << 2));
      const k3 = load<i32>(nz + (<usize>(i + 3) << 2));
      const w0 = w + (<usize>(k0 * n) << 3);
      const w1 = w + (<usize>(k1 * n) << 3);
      const w2 = w + (<usize>(k2 * n) << 3);
      const w3 = w + (<usize>(k3 * n) << 3);
      let a0 = f64x2.splat(0);
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      for (let jj = 0; jj < pairs; jj += 2) {
        const d = v128.load(dr + (<usize>jj << 3));
        const o = <usize>jj << 3;
        a0 = f64x2.add(a0, f64x2.mul(v128.load(w0 + o), d));
        a1 = f64x2.add(a1, f64x2.mul(v128.load(w1 + o), d));
        a2 = f64x2.add(a2, f64x2.mul(v128.load(w2 + o), d));
        a3 = f64x2.add(a3, f64x2.mul(v128.load(w3 + o), d));
      }
      store<f64>(out + (<usize>k0 << 3), finishPairs(a0, w0, dr, n, pairs));
      store<f64>(out + (<usize>k1 << 3), finishPairs(a1, w1, dr, n, pairs));
      store<f64>(out + (<usize>k2 << 3), finishPairs(a2, w2, dr, n, pairs));
      store<f64>(out + (<usize>k3 << 3), finishPairs(a3, w3, dr, n, pairs));
    }
    for (; i < m; i++) {
      const k = load<i32>(nz + (<usize>i << 2));
      store<f64>(out + (<usize>k << 3), dotPairsF64(w + (<usize>(k * n) << 3), dr, n));
    }
  }
}

/**
 * Column j of gw: gw[k, j] = Σ_r x[r, k]·dOut[r, j] with inputs k, k + 1 in a f64x2 (contiguous in a row of
 * x), eight inputs at once; an odd last input takes lane 0 alone.
 */
function narrowKernelGrad(x: usize, dOut: usize, rows: i32, fanIn: i32, n: i32, gw: usize, j: i32): void {
  const xRow = <usize>fanIn << 3;
  const dRow = <usize>n << 3;
  const dj = dOut + (<usize>j << 3);
  const gj = gw + (<usize>j << 3);
  let k = 0;
  for (; k + 7 < fanIn; k += 8) {
    let a0 = f64x2.splat(0);
    let a1 = a0;
    let a2 = a0;
    let a3 = a0;
    for (let r = 0; r < rows; r++) {
      const d = v128.load64_splat(dj + <usize>r * dRow);
      const xr = x + <usize>r * xRow + (<usize>k << 3);
      a0 = f64x2.add(a0, termSkip0(v128.load(xr), d));
      a1 = f64x2.add(a1, termSkip0(v128.load(xr, 16), d));
      a2 = f64x2.add(a2, termSkip0(v128.load(xr, 32), d));
      a3 = f64x2.add(a3, termSkip0(v128.load(xr, 48), d));
    }
    const g = gj + <usize>k * dRow;
    v128.store64_lane(g, a0, 0);
    v128.store64_lane(g + dRow, a0, 1);
    v128.store64_lane(g + 2 * dRow, a1, 0);
    v128.store64_lane(g + 3 * dRow, a1, 1);
    v128.store64_lane(g + 4 * dRow, a2, 0);
    v128.store64_lane(g + 5 * dRow, a2, 1);
    v128.store64_lane(g + 6 * dRow, a3, 0);
    v128.store64_lane(g + 7 * dRow, a3, 1);
  }
  for (; k < fanIn; k += 2) {
    const two = k + 1 < fanIn;
    let a = f64x2.splat(0);
    for (let r = 0; r < rows; r++) {
      const p = x + <usize>r * xRow + (<usize>k << 3);
      a = f64x2.add(a, termSkip0(two ? v128.load(p) : v128.load64_zero(p), v128.load64_splat(dj + <usize>r * dRow)));
    }
    const g = gj + <usize>k * dRow;
    v128.store64_lane(g, a, 0);
    if (two) v128.store64_lane(g + dRow, a, 1);
  }
}

/**
 * dX of a layer of n < 8 units: dX[r, k] = E + O, the sums of w[k, j]·dOut[r, j] over even and over odd j
 * (each from 0, in j order: the TypeScript loop's two partial sums), inputs k, k + 1 in a f64x2, eight
 * inputs at once; with sparseDx, 0 where x is 0.
 */
function narrowDx(x: usize, dOut: usize, rows: i32, fanIn: i32, w: usize, n: i32, dX: usize, sparseDx: bool): void {
  const xRow = <usize>fanIn << 3;
  const wRow = <usize>n << 3;
  const zero = f64x2.splat(0);
  for (let r = 0; r < rows; r++) {
    const dr = dOut + <usize>r * wRow;
    const out = dX + <usize>r * xRow;
    const xr = x + <usize>r * xRow;
    let k = 0;
    for (; k + 7 < fanIn; k += 8) {
      const w0 = w + <usize>k * wRow;
      let e0 = zero;
      let e1 = zero;
      let e2 = zero;
      let e3 = zero;
      let o0 = zero;
      let o1 = zero;
      let o2 = zero;
      let o3 = zero;
      let jj = 0;
      for (; jj + 1 < n; jj += 2) {
        const o = <usize>jj << 3;
        const de = v128.load64_splat(dr + o);
        const dd = v128.load64_splat(dr + o + 8);
        const p = w0 + o;
        e0 = f64x2.add(e0, f64x2.mul(pairAt(p, p + wRow), de));
        e1 = f64x2.add(e1, f64x2.mul(pairAt(p + 2 * wRow, p + 3 * wRow), de));
        e2 = f64x2.add(e2, f64x2.mul(pairAt(p + 4 * wRow, p + 5 * wRow), de));
        e3 = f64x2.add(e3, f64x2.mul(pairAt(p + 6 * wRow, p + 7 * wRow), de));
        o0 = f64x2.add(o0, f64x2.mul(pairAt(p + 8, p + wRow + 8), dd));
        o1 = f64x2.add(o1, f64x2.mul(pairAt(p + 2 * wRow + 8, p + 3 * wRow + 8), dd));
        o2 = f64x2.add(o2, f64x2.mul(pairAt(p + 4 * wRow + 8, p + 5 * wRow + 8), dd));
        o3 = f64x2.add(o3, f64x2.mul(pairAt(p + 6 * wRow + 8, p + 7 * wRow + 8), dd));
      }
      if (jj < n) {
        const o = <usize>jj << 3;
        const de = v128.load64_splat(dr + o);
        const p = w0 + o;
        e0 = f64x2.add(e0, f64x2.mul(pairAt(p, p + wRow), de));
        e1 = f64x2.add(e1, f64x2.mul(pairAt(p + 2 * wRow, p + 3 * wRow), de));
        e2 = f64x2.add(e2, f64x2.mul(pairAt(p + 4 * wRow, p + 5 * wRow), de));
        e3 = f64x2.add(e3, f64x2.mul(pairAt(p + 6 * wRow, p + 7 * wRow), de));
      }
      const ok = out + (<usize>k << 3);
      let s0 = f64x2.add(e0, o0);
      let s1 = f64x2.add(e1, o1);
      let s2 = f64x2.add(e2, o2);
      let s3 = f64x2.add(e3, o3);
      if (sparseDx) {
        const xk = xr + (<usize>k << 3);
        s0 = v128.bitselect(zero, s0, f64x2.eq(v128.load(xk), zero));
        s1 = v128.bitselect(zero, s1, f64x2.eq(v128.load(xk, 16), zero));
        s2 = v128.bitselect(zero, s2, f64x2.eq(v128.load(xk, 32), zero));
        s3 = v128.bitselect(zero, s3, f64x2.eq(v128.load(xk, 48), zero));
      }
      v128.store(ok, s0);
      v128.store(ok, s1, 16);
      v128.store(ok, s2, 32);
      v128.store(ok, s3, 48);
    }
    for (; k < fanIn; k++) {
      const wk = w + <usize>k * wRow;
      let e = 0.0;
      let o = 0.0;
      let jj = 0;
      for (; jj + 1 < n; jj += 2) {
        e += load<f64>(wk + (<usize>jj << 3)) * load<f64>(dr + (<usize>jj << 3));
        o += load<f64>(wk + (<usize>jj << 3), 8) * load<f64>(dr + (<usize>jj << 3), 8);
      }
      if (jj < n) e += load<f64>(wk + (<usize>jj << 3)) * load<f64>(dr + (<usize>jj << 3));
      store<f64>(out + (<usize>k << 3), sparseDx && load<f64>(xr + (<usize>k << 3)) == 0 ? 0.0 : e + o);
    }
  }
}

/** The end of simd.ts dotPairsF64 for lanes `acc` over the first `pairs` terms: an odd n's last term joins the even sum. */
@inline
function finishPairs(acc: v128, w: usize, d: usize, n: i32, pairs: i32): f64 {
  let even = f64x2.extract_lane(acc, 0);
  if (pairs < n) even += load<f64>(w + (<usize>pairs << 3)) * load<f64>(d + (<usize>pairs << 3));
  return even + f64x2.extract_lane(acc, 1);
}
